// One history, two databases, over the portable corpus: a project declaring SQLite and PostgreSQL
// whose first migration builds schema A (one section for both) and whose shared desired schema is
// B. `revision --autogenerate`, run from either side, writes each dialect's sections from its own
// comparison; then a fresh SQLite file and a fresh PostgreSQL database are upgraded, keep their
// rows, `check` clean on both and `check --migrations` clean over both, and go back to A cleanly.

#include <gtest/gtest.h>

#include "dialects/postgres/postgres_dialect.hpp"
#include "dialects/dialect.hpp"
#include "retort/retort.hpp"
#include "support/corpus.hpp"
#include "support/corpus_commands.hpp"
#include "support/pg.hpp"
#include "support/temp_dir.hpp"

namespace retort {
namespace {

constexpr const char* kTarget = "retort_multi";
constexpr const char* kDev = "retort_multi_dev";

struct Case {
  test::Pair pair;
  bool from_postgres;  ///< autogenerate with the URL on PostgreSQL (else on SQLite)
};
void PrintTo(const Case& c, std::ostream* os) { *os << c.pair.name << (c.from_postgres ? " from PostgreSQL" : " from SQLite"); }

class PgMultiDialect : public ::testing::TestWithParam<Case> {
 protected:
  static void SetUpTestSuite() {
    test::recreate_pg_database(kTarget);
    test::recreate_pg_database(kDev);
  }
  void SetUp() override {
    ASSERT_FALSE(test::pg_admin_url().empty()) << "no PostgreSQL test server (RETORT_TEST_PG_STATE); run through ctest";
    pg = std::make_unique<dialects::postgres::PostgresConnection>(Url::parse(test::pg_database_url(kTarget)),
                                                                  dialects::ConnectOptions{});
    test::empty_pg_database(*pg);
  }
  std::unique_ptr<dialects::postgres::PostgresConnection> pg;
};

/// Each table's row count, by the table names SQLite's copy has.
std::map<std::string, std::string> counts(dialects::Connection& conn, const std::vector<std::string>& tables) {
  std::map<std::string, std::string> out;
  for (const auto& t : tables) out[t] = conn.query_column("SELECT count(*) FROM \"" + t + "\"").front();
  return out;
}

TEST_P(PgMultiDialect, BothDatabasesFollowOneHistory) {
  const auto& [p, from_postgres] = GetParam();
  test::TempDir dir;
  ::setenv("RETORT_CACHE_DIR", (dir.path() / "cache").c_str(), 1);
  NullSink sink;
  InitOptions init_options;
  init_options.directory = dir.path() / "migrations";
  init_options.config_file = dir.path() / "retort.toml";
  init_options.template_name = "multidialect";
  retort::init(init_options, sink);
  dir.write("migrations/versions/r1_a.sql", "-- schema A\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\n" +
                                                p.a + "\n-- migrate:downgrade\nSELECT 1;\n");
  const auto lite_url = "sqlite:///" + (dir.path() / "app.db").string();
  const auto pg_url = test::pg_database_url(kTarget);
  auto config = Config::load(dir.path() / "retort.toml", {});
  ASSERT_EQ(config.dialects, (std::vector<std::string>{"sqlite", "postgresql"}));
  config.dialect_settings["postgresql"].dev_url = test::pg_database_url(kDev);
  config.schema = {dir.write("b.sql", p.b)};
  auto on = [&](const std::string& url) {
    auto c = config;
    c.url = url;
    return c;
  };

  // Develop: the database the URL points at is at r1; the other dialect is replayed.
  const auto dev = on(from_postgres ? pg_url : lite_url);
  ASSERT_NO_THROW(retort::upgrade(dev, "r1", {}, sink)) << p.name;
  RevisionOptions generate;
  generate.message = "to b";
  generate.autogenerate = true;
  generate.rev_id = "r2";
  ASSERT_NO_THROW(retort::revision(dev, generate, sink)) << p.name;

  // Deploy on both, from what each has at r1 (the developing one included).
  for (const auto& url : {lite_url, pg_url}) ASSERT_NO_THROW(retort::upgrade(on(url), "r1", {}, sink)) << url;
  auto lite = dialects::dialect_named("sqlite").connect(Url::parse(lite_url), {});
  const auto tables = lite->query_column("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                         "'retort%' AND name NOT LIKE 'sqlite%' ORDER BY 1");
  const auto lite_rows = counts(*lite, tables);
  const auto pg_rows = counts(*pg, tables);
  for (const auto& url : {lite_url, pg_url}) {
    ASSERT_NO_THROW(retort::upgrade(on(url), "head", {}, sink)) << p.name << " on " << url;
    EXPECT_EQ(test::joined(retort::check(on(url)).differences), "") << p.name << ": check on " << url;
  }
  CheckOptions migrations;
  migrations.migrations = true;
  EXPECT_EQ(test::joined(retort::check(on(lite_url), migrations).differences), "") << p.name;
  for (const auto& [table, n] : lite_rows) {
    if (lite->query_column("SELECT count(*) FROM sqlite_master WHERE name = '" + table + "'").front() == "0") continue;
    EXPECT_EQ(counts(*lite, {table}).at(table), n) << p.name << ": rows of " << table << " on SQLite";
    EXPECT_EQ(counts(*pg, {table}).at(table), pg_rows.at(table)) << p.name << ": rows of " << table << " on PostgreSQL";
  }

  // Back to A on both.
  config.schema = {dir.write("a.sql", p.a)};
  for (const auto& url : {lite_url, pg_url}) {
    ASSERT_NO_THROW(retort::downgrade(on(url), "r1", {}, sink)) << p.name << " on " << url;
    EXPECT_EQ(test::joined(retort::check(on(url)).differences), "") << p.name << ": check after downgrade on " << url;
  }
}

std::vector<Case> cases() {
  std::vector<Case> out;
  for (const auto& p : test::load_pairs(CORPUS_DIR "/portable.pairs")) {
    out.push_back({p, false});
    out.push_back({p, true});
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Portable, PgMultiDialect, ::testing::ValuesIn(cases()), [](const auto& info) {
  return info.param.pair.name + (info.param.from_postgres ? "_from_postgresql" : "_from_sqlite");
});

}  // namespace
}  // namespace retort
