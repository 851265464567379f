// The autogenerate round trip on PostgreSQL (SPEC §7): for schemas A and B, A plus the generated
// upgrade equals B by reflection, the generated downgrade returns to A, and rows survive. Runs
// against the test cluster (RETORT_TEST_PG_STATE); each pair gets its own two schemas.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "dialects/postgres/postgres_dialect.hpp"
#include "diff/differ.hpp"
#include "support/pg.hpp"
#include "retort/error.hpp"
#include "support/corpus.hpp"

namespace retort::dialects::postgres {
namespace {

using test::Pair;

class PgRoundTrip : public ::testing::TestWithParam<Pair> {
 protected:
  void SetUp() override {
    auto url = test::pg_admin_url();
    ASSERT_FALSE(url.empty()) << "no PostgreSQL test server (RETORT_TEST_PG_STATE); run through ctest";
    conn = std::make_unique<PostgresConnection>(Url::parse(url), ConnectOptions{});
  }

  void in_schema(const std::string& schema) { conn->execute("SET search_path TO " + schema); }

  void fresh(const std::string& schema, const std::string& ddl) {
    conn->execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    conn->execute("CREATE SCHEMA " + schema);
    in_schema(schema);
    conn->run_script(ddl, 1, [](const Statement&, std::chrono::nanoseconds) {});
  }

  schema::Schema reflect(const std::string& schema) {
    in_schema(schema);  // views and defaults are deparsed relative to the search path
    InspectOptions o;
    o.schema = schema;
    return inspector().inspect(*conn, o);
  }

  void run(const std::string& schema, const std::vector<RenderedStatement>& statements) {
    in_schema(schema);
    std::string sql;
    for (const auto& s : statements) sql += s.sql + ";\n";
    conn->begin();
    conn->run_script(sql, 1, [](const Statement&, std::chrono::nanoseconds) {});
    conn->commit();
  }

  std::string differences(const schema::Schema& a, const schema::Schema& b) {
    std::string out;
    for (const auto& c : diff::compare(a, b, inspector().hooks())) out += "\n  " + diff::describe(c);
    return out;
  }

