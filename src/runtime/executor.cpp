// Executes a plan on a live connection. One transaction for the whole run by default, one per
// step with transaction_per_migration; transaction:false sections run between transactions.

#include <fmt/format.h>
#include <algorithm>
#include <chrono>

#include "migrations/checksum.hpp"
#include "retort/error.hpp"
#include "retort/retort.hpp"
#include "runtime/project.hpp"
#include "support/text.hpp"

namespace retort::runtime {

namespace {

using Clock = std::chrono::steady_clock;

migrations::Direction direction_of(const revisions::PlanStep& step) {
  return step.kind == StepKind::Downgrade ? migrations::Direction::Downgrade : migrations::Direction::Upgrade;
}

using revisions::rows_after;

std::string rows_text(const std::vector<std::string>& rows) {
  return rows.empty() ? std::string("base") : text::join(rows, ", ");
}

class Executor {
 public:
  /// `record`: write the ledger (online runs; replays into a scratch do not).
  Executor(Project& project, dialects::Connection& conn, EventSink& sink, const CancelToken& cancel, bool per_step,
           bool record)
      : project_(project),
        conn_(conn),
        sink_(sink),
        cancel_(cancel),
        table_(project.version_table()),
        per_step_(per_step),
        dialect_(project.dialect().name()) {
    if (record) ledger_.emplace(project.ledger());
  }

  void run(const revisions::Plan& plan) {
    rows_ = committed_ = written_ = plan.rows_before;
    if (plan.purge) {
      if (!conn_.in_transaction()) conn_.begin();
      conn_.execute(table_.purge_sql());
      written_.clear();
      rows_.clear();  // a purging plan's row changes start from an empty table
    }
    for (const auto& step : plan.steps) {
      current_ = &step;
      if (!conn_.in_transaction()) conn_.begin();
      run_step(step);
    }
    current_ = nullptr;
    if (conn_.in_transaction()) commit();
  }

  [[nodiscard]] const revisions::PlanStep* current() const { return current_; }
  [[nodiscard]] const std::vector<std::string>& committed() const { return committed_; }
  [[nodiscard]] bool in_autocommit_section() const { return in_autocommit_section_; }
  /// The autocommit section is one the dialect made so (DDL commits implicitly), not one marked
  /// transaction:false.
  [[nodiscard]] bool implicit_commits() const { return implicit_commits_; }
  /// Statements of the current section that ran before the failing one.
  [[nodiscard]] long long section_statements_run() const { return statements_run_ - statements_before_block_; }
  /// How many blocks of the current step are committed (a transaction:false block commits the
  /// blocks before it, and itself once it has run).
  [[nodiscard]] std::size_t blocks_committed() const { return blocks_committed_; }
  /// True when writing the version rows failed (the migration's statements had all run).
  [[nodiscard]] bool failed_recording() const { return recording_; }
  /// Steps that finished inside the transaction a failure rolls back.
  [[nodiscard]] const std::vector<StepInfo>& uncommitted() const { return uncommitted_; }

  /// After a failure: a ledger row this step committed as `started` (before a transaction:false
  /// block) says how far it got. Best effort: the failure's own message matters more.
  void record_failure() noexcept {
    if (!ledger_ || !started_row_ || !current_) return;
    try {
      if (conn_.in_transaction()) conn_.rollback();
      ledger_rows_.clear();  // rolled back with their steps
      auto entry = step_entry(*current_, "failed");
      // What a rollback took back did not stay: the row counts the statements that did, which
      // is where upgrade --resume starts again.
      if (!in_autocommit_section_) entry.statements_run = statements_committed_;
      conn_.execute(ledger_->finish_sql(entry));
    } catch (...) {
    }
  }

