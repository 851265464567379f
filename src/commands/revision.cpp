#include <fmt/format.h>
#include <algorithm>

#include "commands/autogenerate.hpp"
#include "commands/new_revision.hpp"
#include "retort/error.hpp"
#include "revision/identifiers.hpp"
#include "support/text.hpp"

namespace retort {

namespace fs = std::filesystem;
using commands::Index;

namespace commands {

std::string new_revision_id(const revisions::Graph& g, const std::string& requested,
                            const std::vector<std::string>& labels) {
  std::string id = requested.empty() ? migrations::generate_revision_id() : requested;
  if (!revisions::valid_revision_id(id)) throw Error(ErrorCode::Usage, revisions::invalid_revision_id(id));
  if (auto existing = g.find(id)) {
    throw Error(ErrorCode::Usage, fmt::format("Revision {} already present ({})", id, g.node(*existing).source));
  }
  for (const auto& label : labels) {
    if (!revisions::valid_revision_id(label)) {
      throw Error(ErrorCode::Usage, fmt::format("Branch label '{}' must use letters, digits and '_'", label));
    }
    if (auto owner = g.find_label(label)) {
      throw Error(ErrorCode::Usage, fmt::format("Branch name '{}' already used by revision {} ({})", label,
                                                g.id(*owner), g.node(*owner).source));
    }
  }
  return id;
}

// The file is parsed back so a broken template is caught before it lands in the graph.
RevisionEntry write_new(runtime::Project& project, const fs::path& dir, const migrations::NewRevision& rev,
                        EventSink& sink) {
  auto path = migrations::write_revision(project.config(), dir, rev);
  migrations::Script written;
  try {
    written = migrations::parse_script(path.string(), text::read_file(path.string()));
  } catch (const Error& e) {
    fs::remove(path);
    throw e.reworded(ErrorCode::Parse, "The revision template produced an invalid file (removed): " + e.message());
  }
  sink.on(FileWritten{path.string(), false, false});
  RevisionEntry entry;
  entry.id = rev.id;
  entry.parents = rev.parents;
  entry.depends_on = rev.depends_on;
  entry.branch_labels = rev.branch_labels;
  entry.message = rev.message;
  entry.create_date = written.create_date;  // as the template wrote it
  entry.header = written.header;
  entry.path = path.string();
  entry.is_head = true;
  entry.is_base = rev.parents.empty();
  entry.is_merge_point = rev.parents.size() > 1;
  return entry;
}

fs::path version_dir(const runtime::Project& project, const std::optional<fs::path>& requested,
                     const std::vector<Index>& parents) {
  auto dirs = project.config().versions_dirs();
  if (requested) {
    auto p = fs::absolute(*requested).lexically_normal();
    for (const auto& d : dirs) {
      if (fs::weakly_canonical(d) == fs::weakly_canonical(p)) return d;
    }
    std::vector<std::string> names;
    for (const auto& d : dirs) names.push_back(d.string());
    throw Error(ErrorCode::Usage, fmt::format("Path {} is not represented in current version locations: {}",
                                              requested->string(), text::join(names, ", ")));
  }
  if (dirs.size() == 1) return dirs.front();
  if (!parents.empty()) return fs::path(project.graph().node(parents.front()).source).parent_path();
  throw Error(ErrorCode::Usage, "Multiple version locations present, please specify --version-path");
}

}  // namespace commands

RevisionEntry revision(const Config& config, const RevisionOptions& options, EventSink& sink) {
  commands::require_files(config, "revision");
  runtime::Project project(config);
  const auto& g = project.graph();
  revisions::Resolver resolver(g);
  std::vector<Index> parents;
  auto head = options.head.empty() ? std::string("head") : options.head;
  if (head == "head" && g.real_heads().size() > 1) {
    throw Error(ErrorCode::Plan,
                "Multiple heads are present; please specify the head revision on which the new "
                "revision should be based, or perform a merge.");
  }
  auto resolved = resolver.resolve(head);
  parents = resolved.revisions;
  if (parents.size() > 1) {
    throw Error(ErrorCode::Plan, fmt::format("--head {} names several revisions ({}); name one", head,
                                             text::join(g.ids(parents), ", ")));
  }
  for (auto p : parents) {
    if (!g.is_head(p) && !options.splice) {
      throw Error(ErrorCode::Plan, fmt::format("Revision {} is not a head revision; please specify --splice to create "
                                               "a new branch from this revision",
                                               g.id(p)));
    }
  }
  migrations::NewRevision rev;
  rev.id = commands::new_revision_id(g, options.rev_id, options.branch_labels);
  rev.message = options.message;
  rev.parents = g.ids(parents);
  rev.branch_labels = options.branch_labels;
  if (config.dialects.size() > 1) rev.dialects = config.dialects;
  for (const auto& dep : options.depends_on) {
    // Partial ids become full ids; branch labels stay labels (as Alembic does).
    if (g.find_label(dep) && !g.find(dep))
      rev.depends_on.push_back(dep);
    else
      rev.depends_on.push_back(g.id(resolver.resolve_single(dep)));
  }
  if (options.autogenerate) rev.by_dialect = commands::autogenerate_dialects(project, sink);
  auto dir = commands::version_dir(project, options.version_path, parents);
  auto entry = commands::write_new(project, dir, rev, sink);
  if (options.autogenerate) commands::lint_generated(config, entry.id, sink);
  return entry;
}

}  // namespace retort
