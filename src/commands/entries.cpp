#include "commands/entries.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "retort/error.hpp"
#include "revision/identifiers.hpp"

namespace retort::commands {

namespace {

/// What the graph says of revision i: the fields both make_entry and take_entries fill the same way.
RevisionEntry graph_entry(const revisions::Graph& g, Index i) {
  RevisionEntry e;
  e.id = g.id(i);
  e.path = g.node(i).source;
  e.parents = g.ids(g.parents(i));
  e.depends_on = g.ids(g.dependencies(i));
  e.children = g.ids(g.children(i));  // file order
  e.branch_labels = g.labels(i);
  e.is_head = g.is_head(i);
  e.is_effective_head = g.is_head(i) && !g.is_real_head(i);
  e.is_base = g.is_base(i);
  e.is_branch_point = g.is_branch_point(i);
  e.is_merge_point = g.is_merge_point(i);
  return e;
}

/// The script's fields, copied from a script the project keeps or moved from one it released.
template <class S>
void script_fields(RevisionEntry& e, S&& s) {
  e.message = std::forward<S>(s).message;
  e.create_date = std::forward<S>(s).create_date;
  e.header = std::forward<S>(s).header;
}

}  // namespace

RevisionEntry make_entry(const runtime::Project& project, Index i) {
  auto e = graph_entry(project.graph(), i);
  script_fields(e, project.scripts().script(i));
  return e;
}

std::vector<RevisionEntry> take_entries(runtime::Project& project, const std::vector<Index>& revs,
                                        const std::vector<Index>& current) {
  const auto& g = project.graph();
  std::vector<RevisionEntry> out;
  out.reserve(revs.size());
  std::vector<std::size_t> listed(g.size(), revs.size());  // where each revision's entry is
  for (auto r : revs) {
    if (listed[r] < out.size()) {  // listed twice: the script was taken already
      out.push_back(out[listed[r]]);
      continue;
    }
    listed[r] = out.size();
    auto e = graph_entry(g, r);
    script_fields(e, project.scripts().release(r));
    e.is_current = std::find(current.begin(), current.end(), r) != current.end();
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<RevisionEntry> make_entries(const runtime::Project& project, const std::vector<Index>& revs,
                                        const std::vector<Index>& current) {
  std::vector<RevisionEntry> out;
  out.reserve(revs.size());
  for (auto r : revs) {
    auto e = make_entry(project, r);
    e.is_current = std::find(current.begin(), current.end(), r) != current.end();
    out.push_back(std::move(e));
  }
  return out;
}

bool at_all_heads(const revisions::Graph& g, const std::vector<std::string>& rows) {
  auto applied = g.heads_of(revisions::applied_from_rows(g, rows));
  auto heads = g.real_heads();
  std::sort(applied.begin(), applied.end());
  std::sort(heads.begin(), heads.end());
  return applied == heads;
}

std::vector<Index> current_revisions(const revisions::Graph& g, const std::vector<std::string>& rows) {
  auto applied = revisions::applied_from_rows(g, rows);
  std::vector<Index> out;
  auto order = g.ordered(applied);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const auto& cs = g.children(*it);
    if (std::none_of(cs.begin(), cs.end(), [&](Index c) { return applied.contains(c); })) out.push_back(*it);
  }
  return out;
}

void require_files(const Config& config, const char* command) {
  if (!config.embedded_set) return;
  throw Error(ErrorCode::Usage,
              fmt::format("{} works on migration files, and these migrations are compiled into the program ('{}'); "
                          "run it with the command line in the project that holds the files",
                          command, config.embedded_set->name));
}

std::vector<Index> resolve_for_listing(runtime::Project& project, const std::string& text) {
  std::vector<Index> current;
  bool needs_db = text.find("current") != std::string::npos;
  if (needs_db) current = current_revisions(project.graph(), runtime::read_rows(project));
  revisions::Resolver resolver(project.graph(), needs_db ? &current : nullptr);
  return resolver.resolve(text).revisions;
}

}  // namespace retort::commands
