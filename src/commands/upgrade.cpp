#include <fmt/format.h>

#include "commands/entries.hpp"
#include "commands/integrity.hpp"
#include "runtime/backup.hpp"
#include "retort/error.hpp"
#include "revision/identifiers.hpp"
#include "support/text.hpp"

namespace retort {

namespace commands {

RunResult to_result(runtime::Project& project, const revisions::Plan& plan) {
  RunResult result;
  for (const auto& step : plan.steps) result.steps.push_back(project.step_info(step));
  result.revisions_before = plan.rows_before;
  result.revisions_after = plan.rows_after;
  return result;
}

/// Rows an offline run starts from: the `start` of `start:end`, or base.
std::vector<std::string> offline_start(runtime::Project& project, const std::string& start) {
  if (start.empty() || start == "base") return {};
  const auto& g = project.graph();
  revisions::Resolver resolver(g);
  return g.ids(g.heads_of(g.ancestors(resolver.resolve(start).revisions)));
}

std::pair<std::string, std::string> split_range(const std::string& arg) {
  auto colon = arg.find(':');
  return {arg.substr(0, colon), arg.substr(colon + 1)};
}

RunResult run_command(const Config& config, const std::string& target, const RunOptions& options, EventSink& sink,
                      bool up) {
  runtime::Project project(config);
  const auto& g = project.graph();
  auto plan_for = [&](const std::vector<std::string>& rows, const std::string& t) {
    return up ? revisions::plan_upgrade(g, rows, t) : revisions::plan_downgrade(g, rows, t);
  };
  const bool is_range = target.find(':') != std::string::npos;
  if (options.sql) {
    std::string start, end = target;
    if (is_range)
      std::tie(start, end) = split_range(target);
    else if (!up) {
      throw Error(ErrorCode::Usage, "downgrade with --sql requires <fromrev>:<torev>");
    }
    auto rows = offline_start(project, start);
    auto plan = plan_for(rows, end);
    auto result = to_result(project, plan);
    result.sql = runtime::render_offline(project, plan, rows.empty() && up, sink);
    return result;
  }
  if (is_range) throw Error(ErrorCode::Usage, "Range revision not allowed; ranges are for --sql (start:end)");
  if (options.plan) {
    auto plan = plan_for(runtime::read_rows(project), target);
    runtime::check_runnable(project, plan);
    return to_result(project, plan);
  }
  // Before upgrading: the applied migrations still match what ran (on_checksum_mismatch). Before
  // either direction's first step: the backup, when asked for and something is pending.
  const bool backup = options.backup || project.config().backup;
  runtime::BeforeRun before = [&](dialects::Connection& conn, const std::vector<std::string>& rows) {
    if (up) {
      const auto found = verify_integrity(project, read_integrity(project, conn, rows));
      if (!found.changed.empty()) {
      const bool fail = project.config().on_checksum_mismatch == "fail";
      auto message = fmt::format(
          "{} applied migration(s) changed since they ran{}:\n  {}", found.changed.size(),
          fail ? "; nothing was run (on_checksum_mismatch = \"fail\")" : "",
          text::join(found.changed, "\n  "));
      message += "\nAccept a deliberate edit with `retort rehash <revision>`.";
      if (fail) throw Error(ErrorCode::Plan, message);
      sink.on(Warning{message});
      }
    }
    if (backup && !plan_for(rows, target).steps.empty()) runtime::backup_before_run(project, rows, sink);
  };
  TimingSink timed(sink);
  auto plan = runtime::run_online(
      project, [&](const std::vector<std::string>& rows) { return plan_for(rows, target); }, timed, options.cancel,
      before);
  auto result = to_result(project, plan);
  result.durations = std::move(timed.durations);
  return result;
}

}  // namespace commands

RunResult upgrade(const Config& config, const std::string& target, const RunOptions& options, EventSink& sink) {
  return commands::run_command(config, target, options, sink, true);
}

RunResult downgrade(const Config& config, const std::string& target, const RunOptions& options, EventSink& sink) {
  return commands::run_command(config, target, options, sink, false);
}

}  // namespace retort
