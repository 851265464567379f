#include <gtest/gtest.h>

#include "diff/change.hpp"
#include "diff/dependencies.hpp"
#include "diff/differ.hpp"

namespace retort::diff {
namespace {

using schema::Column;
using schema::Schema;
using schema::Table;

Column col(std::string name, std::string type, bool nullable = true) {
  Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  return c;
}

Table users() {
  Table t;
  t.name = "users";
  t.columns = {col("id", "integer", false), col("name", "text", false), col("email", "varchar(100)")};
  t.primary_key = schema::PrimaryKey{"", {"id"}};
  return t;
}

std::vector<std::string> lines(const std::vector<Change>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(describe(c));
  return out;
}

TEST(Differ, EqualSchemasHaveNoChanges) {
  Schema a;
  a.tables = {users()};
  EXPECT_TRUE(compare(a, a, exact_hooks()).empty());
}

TEST(Differ, TablesColumnsAndRenameHints) {
  Schema from, to;
  from.tables = {users()};
  Table legacy;
  legacy.name = "legacy";
  legacy.columns = {col("x", "integer")};
  from.tables.push_back(legacy);
  auto u = users();
  u.columns[1].name = "full_name";
  u.columns[2].type = "varchar(200)";
  to.tables = {u};
  auto changes = compare(from, to, exact_hooks());
  EXPECT_EQ(lines(changes), (std::vector<std::string>{
                                "- column users.name text NOT NULL",
                                "~ column users.email: varchar(100) -> varchar(200)",
                                "+ column users.full_name text NOT NULL",
                                "- table legacy",
                            }));
  auto hints = rename_hints(changes);
  ASSERT_EQ(hints.size(), 1u);
  EXPECT_EQ(hints[0].from, "name");
  EXPECT_EQ(hints[0].to, "full_name");
}

TEST(Differ, CreatesReferencedTablesFirstAndDropsThemLast) {
  Table parent;
  parent.name = "z_parent";
  parent.columns = {col("id", "integer", false)};
  Table child;
  child.name = "a_child";
  child.columns = {col("parent_id", "integer")};
  child.foreign_keys = {
      schema::ForeignKey{"", {"parent_id"}, "z_parent", {"id"}, "NO ACTION", "CASCADE", false, false, ""}};
  Schema empty, both;
  both.tables = {child, parent};
  EXPECT_EQ(lines(compare(empty, both, exact_hooks())),
            (std::vector<std::string>{"+ table z_parent", "+ table a_child"}));
  EXPECT_EQ(lines(compare(both, empty, exact_hooks())),
            (std::vector<std::string>{"- table a_child", "- table z_parent"}));
}

TEST(Differ, ConstraintsIndexesAndViews) {
  Schema from, to;
  from.tables = {users()};
  auto u = users();
  u.uniques = {schema::UniqueConstraint{"", {"email"}}};
  u.checks = {schema::CheckConstraint{"ck_name", "length(name) > 0"}};
  to.tables = {u};
  to.indexes = {
      schema::Index{"ix_users_lower", "users", false, {{"lower(email)", true, false}}, "email is not null", ""}};
  to.views = {schema::View{"named", "select name from users", ""}};
  EXPECT_EQ(lines(compare(from, to, exact_hooks())),
            (std::vector<std::string>{
                "+ unique on users (email)",
                "+ check ck_name on users (length(name) > 0)",
                "+ index ix_users_lower on users ((lower(email))) WHERE email is not null",
                "+ view named",
            }));
  // A changed index or view is dropped and created again, dropping before anything else.
  auto changed = to;
  changed.indexes[0].unique = true;
  changed.views[0].definition = "select email from users";
  auto changes = compare(to, changed, exact_hooks());
  EXPECT_EQ(lines(changes), (std::vector<std::string>{
                                "- view named",
                                "- index ix_users_lower on users ((lower(email))) WHERE email is not null",
                                "+ unique index ix_users_lower on users ((lower(email))) WHERE email is not null",
                                "+ view named",
                            }));
}

TEST(Differ, HooksDecideTypeAndDefaultEquality) {
  Schema a, b;
  a.tables = {users()};
  auto u = users();
  u.columns[2].type = "VARCHAR(100)";
  b.tables = {u};
  EXPECT_EQ(compare(a, b, exact_hooks()).size(), 1u);
  Hooks lenient = exact_hooks();
  lenient.same_type = [](const std::string& x, const std::string& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end(),
                      [](char p, char q) { return std::tolower(p) == std::tolower(q); });
  };
  EXPECT_TRUE(compare(a, b, lenient).empty());
}

TEST(Reverse, IsAnInvolutionAndUndoesTheUpgrade) {
  Schema from, to;
  from.tables = {users()};
  auto u = users();
  u.columns.push_back(col("age", "integer"));
  u.foreign_keys = {schema::ForeignKey{"fk", {"age"}, "ages", {"id"}, "NO ACTION", "NO ACTION", false, false, ""}};
  to.tables = {u};
  to.indexes = {schema::Index{"ix", "users", true, {{"age", false, true}}, "", ""}};
  auto up = compare(from, to, exact_hooks());
  auto down = reverse(up);
  ASSERT_EQ(down.size(), up.size());
  for (std::size_t i = 0; i < up.size(); ++i) {
    EXPECT_EQ(describe(reverse(reverse(up[i]))), describe(up[i]));
  }
  // The downgrade is what comparing the other way finds (as a set of changes).
  auto back = compare(to, from, exact_hooks());
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(lines(down)), sorted(lines(back)));
}

}  // namespace
}  // namespace retort::diff

#include "runtime/schema_cache.hpp"

namespace retort::diff {
namespace {

TEST(SchemaCache, JsonRoundTrip) {
  schema::Schema s;
  auto t = users();
  t.columns[2].default_sql = "'x'";
  t.columns[1].generated = "upper(name)";
  t.foreign_keys = {schema::ForeignKey{"fk", {"email"}, "emails", {"address"}, "CASCADE", "SET NULL", true, true, ""}};
  t.checks = {{"ck", "id > 0"}};
  s.tables = {t};
  s.indexes = {schema::Index{"ix", "users", true, {{"lower(email)", true, true}}, "id > 1", ""}};
  s.views = {schema::View{"v", "select 1", ""}};
  s.triggers = {schema::Trigger{"tr", "users", "CREATE TRIGGER ..."}};
  auto back = runtime::from_json(runtime::to_json(s));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, s);
  EXPECT_FALSE(runtime::from_json("{not json").has_value());
}

}  // namespace
}  // namespace retort::diff

namespace retort::diff {
namespace {

TEST(Dependencies, MentionsIsAWholeWordBareOrQuoted) {
  EXPECT_TRUE(mentions("SELECT t.a FROM t", "t"));
  EXPECT_TRUE(mentions("SELECT a FROM \"Order Items\"", "Order Items"));
  EXPECT_FALSE(mentions("SELECT a FROM items_t", "items"));
  EXPECT_FALSE(mentions("SELECT at FROM x", "a"));
  EXPECT_TRUE(mentions("(a * 2)", "a"));
}

TEST(Dependencies, ViewsComeAfterTheViewsTheyName) {
  schema::View top{"a_top", "SELECT id FROM m_mid", ""}, mid{"m_mid", "SELECT id FROM z_base", ""},
      base{"z_base", "SELECT id FROM t", ""};
  auto order = view_order({&top, &mid, &base});
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(order[0]->name, "z_base");
  EXPECT_EQ(order[1]->name, "m_mid");
  EXPECT_EQ(order[2]->name, "a_top");
}

}  // namespace
}  // namespace retort::diff