 private:
  Project& project_;
  dialects::Connection& conn_;
  EventSink& sink_;
  const CancelToken& cancel_;
  VersionTable table_;
  bool per_step_;
  std::string dialect_;
  std::vector<std::string> rows_;       // rows after the steps run so far
  std::vector<std::string> written_;    // rows as the version table holds them in the open transaction
  std::vector<std::string> committed_;  // rows made durable
  const revisions::PlanStep* current_ = nullptr;
  std::optional<Ledger> ledger_;
  std::string step_started_at_;  // UTC, for the ledger
  Clock::time_point step_began_;
  long long statements_run_ = 0;
  bool started_row_ = false;  // a `started` ledger row of this step is committed
  bool in_autocommit_section_ = false;
  bool implicit_commits_ = false;
  long long statements_before_block_ = 0;
  long long statements_committed_ = 0;  // of this step's statements, those committed
  std::size_t blocks_committed_ = 0;
  bool recording_ = false;
  std::vector<StepInfo> uncommitted_;
  std::vector<LedgerEntry> ledger_rows_;  // steps finished in the open transaction, not yet written

  // Inside one transaction only the version table's final state is visible to anyone, so the row
  // changes of consecutive steps are written as one net change just before each commit (one
  // statement instead of one per step). Each UPDATE/DELETE must still match exactly one row.
  void flush_rows() {
    for (const auto& change : revisions::row_changes(written_, rows_)) table_.apply(conn_, change);
    written_ = rows_;
    flush_ledger();
  }

  // The ledger rows of the transaction's steps likewise: a few statements, not one per step.
  // Batches of 500 keep each statement a modest size.
  void flush_ledger() {
    constexpr std::size_t kBatch = 500;
    for (std::size_t at = 0; at < ledger_rows_.size(); at += kBatch) {
      const auto end = std::min(ledger_rows_.size(), at + kBatch);
      conn_.execute(ledger_->insert_sql(std::vector<LedgerEntry>(ledger_rows_.begin() + static_cast<long>(at),
                                                                 ledger_rows_.begin() + static_cast<long>(end))));
    }
    ledger_rows_.clear();
  }

  void commit() {
    recording_ = true;
    flush_rows();
    recording_ = false;
    conn_.commit();
    committed_ = rows_;
    uncommitted_.clear();
  }

  void check_cancelled() const {
    if (cancel_.cancelled()) throw Error(ErrorCode::Cancelled, "Cancelled by the caller");
  }

  /// The ledger row of `step` as it stands now.
  LedgerEntry step_entry(const revisions::PlanStep& step, const std::string& outcome) const {
    auto e = ledger_entry(project_, step);
    e.started_at = step_started_at_;
    if (outcome != "started") {
      e.finished_at = utc_now();
      e.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - step_began_).count();
    }
    e.statements_run = statements_run_;
    if (outcome == "applied" || outcome == "stamped") e.statements_total = statements_run_;
    e.host = run_context().host;
    e.os_user = run_context().os_user;
    e.outcome = outcome;
    return e;
  }

