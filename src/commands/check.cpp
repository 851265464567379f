#include "diff/differ.hpp"
#include "retort/commands.hpp"
#include "runtime/schemas.hpp"

namespace retort {

CheckResult check(const Config& config, const CheckOptions& options) {
  runtime::Project project(config);
  const auto& inspector = runtime::inspector_of(project);
  auto desired = runtime::desired_schema(project);
  auto actual = options.migrations ? runtime::migrated_schema(project) : runtime::live_schema(project);
  auto changes = diff::compare(actual, desired, inspector.hooks());
  CheckResult result;
  result.compared = options.migrations ? "the migrations" : project.url().masked();
  for (const auto& c : changes) result.differences.push_back(diff::describe(c));
  for (const auto& h : diff::rename_hints(changes)) {
    result.hints.push_back("column " + h.table + "." + h.from + " dropped and " + h.table + "." + h.to +
                           " added with the same type: a rename? (ALTER TABLE " + h.table + " RENAME COLUMN " + h.from +
                           " TO " + h.to + ")");
  }
  return result;
}

}  // namespace retort
