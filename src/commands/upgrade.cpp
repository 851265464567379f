#include <fmt/format.h>

#include "commands/entries.hpp"
#include "commands/integrity.hpp"
#include "runtime/backup.hpp"
#include "retort/error.hpp"
#include "revision/identifiers.hpp"
#include "support/text.hpp"

namespace retort {

namespace commands {

namespace {

/// Where DDL commits as it goes, a migration that stopped half-way leaves the database between
/// two revisions: nothing runs until the user has settled it.
[[noreturn]] void refuse_half_applied(runtime::Project& project, const LedgerEntry& e,
                                      const std::vector<std::string>& rows) {
  const auto ran = e.statements_run.value_or(0);
  // Finishing a downgrade by hand leaves the database at the revision's parents.
  std::string finished = e.revision;
  if (e.direction == "downgrade") {
    const auto& g = project.graph();
    std::vector<std::string> parents;
    if (auto i = g.find(e.revision))
      for (auto p : g.parents(*i)) parents.push_back(g.id(p));
    finished = parents.empty() ? std::string("base") : text::join(parents, " ");
  }
  throw Error(ErrorCode::Plan,
              fmt::format("{} {} {} at {} after {} statement{} had run and committed ({} commits each DDL "
                          "statement), so the database may be half-way through it; nothing was run. Make it match "
                          "one revision, then record which: undo what ran and run `retort resolve` (the version "
                          "table says {}), or finish the migration by hand and run `retort stamp {}`",
                          e.direction, e.revision, e.outcome == "started" ? "was interrupted" : "failed",
                          e.started_at, ran, ran == 1 ? "" : "s",
                          project.dialect().title(),
                          rows.empty() ? std::string("base") : text::join(rows, ", "),
                          finished))
      .at_revision(e.revision);
}

}  // namespace


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
  const bool implicit_commits = !project.dialect().transactional_ddl();
  runtime::BeforeRun before = [&](dialects::Connection& conn, const std::vector<std::string>& rows) {
    if (!up && !implicit_commits) {
      if (backup && !plan_for(rows, target).steps.empty()) runtime::backup_before_run(project, rows, sink);
      return;
    }
    const auto integrity = read_integrity(project, conn, rows);
    if (implicit_commits && !integrity.interrupted.empty()) refuse_half_applied(project, *integrity.interrupted.back(), rows);
    if (up) {
      const auto found = verify_integrity(project, integrity);
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
