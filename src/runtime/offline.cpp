// Offline (--sql) rendering: the same plan the online executor runs, printed as a script.

#include <fmt/format.h>
#include <algorithm>
#include <utility>

#include "runtime/project.hpp"
#include "support/text.hpp"

namespace retort::runtime {

namespace {

void statement(std::string& out, const dialects::Dialect& dialect, std::string sql) {
  auto t = std::string(text::trim(sql));
  while (!t.empty() && t.back() == ';') t.pop_back();
  out += dialect.script_statement(t);
  out += "\n";
}

}  // namespace

std::string render_offline(Project& project, const revisions::Plan& plan, bool from_base, EventSink& sink) {
  check_runnable(project, plan);
  const auto& dialect = project.dialect();
  const std::string dialect_name(dialect.name());
  auto table = project.version_table();
  auto ledger = project.ledger();
  const bool per_step = project.config().transaction_per_migration;
  const bool transactional = dialect.transactional_ddl();
  std::string out;
  const auto frame = dialect.offline_frame(project.url());
  if (!frame.comment.empty()) out += "-- " + frame.comment + "\n";
  for (const auto& sql : frame.before) statement(out, dialect, sql);
  bool open = false;
  // BEGIN is written lazily, right before the first statement that needs a transaction.
  auto ensure_open = [&] {
    if (transactional && !open) {
      out += "BEGIN;\n\n";
      open = true;
    }
  };
  auto commit = [&] {
    if (open) {
      out += "COMMIT;\n\n";
      open = false;
    }
  };
  if (from_base) {
    ensure_open();
    statement(out, dialect, table.create_sql());
  }
  bool ledger_created = false;  // written before the first step that records itself
  if (plan.purge) {
    ensure_open();
    statement(out, dialect, table.purge_sql());
  }
  for (const auto& step : plan.steps) {
    auto info = project.step_info(step);
    sink.on(StepStarted{info});
    std::vector<const migrations::Section*> blocks;
    if (step.revision) {
      auto direction =
          step.kind == StepKind::Downgrade ? migrations::Direction::Downgrade : migrations::Direction::Upgrade;
      blocks = project.scripts().with_sections(*step.revision).blocks(direction, dialect_name);
    }
    const bool autocommit = std::any_of(blocks.begin(), blocks.end(), [](const auto* b) { return !b->transactional; });
    if (!blocks.empty() && !blocks.front()->transactional)
      commit();
    else
      ensure_open();
    long long statements = 0;
    out += fmt::format("-- Running {} {} -> {}\n\n", to_string(step.kind), text::join(step.from, ", "),
                       text::join(step.to, ", "));
    for (const auto* block : blocks) {
      if (block->transactional) {
        ensure_open();
      } else {
        commit();
        out += "-- transaction:false: the statements below run outside a transaction\n\n";
      }
      for (const auto& s : dialect.split(block->body, block->first_line)) {
        statement(out, dialect, s.sql);
        ++statements;
      }
    }
    ensure_open();
    for (const auto& change : step.rows) statement(out, dialect, table.change_sql(change));
    // The ledger row, its times the database's when the script runs; who ran it is not known here.
    if (!std::exchange(ledger_created, true)) statement(out, dialect, ledger.create_sql());
    auto entry = ledger_entry(project, step);
    entry.statements_run = entry.statements_total = statements;
    entry.outcome = step.revision ? "applied" : "stamped";
    statement(out, dialect, ledger.insert_sql(entry));
    if (per_step || autocommit) commit();
    sink.on(StepFinished{info, {}});
  }
  commit();
  for (const auto& sql : frame.after) statement(out, dialect, sql);
  return out;
}

}  // namespace retort::runtime
