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
              fmt::format("{0} {1} {2} at {3} after {4} statement{5} had run and committed ({6} commits each DDL "
                          "statement), so the database may be half-way through it; nothing was run. Settle it one "
                          "of three ways: fix what failed and run the rest with `retort {0} --resume`; undo what ran "
                          "and run `retort resolve` (the version table says {7}); or finish the migration by hand "
                          "and run `retort stamp {8}`",
                          e.direction, e.revision, e.outcome == "started" ? "was interrupted" : "failed",
                          e.started_at, ran, ran == 1 ? "" : "s",
                          project.dialect().title(),
                          rows.empty() ? std::string("base") : text::join(rows, ", "),
                          finished))
      .at_revision(e.revision);
}

/// The step `--resume` goes on with: the newest that stopped half-way, in this command's direction.
LedgerEntry resumable(runtime::Project& project, const Integrity& integrity, bool up) {
  if (integrity.interrupted.empty()) {
    throw Error(ErrorCode::Usage, "Nothing to resume: no migration of this database stopped half-way");
  }
  const auto& e = *integrity.interrupted.back();
  const std::string direction = up ? "upgrade" : "downgrade";
  if (e.direction != direction) {
    throw Error(ErrorCode::Usage, fmt::format("The migration that stopped half-way is the {0} of {1}: resume it with "
                                              "`retort {0} --resume`",
                                              e.direction, e.revision))
        .at_revision(e.revision);
  }
  const auto& g = project.graph();
  const auto i = g.find(e.revision);
  if (!i) {
    throw Error(ErrorCode::Plan, fmt::format("The migration that stopped half-way, {}, has no file here", e.revision))
        .at_revision(e.revision);
  }
  return e;
}

/// Makes `plan`'s first step the half-run one, skipping what ran of it; refuses a plan that does
/// not start there (a target short of it, or another branch first).
void resume_first_step(runtime::Project& project, revisions::Plan& plan, const LedgerEntry& e) {
  const auto& g = project.graph();
  if (plan.steps.empty() || !plan.steps.front().revision || g.id(*plan.steps.front().revision) != e.revision) {
    throw Error(ErrorCode::Plan,
                fmt::format("--resume goes on with the {} of {}, but this run {}; give a target past {}",
                            e.direction, e.revision,
                            plan.steps.empty() ? std::string("has nothing to do")
                                               : "starts with " + project.step_info(plan.steps.front()).revision,
                            e.revision))
        .at_revision(e.revision);
  }
  const auto ran = e.statements_run.value_or(0);
  const auto& script = project.scripts().with_sections(*plan.steps.front().revision);
  long long total = 0;
  const auto direction = e.direction == "upgrade" ? migrations::Direction::Upgrade : migrations::Direction::Downgrade;
  for (const auto* block : script.blocks(direction, std::string(project.dialect().name())))
    total += static_cast<long long>(project.dialect().split(block->body, block->first_line).size());
  if (ran >= total) {
    throw Error(ErrorCode::Plan,
                fmt::format("The {} of {} has {} statement{}, and {} had run: nothing is left to resume. If it is "
                            "complete, record it with `retort stamp`",
                            e.direction, e.revision, total, total == 1 ? "" : "s", ran))
        .at_revision(e.revision);
  }
  plan.steps.front().skip = ran;
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
  std::optional<LedgerEntry> resumed;  // the half-run step --resume goes on with
  runtime::BeforeRun before = [&](dialects::Connection& conn, const std::vector<std::string>& rows) {
    if (options.resume) {
      resumed = resumable(project, read_integrity(project, conn, rows), up);
      return;
    }
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
      project,
      [&](const std::vector<std::string>& rows) {
        auto p = plan_for(rows, target);
        if (resumed) resume_first_step(project, p, *resumed);
        return p;
      },
      timed, options.cancel, before);
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