  void run_step(const revisions::PlanStep& step) {
    check_cancelled();
    auto info = project_.step_info(step);
    sink_.on(StepStarted{info});
    auto began = Clock::now();
    step_began_ = began;
    step_started_at_ = utc_now();
    // A resumed step counts the statements that ran before as run: its ledger rows say how far
    // the migration as a whole got.
    statements_run_ = statements_committed_ = step.skip;
    long long skip = step.skip;
    started_row_ = false;
    bool own_transaction = per_step_;
    blocks_committed_ = 0;
    if (step.revision) {
      const auto& script = project_.scripts().with_sections(*step.revision);
      const auto blocks = script.blocks(direction_of(step), dialect_);
      if (step.skip > 0) {
        sink_.on(Info{fmt::format("Resuming {} after statement {}: the statements before it ran and stayed in the run "
                                  "that stopped",
                                  script.node.id, step.skip)});
      }
      auto on_statement = [&](const dialects::Statement& s, std::chrono::nanoseconds d) {
        ++statements_run_;
        if (in_autocommit_section_) statements_committed_ = statements_run_;
        // What committed implicitly is recorded as it happens: a run killed now leaves a row
        // that says how far it got.
        // Best effort: a migration may hold LOCK TABLES (a mysqldump does), which refuses the
        // write until its UNLOCK TABLES; the row is completed when the step ends either way.
        if (implicit_commits_ && in_autocommit_section_ && started_row_) {
          try {
            conn_.execute(ledger_->progress_sql(script.node.id, statements_run_));
          } catch (const Error&) {
          }
        }
        sink_.on(StatementExecuted{script.node.id, s.sql, s.line, d});
        check_cancelled();  // before the next statement
      };
      const auto& dialect = project_.dialect();
      for (std::size_t i = 0; i < blocks.size(); ++i) {
        const auto* block = blocks[i];
        // Where DDL commits implicitly (MySQL), a block with DDL runs as a transaction:false one
        // does: its `started` ledger row first, and a failure says what stayed applied.
        const bool implicit = block->transactional && !dialect.transactional_ddl() &&
                              !dialect.transactional_block(dialect.split(block->body, block->first_line));
        // Resuming: whole blocks that ran are passed over, and a block ran in part goes on from
        // its first statement that did not run, statement by statement.
        std::vector<dialects::Statement> rest;
        if (skip > 0) {
          auto statements = dialect.split(block->body, block->first_line);
          if (static_cast<long long>(statements.size()) <= skip) {
            skip -= static_cast<long long>(statements.size());
            blocks_committed_ = i + 1;  // it ran, and stayed, in the run that stopped
            continue;
          }
          rest.assign(statements.begin() + skip, statements.end());
          skip = 0;
        }
        auto run_block = [&] {
          if (rest.empty()) {
            conn_.run_script(block->body, block->first_line, on_statement);
            return;
          }
          for (const auto& statement : rest) conn_.run_script(statement.sql, statement.line, on_statement);
        };
        if (block->transactional && !implicit) {
          if (!conn_.in_transaction()) conn_.begin();
          run_block();
          continue;
        }
        // Commit what came before (this step's earlier blocks too), run outside any transaction;
        // the blocks after it and the version row get a transaction of their own (SPEC §3). The
        // ledger gets a `started` row first, so a crash inside the block is visible.
        if (ledger_ && !started_row_) {
          if (!conn_.in_transaction()) conn_.begin();
          flush_ledger();  // the earlier steps' rows come first, as they ran
          conn_.execute(ledger_->insert_sql(step_entry(step, "started")));
          started_row_ = true;
        }
        commit();
        statements_committed_ = statements_run_;
        blocks_committed_ = i;
        in_autocommit_section_ = true;
        implicit_commits_ = implicit;
        statements_before_block_ = statements_run_;
        run_block();
        in_autocommit_section_ = false;
        blocks_committed_ = i + 1;
        conn_.begin();
        own_transaction = true;
      }
    }
    rows_ = rows_after(rows_, step);
    if (ledger_) {
      // In the step's transaction: a run rolled back leaves no row.
      if (!conn_.in_transaction()) conn_.begin();
      auto entry = step_entry(step, step.revision ? "applied" : "stamped");
      if (started_row_)
        conn_.execute(ledger_->finish_sql(entry));
      else
        ledger_rows_.push_back(std::move(entry));  // written with the version rows, at commit
    }
    if (own_transaction) commit();
    if (conn_.in_transaction()) uncommitted_.push_back(info);
    sink_.on(StepFinished{info, Clock::now() - began});
  }
};

}  // namespace

