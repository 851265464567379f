// The central property of autogenerate (SPEC §7): for schemas A and B, a database built from A
// plus the generated upgrade equals B by reflection, and the generated downgrade brings it back to
// A — with the rows of every table that is not dropped surviving both ways.

#include <gtest/gtest.h>

#include <map>

#include "dialects/sqlite/sqlite_dialect.hpp"
#include "diff/differ.hpp"
#include "retort/error.hpp"
#include "support/corpus.hpp"

namespace retort::dialects::sqlite {
namespace {

using test::Pair;

std::unique_ptr<Connection> database(const std::string& sql) {
  auto conn = dialect().connect(Url::parse("sqlite://"), {});
  conn->run_script(sql, 1, [](const Statement&, std::chrono::nanoseconds) {});
  return conn;
}

schema::Schema reflect(Connection& conn) { return inspector().inspect(conn, {}); }

void run_statements(Connection& conn, const std::vector<RenderedStatement>& statements) {
  std::string sql;
  for (const auto& s : statements) sql += s.sql + ";\n";
  conn.begin();
  conn.run_script(sql, 1, [](const Statement&, std::chrono::nanoseconds) {});
  conn.commit();
}

std::string differences(const schema::Schema& a, const schema::Schema& b) {
  std::string out;
  for (const auto& c : diff::compare(a, b, inspector().hooks())) out += "\n  " + diff::describe(c);
  return out;
}

long long rows(Connection& conn, const std::string& table) {
  return std::stoll(conn.query_column("SELECT count(*) FROM \"" + table + "\"").front());
}

class RoundTrip : public ::testing::TestWithParam<Pair> {};

TEST_P(RoundTrip, UpgradeReachesBAndDowngradeReturnsToA) {
  const auto& p = GetParam();
  auto target = reflect(*database(p.b));
  auto conn = database(p.a);
  auto start = reflect(*conn);
  std::map<std::string, long long> counts;
  for (const auto& t : start.tables) counts[t.name] = rows(*conn, t.name);

  auto changes = diff::compare(start, target, inspector().hooks());
  ASSERT_FALSE(changes.empty()) << "pair " << p.name << " has no differences";
  auto up = renderer().render(start, target, changes);
  ASSERT_NO_THROW(run_statements(*conn, up)) << p.name;
  auto after_up = reflect(*conn);
  EXPECT_EQ(differences(after_up, target), "") << "upgrade of " << p.name;
  for (const auto& [table, n] : counts) {
    if (target.table(table)) {
      EXPECT_EQ(rows(*conn, table), n) << table << " lost rows in the upgrade of " << p.name;
    }
  }

  auto down = renderer().render(target, start, diff::reverse(changes));
  ASSERT_NO_THROW(run_statements(*conn, down)) << p.name;
  auto after_down = reflect(*conn);
  EXPECT_EQ(differences(after_down, start), "") << "downgrade of " << p.name;
  for (const auto& [table, n] : counts) {
    if (target.table(table)) {
      EXPECT_EQ(rows(*conn, table), n) << table << " lost rows in the downgrade of " << p.name;
    }
  }
}

constexpr const char* kUsers =
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100), age INTEGER);"
    "INSERT INTO users VALUES (1, 'ada', 'ada@example.org', 36), (2, 'grace', NULL, 45);";

