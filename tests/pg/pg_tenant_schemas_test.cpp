// One schema per tenant in one database (issue 17): a URL's `?search_path=` puts the tenant's
// version table, ledger and unqualified names in its schema, and each tenant's migrator lock is
// its own, so a fleet of schemas migrates side by side.
#include <gtest/gtest.h>

#include <thread>

#include "dialects/postgres/postgres_dialect.hpp"
#include "retort/error.hpp"
#include "retort/retort.hpp"
#include "support/pg.hpp"
#include "support/temp_dir.hpp"

namespace retort {
namespace {

constexpr const char* kDatabase = "retort_tenant_schemas";

/// The test database's URL whose sessions use `path` as their search_path.
std::string tenant_url(const std::string& path) {
  return test::pg_database_url(kDatabase) + "&search_path=" + path;  // the admin URL has ?host=
}

class PgTenantSchemas : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { test::recreate_pg_database(kDatabase); }

  void SetUp() override {
    ASSERT_FALSE(test::pg_admin_url().empty()) << "no PostgreSQL test server (RETORT_TEST_PG_STATE); run through ctest";
    app = std::make_unique<dialects::postgres::PostgresConnection>(Url::parse(test::pg_database_url(kDatabase)),
                                                                   dialects::ConnectOptions{});
    test::empty_pg_database(*app);
    app->execute("CREATE SCHEMA tenant_a; CREATE SCHEMA \"Tenant B\"");
    dir.write("versions/r1.sql",
              "-- users\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE users (id serial "
              "PRIMARY KEY);\n-- migrate:downgrade\nDROP TABLE users;\n");
  }

  std::vector<std::string> tables() {
    return app->query_column(
        "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema NOT IN "
        "('pg_catalog', 'information_schema') ORDER BY 1");
  }

  test::TempDir dir;
  std::unique_ptr<dialects::postgres::PostgresConnection> app;
};

TEST_F(PgTenantSchemas, EachTenantsTablesAndVersionLandInItsSchema) {
  upgrade(Config::for_directory(dir.path(), tenant_url("tenant_a")), "head");
  upgrade(Config::for_directory(dir.path(), tenant_url("%22Tenant%20B%22")), "head");  // "Tenant B"
  EXPECT_EQ(tables(), (std::vector<std::string>{"Tenant B.retort_history", "Tenant B.retort_version",
                                                "Tenant B.users", "tenant_a.retort_history",
                                                "tenant_a.retort_version", "tenant_a.users"}));
  EXPECT_EQ(current(Config::for_directory(dir.path(), tenant_url("tenant_a"))).revisions.at(0).id, "r1");
  // A tenant whose schema is missing is told so, and nothing is created anywhere.
  try {
    upgrade(Config::for_directory(dir.path(), tenant_url("tenant_gone")), "head");
    FAIL() << "upgraded a tenant with no schema";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Database);
    EXPECT_TRUE(std::string(e.what()).starts_with(
        "No schema on the URL's search_path (tenant_gone) exists in database 'retort_tenant_schemas' of "))
        << e.what();
  }
  EXPECT_EQ(tables().size(), 6u);
}

TEST_F(PgTenantSchemas, SearchPathJoinsTheUrlsOwnServerOptions) {
  dialects::postgres::PostgresConnection conn(
      Url::parse(tenant_url("%22Tenant%20B%22,public") + "&options=-c%20statement_timeout%3D4321"), {});
  EXPECT_EQ(conn.query_column("SELECT current_schema()").at(0), "Tenant B");
  EXPECT_EQ(conn.query_column("SHOW statement_timeout").at(0), "4321ms");
}

TEST_F(PgTenantSchemas, TenantsDoNotWaitOnEachOthersLock) {
  const auto& dialect = dialects::dialect_for(Url::parse(tenant_url("tenant_a")));
  dialects::ConnectOptions now;
  now.wait = std::chrono::milliseconds(0);
  auto held = dialect.lock_migrator(Url::parse(tenant_url("tenant_a")), "retort_version", {});
  // Another tenant's lock is free at once...
  EXPECT_NO_THROW(dialect.lock_migrator(Url::parse(tenant_url("%22Tenant%20B%22")), "retort_version", now));
  // ...while the same tenant's is held, and the message names the tenant's table.
  try {
    dialect.lock_migrator(Url::parse(tenant_url("tenant_a")), "retort_version", now);
    FAIL() << "took a lock another session holds";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Lock);
    EXPECT_NE(std::string(e.what()).find("holding the lock on tenant_a.retort_version"), std::string::npos) << e.what();
  }
  // An explicitly qualified key is used as is.
  auto qualified = dialect.lock_migrator(Url::parse(tenant_url("tenant_a")), "public.retort_version", now);
  EXPECT_NE(qualified, nullptr);
}

}  // namespace
}  // namespace retort