  std::unique_ptr<PostgresConnection> conn;
};

TEST_P(PgRoundTrip, UpgradeReachesBAndDowngradeReturnsToA) {
  const auto& p = GetParam();
  const std::string sa = "rt_a_" + p.name, sb = "rt_b_" + p.name;
  fresh(sb, p.b);
  auto target = reflect(sb);
  fresh(sa, p.a);
  auto start = reflect(sa);
  std::map<std::string, std::string> counts;
  auto count = [&](const std::string& table) {
    return conn->query_column("SELECT count(*) FROM " + dialect().quote_identifier(table)).front();
  };
  for (const auto& t : start.tables) counts[t.name] = count(t.name);

  auto changes = diff::compare(start, target, inspector().hooks());
  ASSERT_FALSE(changes.empty());
  ASSERT_NO_THROW(run(sa, renderer().render(start, target, changes))) << p.name;
  EXPECT_EQ(differences(reflect(sa), target), "") << "upgrade of " << p.name;
  for (const auto& [table, n] : counts) {
    if (target.table(table)) {
      EXPECT_EQ(count(table), n) << table;
    }
  }
  ASSERT_NO_THROW(run(sa, renderer().render(target, start, diff::reverse(changes)))) << p.name;
  EXPECT_EQ(differences(reflect(sa), start), "") << "downgrade of " << p.name;
  for (const auto& [table, n] : counts) {
    if (target.table(table)) {
      EXPECT_EQ(count(table), n) << table;
    }
  }
  conn->execute("DROP SCHEMA " + sa + " CASCADE");
  conn->execute("DROP SCHEMA " + sb + " CASCADE");
}

constexpr const char* kUsers =
    "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100), age integer);"
    "INSERT INTO users (name, email, age) VALUES ('ada', 'ada@example.org', 36), ('grace', NULL, 45);";
#define USERS_SHAPE "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100), age integer);"

INSTANTIATE_TEST_SUITE_P(
    Corpus, PgRoundTrip,
    ::testing::Values(
        Pair{"add_table", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100),"
             " age integer); CREATE TABLE tags (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
             " label text NOT NULL UNIQUE);"},
        Pair{"drop_table", "CREATE TABLE keep (x int); INSERT INTO keep VALUES (1); CREATE TABLE gone (y text);",
             "CREATE TABLE keep (x int);"},
        Pair{"add_column_with_default", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100), age integer,"
             " active boolean NOT NULL DEFAULT true);"},
        Pair{"drop_nullable_column", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, age integer);"},
        Pair{"change_type", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(200), age bigint);"},
        Pair{"set_not_null", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100), age integer NOT "
             "NULL);"},
        Pair{"defaults", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL DEFAULT 'anon', email varchar(100),"
             " age integer, created timestamptz DEFAULT now());"},
        Pair{"comments", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100), age integer);"
             "COMMENT ON COLUMN users.email IS 'where we write';"},
        Pair{"unique_and_check", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100) UNIQUE,"
             " age integer CONSTRAINT ck_age CHECK (age >= 0));"},
        Pair{"change_check",
             "CREATE TABLE p (price numeric CONSTRAINT ck_price CHECK (price > 0)); INSERT INTO p VALUES (5);",
             "CREATE TABLE p (price numeric CONSTRAINT ck_price CHECK (price >= 1));"},
        Pair{"foreign_keys",
             "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY, a_id int);"
             "INSERT INTO a VALUES (1); INSERT INTO b VALUES (1, 1);",
             "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY,"
             " a_id int REFERENCES a (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED);"},
        Pair{"new_parent_and_child", "CREATE TABLE a (id int PRIMARY KEY); INSERT INTO a VALUES (1);",
             "CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));"
             " CREATE TABLE c (id int PRIMARY KEY, b_id int REFERENCES b (id));"},
        Pair{"primary_key_change",
             "CREATE TABLE m (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a)); INSERT INTO m VALUES (1, 1);",
             "CREATE TABLE m (a int NOT NULL, b int NOT NULL, PRIMARY KEY (a, b));"},
        Pair{"indexes", kUsers,
             USERS_SHAPE "CREATE INDEX ix_adults ON users (age) WHERE age >= 18;"
                         " CREATE UNIQUE INDEX ix_email ON users (lower(email)) ;"
                         " CREATE INDEX ix_multi ON users (name, age DESC);"},
        Pair{"drop_index", "CREATE TABLE t (a int); CREATE INDEX ix_a ON t (a); INSERT INTO t VALUES (1);",
             "CREATE TABLE t (a int);"},
        Pair{"views", kUsers, USERS_SHAPE "CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;"},
        Pair{"generated_column", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100), age integer,"
             " age_months integer GENERATED ALWAYS AS (age * 12) STORED);"},
        Pair{"identity", "CREATE TABLE t (id int NOT NULL, x text); INSERT INTO t VALUES (1, 'x');",
             "CREATE TABLE t (id int GENERATED BY DEFAULT AS IDENTITY, x text);"},
        Pair{"collation", kUsers,
             "CREATE TABLE users (id serial PRIMARY KEY, name text COLLATE \"C\" NOT NULL, email varchar(100),"
             " age integer);"},
        Pair{"enum_added", "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1);",
             "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy'); CREATE TABLE t (id int PRIMARY KEY, m mood DEFAULT "
             "'ok');"},
        Pair{"enum_labels_added",
             "CREATE TYPE kind AS ENUM ('a', 'b'); CREATE TABLE t (id int PRIMARY KEY, k kind); INSERT INTO t VALUES "
             "(1, 'a');",
             "CREATE TYPE kind AS ENUM ('first', 'a', 'x', 'b', 'c'); CREATE TABLE t (id int PRIMARY KEY, k kind);"},
        Pair{"enum_label_removed",
             "CREATE TYPE kind AS ENUM ('a', 'b', 'c'); CREATE TABLE t (id int PRIMARY KEY, k kind DEFAULT 'a');"
             " INSERT INTO t VALUES (1, 'a');",
             "CREATE TYPE kind AS ENUM ('a', 'c'); CREATE TABLE t (id int PRIMARY KEY, k kind DEFAULT 'a');"},
        Pair{"sequence_added", "CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1);",
             "CREATE SEQUENCE invoice_no START WITH 1000 INCREMENT BY 10; CREATE TABLE t (id int PRIMARY KEY,"
             " no bigint DEFAULT nextval('invoice_no'));"},
        Pair{"sequence_altered",
             "CREATE SEQUENCE s AS integer; CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1);",
             "CREATE SEQUENCE s AS bigint INCREMENT BY 5 MAXVALUE 1000000 CYCLE; CREATE TABLE t (id int PRIMARY KEY);"},
        Pair{"enum_dropped",
             "CREATE TYPE kind AS ENUM ('a'); CREATE TABLE t (id int PRIMARY KEY, k kind); INSERT INTO t VALUES (1, "
             "'a');",
             "CREATE TABLE t (id int PRIMARY KEY);"},
        Pair{
            "rename_like",
            "CREATE TABLE users (id serial PRIMARY KEY, name text, email text); INSERT INTO users (name) VALUES ('a');",
            "CREATE TABLE users (id serial PRIMARY KEY, full_name text, email text);"}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace retort::dialects::postgres

namespace retort::dialects::postgres {
namespace {

INSTANTIATE_TEST_SUITE_P(Portable, PgRoundTrip, ::testing::ValuesIn(test::load_pairs(CORPUS_DIR "/portable.pairs")),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace retort::dialects::postgres
