#include <fmt/format.h>

#include <map>
#include <optional>

#include "commands/entries.hpp"
#include "diff/differ.hpp"
#include "diff/portability.hpp"
#include "retort/commands.hpp"
#include "runtime/schemas.hpp"
#include "support/text.hpp"

namespace retort {

namespace {

/// Adds what differs between `actual` and `desired` in `project`'s dialect; `label` prefixes each
/// line when several dialects are checked.
void compare_into(CheckResult& result, runtime::Project& project, const schema::Schema& actual,
                  const schema::Schema& desired, const std::string& label) {
  auto changes = diff::compare(actual, desired, runtime::inspector_of(project).hooks());
  for (const auto& c : changes) result.differences.push_back(label + diff::describe(c));
  for (const auto& h : diff::rename_hints(changes)) {
    const auto& d = project.dialect();
    result.hints.push_back(fmt::format(
        "{0}column {1}.{2} dropped and {1}.{3} added with the same type: a rename? (ALTER TABLE {4} RENAME COLUMN "
        "{5} TO {6})",
        label, h.table.str(), h.from, h.to, d.quote_qualified(h.table), d.quote_identifier(h.from),
        d.quote_identifier(h.to)));
  }
  for (const auto& n : runtime::not_compared(desired, actual)) result.not_compared.push_back(label + n);
}

/// check --migrations for a project that declares several dialects: each replayed into a scratch
/// database of its own (the URL's where it is, when one is configured) against its own desired schema.
CheckResult check_dialects(runtime::Project& project, const std::vector<std::string>& declared) {
  const auto& config = project.config();
  const bool has_url = !config.url.empty() || config.connection;
  const std::string own = has_url ? std::string(project.dialect().name()) : std::string();
  CheckResult result;
  result.compared = fmt::format("the migrations ({})", text::join(declared, ", "));
  std::map<std::string, schema::Schema> migrated;
  for (const auto& name : declared) {
    std::optional<runtime::Project> replay;
    if (name != own) replay.emplace(runtime::replay_config(config, name, "check --migrations replays the migrations"));
    auto& here = replay ? *replay : project;
    auto desired = runtime::desired_schema(here);
    auto actual = runtime::migrated_schema(here);
    compare_into(result, here, actual, desired, fmt::format("[{}] ", name));
    migrated.emplace(name, std::move(actual));
  }
  if (migrated.contains("sqlite") && migrated.contains("postgresql")) {
    for (const auto& w : diff::portability(migrated.at("sqlite"), migrated.at("postgresql"), config.ignore_portability))
      result.warnings.push_back(w.describe());
  }
  return result;
}

}  // namespace

CheckResult check(const Config& config, const CheckOptions& options) {
  runtime::Project project(config);
  if (options.migrations && config.dialects.size() > 1) return check_dialects(project, config.dialects);
  auto desired = runtime::desired_schema(project);
  auto actual = options.migrations ? runtime::migrated_schema(project) : runtime::live_schema(project, desired);
  CheckResult result;
  result.compared = options.migrations ? "the migrations" : project.url().masked();
  compare_into(result, project, actual, desired, "");
  if (!options.migrations && !result.differences.empty()) {
    // Differences from a database behind head are often just migrations not run yet.
    const auto& g = project.graph();
    const auto rows = runtime::read_rows(project);
    if (!commands::at_all_heads(g, rows)) {
      result.hints.push_back(fmt::format("the database is at {}, not at head ({}): run 'retort upgrade heads' and "
                                         "check again, or 'retort check --migrations' to check the files alone",
                                         rows.empty() ? std::string("base") : text::join(rows, ", "),
                                         text::join(g.ids(g.real_heads()), ", ")));
    }
  }
  return result;
}

}  // namespace retort
