#include "commands/entries.hpp"
#include "retort/error.hpp"

namespace retort {

CurrentResult current(const Config& config, bool check_heads) {
  runtime::Project project(config);
  const auto& g = project.graph();
  CurrentResult result;
  result.url = project.url().masked();
  auto rows = runtime::read_rows(project);
  auto revs = commands::current_revisions(g, rows);
  result.revisions = commands::make_entries(project, revs, revs);
  if (check_heads && !commands::at_all_heads(g, rows)) {
    throw Error(ErrorCode::Plan, "Database is not on all head revisions");
  }
  return result;
}

}  // namespace retort
