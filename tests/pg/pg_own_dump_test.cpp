// A database's own dump is a desired schema with no differences (issue 10's tests): every
// PostgreSQL and portable corpus schema, built by a migration, then compared by `check` against
// `pg_dump --schema-only` output taken as is, and against `retort schema dump`.

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <set>

#include "dialects/postgres/postgres_dialect.hpp"
#include "support/corpus_commands.hpp"
#include "support/pg.hpp"
#include "support/shell.hpp"
#include "support/project.hpp"

namespace retort {
namespace {

constexpr const char* kDatabase = "retort_own_dump";

std::string database_url() { return test::pg_database_url(kDatabase); }

struct Side {
  std::string name, sql;
};

/// Each distinct schema of the corpus once (many pairs start from the same A).
std::vector<Side> sides() {
  std::vector<Side> out;
  std::set<std::string> seen;
  for (const auto* file : {CORPUS_DIR "/postgresql.pairs", CORPUS_DIR "/portable.pairs"}) {
    for (const auto& p : test::load_pairs(file)) {
      if (seen.insert(p.a).second) out.push_back({p.name + "_a", p.a});
      if (seen.insert(p.b).second) out.push_back({p.name + "_b", p.b});
    }
  }
  return out;
}

class PgOwnDump : public ::testing::TestWithParam<Side> {
 protected:
  static void SetUpTestSuite() { test::recreate_pg_database(kDatabase); }

  void SetUp() override {
    ASSERT_FALSE(test::pg_admin_url().empty()) << "no PostgreSQL test server (RETORT_TEST_PG_STATE); run through ctest";
    dialects::postgres::PostgresConnection conn(Url::parse(database_url()), {});
    test::empty_pg_database(conn);
  }
};

TEST_P(PgOwnDump, CheckFindsNoDifferenceAgainstPgDumpAndSchemaDump) {
  const auto& side = GetParam();
  test::Project project(side.sql, [](const std::filesystem::path&) { return database_url(); });
  for (const auto& name : test::created_schemas(side.sql)) project.config().include_schemas.push_back(name);
  ASSERT_NO_THROW(project.upgrade()) << side.name;

  const auto dump = test::shell("pg_dump --schema-only '" + database_url() + "'");
  ASSERT_EQ(dump.status, 0) << side.name;
  project.desire(dump.out);
  EXPECT_EQ(project.differences(), "") << "against its pg_dump: " << side.name;
  project.desire(retort::schema_dump(project.config()));
  EXPECT_EQ(project.differences(), "") << "against its schema dump: " << side.name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, PgOwnDump, ::testing::ValuesIn(sides()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace retort