INSTANTIATE_TEST_SUITE_P(
    Corpus, RoundTrip,
    ::testing::Values(
        Pair{"add_table", kUsers,
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100),"
             " age INTEGER); CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT);"},
        Pair{"drop_table", "CREATE TABLE keep (x INTEGER); INSERT INTO keep VALUES (1); CREATE TABLE gone (y TEXT);",
             "CREATE TABLE keep (x INTEGER);"},
        Pair{"add_nullable_column", kUsers,
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100), age INTEGER,"
             " nickname TEXT);"},
        Pair{"add_not_null_with_default", kUsers,
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100), age INTEGER,"
             " active INTEGER NOT NULL DEFAULT 1);"},
        Pair{"drop_column", kUsers, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INTEGER);"},
        Pair{"change_type", kUsers,
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(200), age INTEGER);"},
        Pair{"make_not_null", kUsers,
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100), age INTEGER NOT "
             "NULL);"},
        Pair{"add_default", kUsers,
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'anon', email VARCHAR(100),"
             " age INTEGER);"},
        Pair{"expression_default", kUsers,
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100), age INTEGER,"
             " created TEXT DEFAULT (datetime('now')));"},
        Pair{
            "add_unique", kUsers,
            "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100) UNIQUE, age INTEGER);"},
        Pair{"drop_unique",
             "CREATE TABLE t (a INTEGER, b INTEGER, UNIQUE (a, b)); INSERT INTO t VALUES (1, 2), (1, 3);",
             "CREATE TABLE t (a INTEGER, b INTEGER);"},
        Pair{"add_check", kUsers,
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100), age INTEGER,"
             " CONSTRAINT ck_age CHECK (age >= 0));"},
        Pair{"change_check",
             "CREATE TABLE p (price NUMERIC CONSTRAINT ck_price CHECK (price > 0)); INSERT INTO p VALUES (5);",
             "CREATE TABLE p (price NUMERIC CONSTRAINT ck_price CHECK (price >= 1));"},
        Pair{"unnamed_check", "CREATE TABLE p (price NUMERIC); INSERT INTO p VALUES (5);",
             "CREATE TABLE p (price NUMERIC CHECK (price > 0));"},
        Pair{"add_foreign_key",
             "CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER);"
             "INSERT INTO a VALUES (1); INSERT INTO b VALUES (1, 1);",
             "CREATE TABLE a (id INTEGER PRIMARY KEY);"
             "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id) ON DELETE CASCADE);"},
        Pair{"change_foreign_key_action",
             "CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (id INTEGER PRIMARY KEY,"
             " a_id INTEGER REFERENCES a (id)); INSERT INTO a VALUES (1); INSERT INTO b VALUES (1, 1);",
             "CREATE TABLE a (id INTEGER PRIMARY KEY);"
             "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id) ON DELETE SET NULL);"},
        Pair{"new_parent_and_child", "CREATE TABLE a (id INTEGER PRIMARY KEY); INSERT INTO a VALUES (1);",
             "CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY,"
             " b_id INTEGER REFERENCES b (id)); CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a "
             "(id));"},
        Pair{"rebuild_parent_keeps_children",
             "CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT); CREATE TABLE b (id INTEGER PRIMARY KEY,"
             " a_id INTEGER REFERENCES a (id)); INSERT INTO a VALUES (1, 'x'); INSERT INTO b VALUES (1, 1);",
             "CREATE TABLE a (id INTEGER PRIMARY KEY, x VARCHAR(10)); CREATE TABLE b (id INTEGER PRIMARY KEY,"
             " a_id INTEGER REFERENCES a (id));"},
        Pair{"add_index", kUsers,
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100), age INTEGER);"
             "CREATE INDEX ix_users_name ON users (name);"},
        Pair{"partial_and_expression_index", kUsers,
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100), age INTEGER);"
             "CREATE INDEX ix_adults ON users (age) WHERE age >= 18; CREATE UNIQUE INDEX ix_email ON users"
             " (lower(email));"},
        Pair{"drop_index", "CREATE TABLE t (a INTEGER); CREATE INDEX ix_a ON t (a); INSERT INTO t VALUES (1);",
             "CREATE TABLE t (a INTEGER);"},
        Pair{"unique_index_to_plain",
             "CREATE TABLE t (a INTEGER, b TEXT); CREATE UNIQUE INDEX ix ON t (a, b DESC); INSERT INTO t VALUES (1, "
             "'x');",
             "CREATE TABLE t (a INTEGER, b TEXT); CREATE INDEX ix ON t (a, b DESC);"},
        Pair{"add_view", kUsers,
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100), age INTEGER);"
             "CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;"},
        Pair{"view_survives_rebuild",
             "CREATE TABLE t (a INTEGER, b TEXT); CREATE VIEW v AS SELECT a FROM t; INSERT INTO t VALUES (1, 'x');",
             "CREATE TABLE t (a INTEGER NOT NULL, b TEXT); CREATE VIEW v AS SELECT a FROM t;"},
        Pair{"change_view", "CREATE TABLE t (a INTEGER); CREATE VIEW v AS SELECT a FROM t;",
             "CREATE TABLE t (a INTEGER); CREATE VIEW v AS SELECT a, a * 2 AS b FROM t;"},
        Pair{"composite_primary_key",
             "CREATE TABLE m (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a)); INSERT INTO m VALUES (1, 1);",
             "CREATE TABLE m (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b));"},
        Pair{"generated_column", kUsers,
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100), age INTEGER,"
             " age_months INTEGER GENERATED ALWAYS AS (age * 12) VIRTUAL);"},
        Pair{"stored_generated_column", kUsers,
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email VARCHAR(100), age INTEGER,"
             " domain TEXT GENERATED ALWAYS AS (substr(email, instr(email, '@') + 1)) STORED);"},
        Pair{"collation", kUsers,
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE, email VARCHAR(100),"
             " age INTEGER);"},
        // The dropped column is nullable here: re-adding a NOT NULL column without a default to a
        // table with rows cannot work, and the generated file warns about exactly that.
        Pair{"rename_like_drop_and_add",
             "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email VARCHAR(100)); INSERT INTO users VALUES"
             " (1, 'ada', NULL);",
             "CREATE TABLE users (id INTEGER PRIMARY KEY, full_name TEXT, email VARCHAR(100));"},
        Pair{"trigger_survives_rebuild",
             "CREATE TABLE t (a INTEGER, b TEXT); CREATE TABLE log (x INTEGER);"
             "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.a); END;"
             "INSERT INTO t VALUES (1, 'x');",
             "CREATE TABLE t (a INTEGER, b VARCHAR(5)); CREATE TABLE log (x INTEGER);"}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace retort::dialects::sqlite

namespace retort::dialects::sqlite {
namespace {

INSTANTIATE_TEST_SUITE_P(Portable, RoundTrip, ::testing::ValuesIn(test::load_pairs(CORPUS_DIR "/portable.pairs")),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace retort::dialects::sqlite
