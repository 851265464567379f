#include <gtest/gtest.h>

#include <map>

#include "dialects/sqlite/sqlite_dialect.hpp"

namespace retort::dialects::sqlite {
namespace {

schema::Schema inspect(const std::string& ddl, std::vector<std::string> exclude = {}) {
  auto conn = dialect().connect(Url::parse("sqlite://"), {});
  conn->run_script(ddl, 1, [](const Statement&, std::chrono::nanoseconds) {});
  InspectOptions o;
  o.exclude_tables = std::move(exclude);
  return inspector().inspect(*conn, o);
}

TEST(SqliteInspector, TablesColumnsKeys) {
  auto s = inspect(
      "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT 'x', email VARCHAR(200) UNIQUE,"
      " age INTEGER CONSTRAINT ck_age CHECK (age >= 0), CHECK (length(name) > 0));"
      "CREATE TABLE orders (id INTEGER, user_id INTEGER REFERENCES users ON DELETE CASCADE,"
      " total NUMERIC GENERATED ALWAYS AS (id * 2) STORED, PRIMARY KEY (id, user_id));"
      "CREATE TABLE retort_version (version_num VARCHAR(255) NOT NULL PRIMARY KEY);",
      {"retort_version"});
  ASSERT_EQ(s.tables.size(), 2u);
  const auto* users = s.table("users");
  ASSERT_NE(users, nullptr);
  ASSERT_EQ(users->columns.size(), 4u);
  EXPECT_EQ(users->columns[1].name, "name");
  EXPECT_EQ(users->columns[1].type, "text");
  EXPECT_FALSE(users->columns[1].nullable);
  EXPECT_EQ(users->columns[1].default_sql, "'x'");
  EXPECT_EQ(users->columns[2].type, "varchar(200)");
  EXPECT_EQ(users->primary_key->columns, (std::vector<std::string>{"id"}));
  ASSERT_EQ(users->uniques.size(), 1u);
  EXPECT_EQ(users->uniques[0].columns, (std::vector<std::string>{"email"}));
  ASSERT_EQ(users->checks.size(), 2u);
  EXPECT_EQ(users->checks[0].name, "");
  EXPECT_EQ(users->checks[0].expression, "length(name) > 0");
  EXPECT_EQ(users->checks[1].name, "ck_age");
  EXPECT_EQ(users->checks[1].expression, "age >= 0");

  const auto* orders = s.table("orders");
  ASSERT_NE(orders, nullptr);
  EXPECT_EQ(orders->primary_key->columns, (std::vector<std::string>{"id", "user_id"}));
  ASSERT_EQ(orders->foreign_keys.size(), 1u);
  EXPECT_EQ(orders->foreign_keys[0].ref_table, "users");
  EXPECT_EQ(orders->foreign_keys[0].ref_columns, (std::vector<std::string>{"id"}));  // the parent's key
  EXPECT_EQ(orders->foreign_keys[0].on_delete, "CASCADE");
  EXPECT_EQ(orders->columns[2].generated, "id * 2");
  EXPECT_TRUE(orders->columns[2].generated_stored);
  EXPECT_EQ(orders->columns[2].type, "numeric");
}

TEST(SqliteInspector, DeferrableForeignKeysFromTheStoredStatement) {
  auto s = inspect(
      "CREATE TABLE p (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, UNIQUE (a, b));"
      "CREATE TABLE c (x INTEGER REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED NOT NULL,"
      " y INTEGER REFERENCES p (id) NOT DEFERRABLE,"
      " z INTEGER CONSTRAINT fk_z REFERENCES p (id) ON DELETE CASCADE DEFERRABLE,"
      " a INTEGER, b INTEGER, w INTEGER REFERENCES p,"
      " CONSTRAINT fk_ab FOREIGN KEY (\"A\", b) REFERENCES p (a, b) DEFERRABLE INITIALLY IMMEDIATE);");
  const auto* c = s.table("c");
  ASSERT_NE(c, nullptr);
  std::map<std::string, std::pair<bool, bool>> seen;  // first column -> (deferrable, initially deferred)
  for (const auto& k : c->foreign_keys) seen[k.columns.front()] = {k.deferrable, k.initially_deferred};
  EXPECT_EQ(seen, (std::map<std::string, std::pair<bool, bool>>{{"a", {true, false}},
                                                                {"w", {false, false}},
                                                                {"x", {true, true}},
                                                                {"y", {false, false}},
                                                                {"z", {true, false}}}));
}

TEST(SqliteInspector, IndexesAndViews) {
  auto s = inspect(
      "CREATE TABLE t (a INTEGER, b TEXT);"
      "CREATE UNIQUE INDEX ix_ab ON t (a, b DESC);"
      "CREATE INDEX ix_lower ON t (lower(b)) WHERE a > 0;"
      "CREATE VIEW v AS SELECT a FROM t  WHERE a > 1;");
  ASSERT_EQ(s.indexes.size(), 2u);
  const auto* ab = s.index("ix_ab");
  ASSERT_NE(ab, nullptr);
  EXPECT_TRUE(ab->unique);
  ASSERT_EQ(ab->keys.size(), 2u);
  EXPECT_FALSE(ab->keys[0].descending);
  EXPECT_TRUE(ab->keys[1].descending);
  const auto* lower = s.index("ix_lower");
  ASSERT_NE(lower, nullptr);
  ASSERT_EQ(lower->keys.size(), 1u);
  EXPECT_TRUE(lower->keys[0].expression);
  EXPECT_EQ(lower->keys[0].text, "lower(b)");
  EXPECT_EQ(lower->where, "a > 0");
  ASSERT_EQ(s.views.size(), 1u);
  EXPECT_EQ(s.views[0].definition, "select a from t where a > 1");
}

TEST(SqliteInspector, TheSameSchemaWrittenTwoWaysIsEqual) {
  auto a = inspect("CREATE TABLE t (a INTEGER CHECK(a>0), b TEXT);CREATE INDEX i ON t(b);");
  auto b = inspect("create table t (\n  a integer check ( a > 0 ),\n  b text\n);\ncreate index i on t (b);");
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace retort::dialects::sqlite
