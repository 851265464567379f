// Golden files: changes -> SQL for each dialect, rendered without a connection. The expected text
// lives in tests/golden/<dialect>/<case>.sql; UPDATE_GOLDEN=1 rewrites it (review the diff).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dialects/postgres/postgres_dialect.hpp"
#include "dialects/sqlite/sqlite_dialect.hpp"
#include "diff/differ.hpp"

namespace retort {
namespace {

using schema::Column;
using schema::Schema;
using schema::Table;

Column col(std::string name, std::string type, bool nullable = true, std::optional<std::string> def = {}) {
  Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  c.default_sql = std::move(def);
  return c;
}

Table users(const std::string& int_type) {
  Table t;
  t.name = "users";
  t.columns = {col("id", int_type, false), col("name", "text", false), col("email", "varchar(100)")};
  t.primary_key = schema::PrimaryKey{"users_pkey", {"id"}};
  return t;
}

struct Case {
  std::string name;
  Schema from, to;
};

std::vector<Case> cases(const std::string& int_type) {
  std::vector<Case> out;
  Schema base;
  base.tables = {users(int_type)};

  Case add_table{"add_table_with_foreign_key", base, base};
  Table orders;
  orders.name = "orders";
  orders.columns = {col("id", int_type, false), col("user_id", int_type, false), col("total", "numeric", false, "0")};
  orders.primary_key = schema::PrimaryKey{"orders_pkey", {"id"}};
  orders.foreign_keys = {
      {"orders_user_id_fkey", {"user_id"}, "users", {"id"}, "NO ACTION", "CASCADE", false, false, ""}};
  add_table.to.tables.push_back(orders);
  add_table.to.indexes = {{"ix_orders_user", "orders", false, {{"user_id", false, false}}, "", ""}};
  add_table.to.normalise();
  out.push_back(add_table);

  Case columns{"add_drop_alter_columns", base, base};
  auto& u = columns.to.tables[0];
  u.columns[2].type = "varchar(200)";
  u.columns[2].nullable = false;
  u.columns.erase(u.columns.begin() + 1);
  u.columns.push_back(col("active", "integer", false, "1"));
  out.push_back(columns);

  Case constraints{"constraints_and_view", base, base};
  auto& c = constraints.to.tables[0];
  c.uniques = {{"users_email_key", {"email"}}};
  c.checks = {{"ck_name", "length(name) > 0"}};
  constraints.to.views = {{"named_users", "SELECT id, name FROM users", ""}};
  out.push_back(constraints);
  return out;
}

/// PostgreSQL only: named schemas holding a table, an enum, a sequence, an index and a view.
Case named_schemas() {
  Case c{"named_schemas", {}, {}};
  c.from.tables = {users("integer")};
  c.to = c.from;
  c.to.schemas = {"Audit", "billing"};
  c.to.enums = {{"status", {"open", "paid"}, "billing"}};
  schema::Sequence no;
  no.name = "invoice_no";
  no.schema = "billing";
  no.min_value = "1";
  no.max_value = "9223372036854775807";
  c.to.sequences = {no};
  Table invoices;
  invoices.name = "invoices";
  invoices.schema = "billing";
  invoices.columns = {col("id", "integer", false), col("user_id", "integer"),
                      col("status", "billing.status", true, "'open'::billing.status"),
                      col("no", "bigint", true, "nextval('billing.invoice_no'::regclass)")};
  invoices.primary_key = schema::PrimaryKey{"invoices_pkey", {"id"}};
  schema::ForeignKey to_users{
      "invoices_user_id_fkey", {"user_id"}, "users", {"id"}, "NO ACTION", "NO ACTION", false, false, ""};
  invoices.foreign_keys = {to_users};
  Table log;
  log.name = "log";
  log.schema = "Audit";
  log.columns = {col("invoice_id", "integer")};
  schema::ForeignKey to_invoices{"log_invoice_id_fkey", {"invoice_id"}, "invoices", {"id"}, "NO ACTION",
                                 "NO ACTION",           false,          false,      ""};
  to_invoices.ref_schema = "billing";
  log.foreign_keys = {to_invoices};
  c.to.tables = {c.from.tables[0], invoices, log};
  c.to.indexes = {{"ix_status", "invoices", false, {{"status", false, false}}, "", "billing"}};
  c.to.views = {{"open_invoices", "SELECT id FROM billing.invoices WHERE status = 'open'::billing.status", "billing"}};
  c.to.normalise();
  return c;
}

/// PostgreSQL only: a function, a trigger calling it, and a function whose result type changes.
Case routines_and_triggers() {
  Case c{"routines_and_triggers", {}, {}};
  c.from.tables = {users("integer")};
  c.from.routines = {{"score", "integer",
                      "CREATE OR REPLACE FUNCTION score(x integer)\n RETURNS integer\n "
                      "LANGUAGE sql\nAS $function$ SELECT x $function$"}};
  c.to = c.from;
  c.to.routines = {{"score", "integer",
                    "CREATE OR REPLACE FUNCTION score(x integer)\n RETURNS bigint\n "
                    "LANGUAGE sql\nAS $function$ SELECT x::bigint $function$"},
                   {"touch", "",
                    "CREATE OR REPLACE FUNCTION touch()\n RETURNS trigger\n LANGUAGE plpgsql\nAS "
                    "$function$ BEGIN RETURN NEW; END $function$"}};
  c.to.triggers = {{"users_touch", "users",
                    "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch()"}};
  c.to.normalise();
  return c;
}

void check_golden(const std::string& dialect, const Case& c, const dialects::Renderer& renderer) {
  auto changes = diff::compare(c.from, c.to, diff::exact_hooks());
  std::string text = "-- upgrade\n";
  for (const auto& s : renderer.render(c.from, c.to, changes)) {
    if (!s.comment.empty()) {
      std::istringstream lines(s.comment);
      for (std::string line; std::getline(lines, line);) text += "-- " + line + "\n";
    }
    text += s.sql + ";\n";
  }
  text += "-- downgrade\n";
  for (const auto& s : renderer.render(c.to, c.from, diff::reverse(changes))) text += s.sql + ";\n";
  const auto path = std::filesystem::path(GOLDEN_DIR) / dialect / (c.name + ".sql");
  if (std::getenv("UPDATE_GOLDEN")) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << text;
    return;
  }
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing golden file " << path << " (run with UPDATE_GOLDEN=1)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), text) << path;
}

TEST(GoldenRender, Sqlite) {
  for (const auto& c : cases("integer")) check_golden("sqlite", c, dialects::sqlite::renderer());
}

TEST(GoldenRender, Postgresql) {
  for (const auto& c : cases("integer")) check_golden("postgresql", c, dialects::postgres::renderer());
  check_golden("postgresql", named_schemas(), dialects::postgres::renderer());
  check_golden("postgresql", routines_and_triggers(), dialects::postgres::renderer());
}

}  // namespace
}  // namespace retort
