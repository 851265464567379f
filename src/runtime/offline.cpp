// Offline (--sql) rendering: the same plan the online executor runs, printed as a script.

#include <fmt/format.h>

#include "runtime/project.hpp"
#include "support/text.hpp"

namespace retort::runtime {

namespace {

void statement(std::string& out, std::string sql) {
  auto t = std::string(text::trim(sql));
  while (!t.empty() && t.back() == ';') t.pop_back();
  out += t;
  out += ";\n\n";
}

}  // namespace

std::string render_offline(Project& project, const revisions::Plan& plan, bool from_base, EventSink& sink) {
  check_runnable(project, plan);
  const auto& dialect = project.dialect();
  const std::string dialect_name(dialect.name());
  auto table = project.version_table();
  const bool per_step = project.config().transaction_per_migration;
  const bool transactional = dialect.transactional_ddl();
  std::string out;
  bool open = false;
  auto begin = [&] {
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
  if (!per_step) begin();
  if (from_base) statement(out, table.create_sql());
  if (plan.purge) statement(out, table.purge_sql());
  for (const auto& step : plan.steps) {
    auto info = project.step_info(step);
    sink.on(StepStarted{info});
    if (per_step) begin();
    out += fmt::format("-- Running {} {} -> {}\n\n", to_string(step.kind), text::join(step.from, ", "),
                       text::join(step.to, ", "));
    bool autocommit = false;
    if (step.revision) {
      const auto& script = project.scripts().script(*step.revision);
      auto direction =
          step.kind == StepKind::Downgrade ? migrations::Direction::Downgrade : migrations::Direction::Upgrade;
      const auto* section = script.section(direction, dialect_name);
      autocommit = !section->transactional;
      if (autocommit) {
        commit();
        out += "-- transaction:false: the statements below run outside a transaction\n\n";
      }
      for (const auto& s : dialect.split(section->body, section->first_line)) statement(out, s.sql);
      if (autocommit) begin();
    }
    for (const auto& change : step.rows) statement(out, table.change_sql(change));
    if (per_step || autocommit) commit();
    if (autocommit && !per_step) begin();
    sink.on(StepFinished{info, {}});
  }
  commit();
  return out;
}

}  // namespace retort::runtime
