#include <fmt/format.h>

#include "diff/differ.hpp"
#include "retort/commands.hpp"
#include "runtime/schemas.hpp"

namespace retort {

CheckResult check(const Config& config, const CheckOptions& options) {
  runtime::Project project(config);
  const auto& inspector = runtime::inspector_of(project);
  auto desired = runtime::desired_schema(project);
  auto actual = options.migrations ? runtime::migrated_schema(project) : runtime::live_schema(project, desired);
  auto changes = diff::compare(actual, desired, inspector.hooks());
  CheckResult result;
  result.compared = options.migrations ? "the migrations" : project.url().masked();
  for (const auto& c : changes) result.differences.push_back(diff::describe(c));
  for (const auto& h : diff::rename_hints(changes)) {
    const auto& d = project.dialect();
    result.hints.push_back(fmt::format(
        "column {0}.{1} dropped and {0}.{2} added with the same type: a rename? (ALTER TABLE {3} RENAME COLUMN {4} "
        "TO {5})",
        h.table.str(), h.from, h.to, d.quote_qualified(h.table), d.quote_identifier(h.from), d.quote_identifier(h.to)));
  }
  result.not_compared = runtime::not_compared(desired, actual);
  return result;
}

}  // namespace retort
