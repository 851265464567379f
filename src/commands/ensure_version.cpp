#include "commands/entries.hpp"

namespace retort {

std::string ensure_version(const Config& config, bool sql) {
  runtime::Project project(config);
  auto table = project.version_table();
  if (sql) return table.create_sql() + ";\n";
  NullSink sink;
  auto lock = project.lock_migrator(sink);  // creating the table races with a starting migrator
  auto conn = project.connect();
  conn->begin();
  table.ensure(*conn);
  conn->commit();
  return {};
}

}  // namespace retort
