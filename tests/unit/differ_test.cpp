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

TEST(SchemaCache, RoundTripKeepsEveryField) {
  schema::Schema s;
  s.schemas = {"app"};
  auto t = users();
  t.schema = "app";
  t.comment = "people";
  t.columns[2].default_sql = "'x'";
  t.columns[1].generated = "upper(name)";
  t.columns[1].generated_stored = true;
  t.columns[0].identity = "always";
  t.columns[1].collation = "C";
  t.columns[1].comment = "shown";
  t.columns[0].owned_sequence = schema::Sequence{"users_id_seq", "integer", "5", "2", "1", "99", true, "app"};
  t.columns[2].on_update = "current_timestamp()";
  t.foreign_keys = {schema::ForeignKey{"fk", {"email"}, "emails", {"address"}, "CASCADE", "SET NULL", true, true,
                                       "other", "ix_fk"}};
  t.checks = {{"ck", "id > 0", schema::Verbatim{"id>0"}}};
  t.uniques = {{"uq", {"email", "name"}}};
  t.exclusions = {{"ex", "EXCLUDE USING gist (during WITH &&)"}};
  t.options = {true, true, true, "InnoDB", "utf8mb4_bin"};
  s.tables = {t, users()};
  s.indexes = {schema::Index{"ix", "users", true, {{"lower(email)", true, true, "text_pattern_ops", "last", 10}},
                             "id > 1", "app", "gin", {"name"}}};
  s.views = {schema::View{"v", "select 1", "app", {"one"}, schema::Verbatim{"CREATE VIEW v AS SELECT 1"}}};
  s.triggers = {schema::Trigger{"tr", "users", "CREATE TRIGGER ...", "app", schema::Verbatim{"CREATE TRIGGER tr"}}};
  s.enums = {{"mood", {"sad", "ok"}, "app"}};
  s.sequences = {{"counter", "bigint", "1", "1", "", "", false, "app"}};
  s.routines = {{"f", "integer, text", "CREATE OR REPLACE FUNCTION f ...", true, "app"}};
  s.domains = {{"posint", "integer", false, "1", {{"", "CHECK (VALUE > 0)"}}, "app"}};
  s.composites = {{"pair", {{"a", "int"}, {"b", "text"}}, "app"}};
  s.extensions = {{"citext", "app"}};
  s.skipped = {"a table retort does not model"};
  const auto bytes = runtime::encode(s);
  auto back = runtime::decode(bytes);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, s);
  // Verbatim compares equal whatever it holds; its text must survive all the same.
  EXPECT_EQ(back->tables[0].checks[0].source.text, "id>0");
  EXPECT_EQ(back->views[0].sql.text, "CREATE VIEW v AS SELECT 1");
  EXPECT_EQ(back->triggers[0].source.text, "CREATE TRIGGER tr");
  // Anything else is no cache: another format, every truncation, a byte too many.
  EXPECT_FALSE(runtime::decode("{\"tables\": []}").has_value());
  for (std::size_t n = 0; n < bytes.size(); ++n) EXPECT_FALSE(runtime::decode(bytes.substr(0, n)).has_value()) << n;
  EXPECT_FALSE(runtime::decode(bytes + "x").has_value());
  // One encoding per model: a bool other than 0 or 1 is refused, not read as true.
  schema::Schema one;
  one.tables = {users()};
  const auto off = runtime::encode(one);
  one.tables[0].options.strict = true;
  auto on = runtime::encode(one);
  ASSERT_EQ(off.size(), on.size());
  std::size_t at = 0;
  while (at < on.size() && on[at] == off[at]) ++at;
  ASSERT_LT(at, on.size());
  ASSERT_EQ(on[at], '\1');
  EXPECT_TRUE(runtime::decode(on).has_value());
  on[at] = '\2';
  EXPECT_FALSE(runtime::decode(on).has_value());
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
