// revision --autogenerate: diff the desired schema against the database and write both sections.

#include <fmt/format.h>

#include <algorithm>

#include "commands/autogenerate.hpp"
#include "commands/entries.hpp"
#include "diff/differ.hpp"
#include "diff/portability.hpp"
#include "retort/error.hpp"
#include "runtime/schemas.hpp"
#include "support/text.hpp"

namespace retort::commands {

namespace {

/// Both sections of one dialect.
struct Generated {
  std::string upgrade_sql;
  std::string downgrade_sql;
  std::size_t changes = 0;
};

/// The statements of one direction. When some must run outside a transaction, each run of
/// statements in one mode becomes a block of its own (docs/file-format.md); the writer drops the
/// template's marker when a block marker follows it directly.
std::string render_section(const std::vector<dialects::RenderedStatement>& statements, std::string_view direction) {
  const bool blocks = std::any_of(statements.begin(), statements.end(),
                                  [](const auto& s) { return s.outside_transaction; }) &&
                      std::any_of(statements.begin(), statements.end(),
                                  [](const auto& s) { return !s.outside_transaction; });
  std::string out;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const auto& s = statements[i];
    if (blocks && (i == 0 || s.outside_transaction != statements[i - 1].outside_transaction)) {
      out += fmt::format("{}-- migrate:{}{}\n", i == 0 ? "" : "\n", direction,
                         s.outside_transaction ? " transaction:false" : "");
    }
    for (auto line : text::lines(s.comment)) out += fmt::format("-- {}\n", line);
    out += text::sql_terminated(s.sql);
  }
  return out;
}

/// Both directions from `actual` to `desired`, rendered by the project's dialect; `label` prefixes
/// the events when several dialects are generated.
Generated render(runtime::Project& project, const schema::Schema& actual, const schema::Schema& desired,
                 const std::string& label, EventSink& sink) {
  const auto* renderer = project.dialect().renderer();
  if (!renderer) {
    throw Error(ErrorCode::Config, fmt::format("--autogenerate is not available for {} yet", project.dialect().name()));
  }
  auto changes = diff::compare(actual, desired, runtime::inspector_of(project).hooks());
  for (const auto& c : changes) sink.on(Info{label + "Detected " + diff::describe(c)});
  for (const auto& s : runtime::not_compared(desired, actual))
    sink.on(Info{label + "Not compared (not modelled yet): " + s});
  Generated out;
  out.changes = changes.size();
  std::string hints;
  for (const auto& h : diff::rename_hints(changes)) {
    hints += fmt::format(
        "-- HINT: {}.{} is dropped and {}.{} added with the same type. If this is a rename, replace both with:\n"
        "--   ALTER TABLE {} RENAME COLUMN {} TO {};\n",
        h.table.str(), h.from, h.table.str(), h.to, project.dialect().quote_qualified(h.table),
        project.dialect().quote_identifier(h.from), project.dialect().quote_identifier(h.to));
  }
  out.upgrade_sql = hints + render_section(renderer->render(actual, desired, changes), "upgrade");
  out.downgrade_sql = render_section(renderer->render(desired, actual, diff::reverse(changes)), "downgrade");
  return out;
}

void require_at_heads(runtime::Project& project) {
  // A migration written against a database that is not at head would repeat or undo other work.
  const auto rows = runtime::read_rows(project, project.reader());
  const auto& g = project.graph();
  if (!at_all_heads(g, rows)) {
    throw Error(ErrorCode::Plan,
                fmt::format("Target database is not up to date: it is at {}, the head{} {}; run 'retort upgrade "
                            "heads' first",
                            rows.empty() ? std::string("base") : text::join(rows, ", "),
                            g.real_heads().size() == 1 ? " is" : "s are", text::join(g.ids(g.real_heads()), ", ")));
  }
}

}  // namespace

std::map<std::string, std::pair<std::string, std::string>> autogenerate_dialects(runtime::Project& project,
                                                                                 EventSink& sink) {
  const std::string own(project.dialect().name());
  const auto declared = runtime::declared_dialects(project);
  std::map<std::string, std::pair<std::string, std::string>> out;
  std::map<std::string, schema::Schema> desired_of;
  const bool several = declared.size() > 1;
  for (const auto& name : declared) {
    const auto label = several ? fmt::format("[{}] ", name) : std::string();
    Generated g;
    if (name == own) {
      require_at_heads(project);
      auto desired = runtime::desired_schema(project);
      g = render(project, runtime::live_schema(project, desired), desired, label, sink);
      desired_of.emplace(name, std::move(desired));
    } else {
      // Another dialect: the migrations so far, replayed into a scratch database of its own.
      runtime::Project there(runtime::replay_config(
          project.config(), name, "autogenerate renders its sections from the migrations replayed"));
      auto desired = runtime::desired_schema(there);
      g = render(there, runtime::migrated_schema(there), desired, label, sink);
      desired_of.emplace(name, std::move(desired));
    }
    out[name] = {g.upgrade_sql, g.downgrade_sql};
  }
  // What the two desired schemas will mean differently to the application once migrated.
  if (desired_of.contains("sqlite") && desired_of.contains("postgresql")) {
    for (const auto& w : diff::portability(desired_of.at("sqlite"), desired_of.at("postgresql"),
                                             project.config().ignore_portability))
      sink.on(Warning{w.describe()});
  }
  return out;
}

}  // namespace retort::commands
