#pragma once
// The test cluster's admin URL, written by scripts/pg-test-server.sh into $RETORT_TEST_PG_STATE.

#include <cstdlib>
#include <fstream>
#include <string>

#include "dialects/postgres/postgres_dialect.hpp"

namespace retort::test {

/// Empty when the suite was not started through ctest (no cluster).
inline std::string pg_admin_url() {
  const char* state = std::getenv("RETORT_TEST_PG_STATE");
  if (!state) return {};
  std::ifstream in(std::string(state) + "/url");
  std::string url;
  std::getline(in, url);
  return url;
}

/// The URL of database `name` on the test cluster.
inline std::string pg_database_url(const std::string& name) {
  auto url = pg_admin_url();
  auto at = url.find("/postgres?");
  return at == std::string::npos ? url : url.replace(at, 10, "/" + name + "?");
}

/// Drops and creates database `name` on the test cluster; nothing without a cluster (the tests
/// then fail on their own check of pg_admin_url()).
inline void recreate_pg_database(const std::string& name) {
  if (pg_admin_url().empty()) return;
  dialects::postgres::PostgresConnection admin(Url::parse(pg_admin_url()), {});
  admin.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  admin.execute("CREATE DATABASE " + name);
}

/// Drops every schema of the connected database but PostgreSQL's own, and creates public again.
inline void empty_pg_database(dialects::Connection& conn) {
  for (const auto& name : conn.query_column("SELECT quote_ident(nspname) FROM pg_namespace WHERE nspname NOT LIKE "
                                            "'pg\\_%' AND nspname <> 'information_schema'"))
    conn.execute("DROP SCHEMA " + name + " CASCADE");
  conn.execute("CREATE SCHEMA public");
}

}  // namespace retort::test