namespace {

/// Runs `plan` and turns a failure into an error naming the step and the state left behind.
/// `run_start` is where the whole run began (per step, each step is executed as its own plan).
void execute(Project& project, dialects::Connection& conn, const revisions::Plan& plan,
             const std::vector<std::string>& run_start, EventSink& sink, const CancelToken& cancel,
             bool per_step, bool record) {
  Executor executor(project, conn, sink, cancel, per_step, record);
  try {
    executor.run(plan);
  } catch (const Error& e) {
    conn.rollback();
    executor.record_failure();
    // The log says which finished steps the rollback took back, not only the failing one.
    for (const auto& undone : executor.uncommitted()) {
      sink.on(Info{fmt::format("Rolled back {} {} -> {}{}", to_string(undone.kind), text::join(undone.from, ", "),
                               text::join(undone.to, ", "), undone.message.empty() ? "" : ", " + undone.message)});
    }
    if (e.code() == ErrorCode::Internal) throw;
    const auto* step = executor.current();
    std::string where;
    // Blocks of the failing step that a transaction:false block committed stay applied.
    const auto blocks = executor.blocks_committed();
    const auto committed_blocks =
        blocks == 0 ? std::string()
                    : fmt::format(" Block{} {} of this migration {} committed and stay{} applied;", blocks == 1 ? "" : "s",
                                  blocks == 1 ? "1" : fmt::format("1-{}", blocks), blocks == 1 ? "is" : "are",
                                  blocks == 1 ? "s" : "");
    const auto* failing = executor.current();
    if (blocks > 0 && executor.failed_recording() && failing && failing->revision) {
      // Every block ran and the transaction:false ones are committed: only the version row is
      // missing. Running the migration again would repeat them; stamping records them.
      const auto after = rows_after(executor.committed(), *failing);
      const auto id = after.empty() ? std::string("base") : text::join(after, " ");
      where = fmt::format(
          "{} recording it in the version table failed, so the version table still says {}. Once the cause is "
          "fixed, record what is applied with `retort stamp {}` (upgrading again would run those blocks twice).",
          committed_blocks, rows_text(executor.committed()), id);
    } else if (executor.in_autocommit_section() && executor.implicit_commits()) {
      const auto ran = executor.section_statements_run();
      where = fmt::format(
          "{} {} commits each DDL statement, so {} before the failing one stay{} applied; the version table still "
          "says {}. Before running again: fix what failed and run the rest with `retort {} --resume`, undo what ran "
          "by hand and run `retort resolve`, or finish the migration by hand and `retort stamp` its revision.",
          committed_blocks, project.dialect().title(),
          ran == 0 ? std::string("no statement ran") : fmt::format("the {} statement{}", ran, ran == 1 ? "" : "s"),
          ran == 1 ? "s" : "", rows_text(executor.committed()),
          failing && failing->kind == StepKind::Downgrade ? "downgrade" : "upgrade");
      if (ran == 0 && blocks == 0)
        where = fmt::format(" Nothing was changed: the version table still says {}.", rows_text(executor.committed()));
      if (failing && failing->skip > 0) {
        // A resumed step: what the earlier run left is still there, whatever this one did.
        where = fmt::format(" This run resumed after statement {0}; the {0} statement{1} that ran before {2} applied.",
                            failing->skip, failing->skip == 1 ? "" : "s", failing->skip == 1 ? "stays" : "stay") +
                (ran == 0 && blocks == 0
                     ? fmt::format(" It changed nothing more; the version table still says {}. Fix the failing "
                                   "statement and resume again.",
                                   rows_text(executor.committed()))
                     : where);
      }
    } else if (executor.in_autocommit_section()) {
      where = fmt::format(
          "{} {} section is marked transaction:false, so the statements before the failing one stay "
          "applied; the version table still says {}.",
          committed_blocks, blocks > 0 ? "the failing" : "The", rows_text(executor.committed()));
    } else if (blocks > 0) {
      where = fmt::format("{} the failing block was rolled back; the version table still says {}.", committed_blocks,
                          rows_text(executor.committed()));
    } else if (executor.committed() == run_start) {
      where = fmt::format(" Nothing was changed: the database is still at {}.", rows_text(run_start));
    } else {
      where = fmt::format(" The database is at {} (the last completed step).", rows_text(executor.committed()));
    }
    if (!step) throw e.reworded(e.code(), e.message() + "." + where);
    auto info = project.step_info(*step);
    auto label =
        info.revision.empty() ? std::string("stamp") : fmt::format("{} {}", to_string(info.kind), info.revision);
    const bool keep_code = e.code() == ErrorCode::Cancelled || !step->revision;
    auto err = e.reworded(keep_code ? e.code() : ErrorCode::Migration,
                          fmt::format("{} failed: {}.{}", label, e.message(), where));
    if (!info.revision.empty()) err.at_revision(info.revision);
    if (!info.file.empty()) err.at_file(info.file);
    throw err;
  }
}

bool has_stamp(const revisions::Plan& plan) {
  return std::any_of(plan.steps.begin(), plan.steps.end(),
                     [](const revisions::PlanStep& s) { return s.kind == StepKind::Stamp; });
}

}  // namespace

