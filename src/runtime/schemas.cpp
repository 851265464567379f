#include "runtime/schemas.hpp"

#include <fmt/format.h>

#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::runtime {

namespace {

dialects::InspectOptions inspect_options(Project& project) {
  dialects::InspectOptions o;
  o.exclude_tables = {project.config().version_table};
  return o;
}

}  // namespace

const dialects::Inspector& inspector_of(Project& project) {
  const auto* inspector = project.dialect().inspector();
  if (!inspector) {
    throw Error(ErrorCode::Config, fmt::format("check is not available for {} yet", project.dialect().name()))
        .with_dialect(std::string(project.dialect().name()));
  }
  return *inspector;
}

namespace {

std::unique_ptr<dialects::Scratch> scratch(Project& project, bool autocommit) {
  return project.dialect().scratch(project.url(), project.config().dev_url, project.connect_options(), autocommit);
}

}  // namespace

schema::Schema live_schema(Project& project) {
  const auto& inspector = inspector_of(project);
  auto conn = project.connect(false);
  return inspector.inspect(*conn, inspect_options(project));
}

schema::Schema desired_schema(Project& project) {
  const auto& inspector = inspector_of(project);
  const auto& files = project.config().schema;
  if (files.empty()) {
    throw Error(ErrorCode::Config, "No desired schema: set schema = [\"schema.sql\"] in the config")
        .at_file(project.config().config_file.string());
  }
  auto place = scratch(project, false);
  auto& conn = place->connection();
  for (const auto& file : files) {
    auto path = file.string();
    auto sql = text::read_file(path);
    try {
      conn.run_script(sql, 1, [](const dialects::Statement&, std::chrono::nanoseconds) {});
    } catch (const Error& e) {
      throw e.reworded(ErrorCode::Parse, "The desired schema does not load: " + e.message()).at_file(path);
    }
  }
  return inspector.inspect(conn, place->inspect_options());
}

schema::Schema migrated_schema(Project& project) {
  const auto& inspector = inspector_of(project);
  auto place = scratch(project, true);
  auto& conn = place->connection();
  auto table = project.version_table();
  conn.begin();
  table.ensure(conn);
  conn.commit();
  auto plan = revisions::plan_upgrade(project.graph(), {}, "heads");
  check_runnable(project, plan);
  NullSink sink;
  run_plan(project, conn, plan, sink);
  auto options = place->inspect_options();
  options.exclude_tables.push_back(project.config().version_table);
  return inspector.inspect(conn, options);
}

}  // namespace retort::runtime
