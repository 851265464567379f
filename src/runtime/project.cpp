#include <fmt/format.h>

#include "retort/error.hpp"
#include "runtime/project.hpp"
#include "support/text.hpp"

namespace retort::runtime {

Project::Project(Config config) : config_(std::move(config)), scripts_(migrations::ScriptDirectory::load(config_)) {}

const Url& Project::url() {
  if (!url_ && config_.connection) url_ = dialects::dialect_named(config_.connection->dialect).borrowed_url(config_.connection->handle);
  if (!url_) {
    if (config_.url.empty()) {
      throw Error(ErrorCode::Config, "No database URL: set 'url' in the config, DATABASE_URL, or pass --url")
          .at_file(config_.config_file.string());
    }
    url_ = Url::parse(config_.url);
  }
  return *url_;
}

const dialects::Dialect& Project::dialect() { return dialects::dialect_for(url()); }

const Config& Project::dialect_config() {
  if (!dialect_config_) dialect_config_ = config_.for_dialect(std::string(dialect().name()));
  return *dialect_config_;
}

VersionTable Project::version_table() {
  return VersionTable(dialect(), config_.version_table_schema, config_.version_table);
}

Ledger Project::ledger() { return Ledger(dialect(), config_.version_table_schema, config_.history_table); }

dialects::ConnectOptions Project::connect_options(bool create, EventSink* sink) const {
  dialects::ConnectOptions options;
  options.wait = config_.migrator_wait;
  options.create = create;
  options.lock_timeout = config_.lock_timeout;
  options.statement_timeout = config_.statement_timeout;
  if (sink) options.on_wait = [sink](const std::string& message) { sink->on(Waiting{message}); };
  return options;
}

std::unique_ptr<dialects::Connection> Project::connect(bool create, EventSink* sink) {
  if (const auto& borrowed = config_.connection) return dialect().borrow(borrowed->handle, connect_options(create, sink));
  return dialect().connect(url(), connect_options(create, sink));
}

dialects::Connection& Project::reader() {
  if (!reader_) reader_ = connect(false);
  return *reader_;
}

std::unique_ptr<dialects::MigratorLock> Project::lock_migrator(EventSink& sink) {
  if (const auto& borrowed = config_.connection) {
    return dialect().lock_borrowed(borrowed->handle, url(), version_table().qualified(), connect_options(true, &sink));
  }
  return dialect().lock_migrator(url(), version_table().qualified(), connect_options(true, &sink));
}

StepInfo Project::step_info(const revisions::PlanStep& step) const {
  StepInfo info;
  info.kind = step.kind;
  info.from = step.from;
  info.to = step.to;
  if (step.revision) {
    const auto& script = scripts_.script(*step.revision);
    info.revision = script.node.id;
    info.message = script.message;
    info.file = script.node.source;
  }
  return info;
}

void check_runnable(Project& project, const revisions::Plan& plan) {
  const std::string dialect(project.dialect().name());
  std::vector<revisions::Index> revs;
  for (const auto& step : plan.steps) {
    if (step.revision) revs.push_back(*step.revision);
  }
  project.scripts().load_sections(revs);
  for (const auto& step : plan.steps) {
    if (!step.revision) continue;
    const auto& script = project.scripts().with_sections(*step.revision);
    auto direction =
        step.kind == StepKind::Downgrade ? migrations::Direction::Downgrade : migrations::Direction::Upgrade;
    if (script.section(direction, dialect)) continue;
    if (direction == migrations::Direction::Downgrade) {
      throw Error(ErrorCode::Plan,
                  fmt::format("Revision {} ({}) is irreversible: it has no '-- migrate:downgrade' section{}; nothing "
                              "was run",
                              script.node.id, script.message, dialect.empty() ? "" : " for " + dialect))
          .at_revision(script.node.id)
          .at_file(script.node.source);
    }
    throw Error(ErrorCode::Plan,
                fmt::format("Revision {} has no '-- migrate:upgrade' section for dialect {}; nothing was run",
                            script.node.id, dialect))
        .at_revision(script.node.id)
        .at_file(script.node.source);
  }
}

std::vector<std::string> read_rows(Project& project) {
  auto conn = project.connect(false);
  return read_rows(project, *conn);
}

std::vector<std::string> read_rows(Project& project, dialects::Connection& conn) {
  return project.version_table().rows(conn);
}

}  // namespace retort::runtime
