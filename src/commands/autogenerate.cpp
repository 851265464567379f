// revision --autogenerate: diff the desired schema against the database and write both sections.

#include <fmt/format.h>

#include <algorithm>

#include "commands/autogenerate.hpp"
#include "commands/entries.hpp"
#include "diff/differ.hpp"
#include "retort/error.hpp"
#include "runtime/schemas.hpp"
#include "support/text.hpp"

namespace retort::commands {

namespace {

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

}  // namespace

Generated autogenerate(runtime::Project& project, EventSink& sink) {
  const auto& g = project.graph();
  // A migration written against a database that is not at head would repeat or undo other work.
  if (!at_all_heads(g, runtime::read_rows(project, project.reader())))
    throw Error(ErrorCode::Plan, "Target database is not up to date.");

  const auto* renderer = project.dialect().renderer();
  if (!renderer) {
    throw Error(ErrorCode::Config, fmt::format("--autogenerate is not available for {} yet", project.dialect().name()));
  }
  const auto& inspector = runtime::inspector_of(project);
  auto desired = runtime::desired_schema(project);
  auto actual = runtime::live_schema(project, desired);
  auto changes = diff::compare(actual, desired, inspector.hooks());
  for (const auto& c : changes) sink.on(Info{"Detected " + diff::describe(c)});
  for (const auto& s : runtime::not_compared(desired, actual)) sink.on(Info{"Not compared (not modelled yet): " + s});
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

}  // namespace retort::commands