LedgerEntry ledger_entry(Project& project, const revisions::PlanStep& step) {
  LedgerEntry e;
  if (step.revision) {
    const auto& script = project.scripts().with_sections(*step.revision);
    e.revision = script.node.id;
    e.checksum = migrations::checksum(script, std::string(project.dialect().name()));
  } else {
    e.revision = text::join(step.to, " ");
  }
  e.direction = step.kind == StepKind::Downgrade ? "downgrade" : step.kind == StepKind::Stamp ? "stamp" : "upgrade";
  e.retort_version = retort::version();
  return e;
}

LedgerEntry manual_entry(const std::string& revision, const std::string& direction, const std::string& outcome) {
  LedgerEntry e;
  e.revision = revision;
  e.direction = direction;
  e.started_at = e.finished_at = utc_now();
  e.duration_ms = 0;
  e.host = run_context().host;
  e.os_user = run_context().os_user;
  e.retort_version = retort::version();
  e.outcome = outcome;
  return e;
}

void run_plan(Project& project, dialects::Connection& conn, const revisions::Plan& plan, EventSink& sink) {
  // A replay commits each migration on its own, as the migrations were applied over time: one
  // whole-history transaction can fail where no real run did (PostgreSQL refuses ALTER TABLE on a
  // table with deferred checks pending from an earlier migration's rows).
  execute(project, conn, plan, plan.rows_before, sink, CancelToken(), true, false);
}

revisions::Plan run_online(Project& project, const Planner& planner, EventSink& sink, const CancelToken& cancel,
                           const BeforeRun& before) {
  // The migrator lock is taken before the version table is read and held to the end of the run,
  // so two migrators never plan from the same state, also across per-step commits and
  // transaction:false sections. It is declared first so it is released last.
  auto lock = project.lock_migrator(sink);
  auto conn = project.connect(true, &sink);
  auto table = project.version_table();
  conn->begin();
  table.ensure(*conn);
  project.ledger().ensure(*conn);
  auto rows = table.rows(*conn);
  revisions::Plan plan;
  try {
    if (before) before(*conn, rows);
    plan = planner(rows);
    check_runnable(project, plan);
    auto written = plan.rows_after;  // and every row a step writes on the way
    for (const auto& step : plan.steps) {
      if (step.revision) written.push_back(project.graph().id(*step.revision));
    }
    table.check_fits(*conn, written);
  } catch (...) {
    conn->rollback();
    throw;
  }
  if (!project.config().transaction_per_migration || has_stamp(plan) || plan.steps.empty()) {
    execute(project, *conn, plan, rows, sink, cancel, project.config().transaction_per_migration, true);
    return plan;
  }
  // Per step, every step re-reads the rows inside its transaction. While they are what the plan
  // expects, its next step runs (so the order is the plan's); otherwise the run re-plans towards
  // the same final state: a writer that is not retort (or a migrator using another lock file)
  // cannot make this run apply a step twice.
  const auto target = plan.rows_after;
  revisions::Plan done;
  done.rows_before = rows;
  auto expected = rows;
  std::size_t at = 0;
  auto same = [](std::vector<std::string> a, std::vector<std::string> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
  };
  while (true) {
    if (!conn->in_transaction()) {
      conn->begin();
      rows = table.rows(*conn);
    }
    revisions::Plan next;
    if (at < plan.steps.size() && same(rows, expected)) {
      next.rows_before = rows;
      next.steps = {plan.steps[at]};
    } else {
      next = revisions::plan_towards(project.graph(), rows, target);
      at = plan.steps.size();  // off the plan: re-planned from here on
    }
    if (next.steps.empty()) {
      conn->commit();
      break;
    }
    next.steps.resize(1);
    expected = revisions::rows_after(rows, next.steps.front());
    ++at;
    execute(project, *conn, next, done.rows_before, sink, cancel, true, true);
    done.steps.push_back(next.steps.front());
  }
  done.rows_after = rows;
  return done;
}

}  // namespace retort::runtime
