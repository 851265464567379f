#include <fmt/format.h>

#include "commands/entries.hpp"
#include "retort/error.hpp"
#include "revision/identifiers.hpp"

namespace retort {

RunResult stamp(const Config& config, const std::vector<std::string>& targets, const RunOptions& options,
                EventSink& sink) {
  if (targets.empty()) throw Error(ErrorCode::Usage, "stamp needs at least one revision (e.g. head, base)");
  runtime::Project project(config);
  const auto& g = project.graph();
  if (options.sql) {
    if (options.purge) throw Error(ErrorCode::Usage, "Can't use --purge with --sql mode");
    std::optional<std::string> start;
    std::vector<std::string> ends;
    for (const auto& t : targets) {
      auto colon = t.find(':');
      std::string s = colon == std::string::npos ? std::string() : t.substr(0, colon);
      if (start && *start != s) {
        throw Error(ErrorCode::Usage, "Stamp operation with --sql only supports a single starting revision at a time");
      }
      start = s;
      ends.push_back(colon == std::string::npos ? t : t.substr(colon + 1));
    }
    auto rows = commands::offline_start(project, *start);
    auto plan = revisions::plan_stamp(g, rows, ends, false);
    auto result = commands::to_result(project, plan);
    result.sql = runtime::render_offline(project, plan, rows.empty(), sink);
    return result;
  }
  for (const auto& t : targets) {
    if (t.find(':') != std::string::npos)
      throw Error(ErrorCode::Usage, "Range revision not allowed; ranges are for --sql");
  }
  if (options.plan) {
    auto plan = revisions::plan_stamp(g, runtime::read_rows(project), targets, options.purge);
    return commands::to_result(project, plan);
  }
  commands::TimingSink timed(sink);
  auto plan = runtime::run_online(
      project,
      [&](const std::vector<std::string>& rows) { return revisions::plan_stamp(g, rows, targets, options.purge); },
      timed, options.cancel);
  auto result = commands::to_result(project, plan);
  result.durations = std::move(timed.durations);
  return result;
}

}  // namespace retort
