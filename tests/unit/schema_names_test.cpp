// Schema names mapped to scratch names in SQL (PostgreSQL): only where SQL names a schema.

#include "dialects/postgres/schema_names.hpp"

#include <gtest/gtest.h>

namespace retort::dialects::postgres {
namespace {

TEST(SchemaNames, CreateSchemaMapsTheSchemaAndItsQualifiedObjects) {
  SchemaNames names("s", "public");
  EXPECT_EQ(names.rewrite("CREATE SCHEMA billing;\nCREATE TABLE billing.invoices (id int REFERENCES public.users);"),
            "CREATE SCHEMA s_1;\nCREATE TABLE s_1.invoices (id int REFERENCES s.users);");
  EXPECT_EQ(names.rewrite("CREATE SCHEMA IF NOT EXISTS \"Audit\"; CREATE TYPE \"Audit\".kind AS ENUM ('a');"),
            "CREATE SCHEMA IF NOT EXISTS s_2; CREATE TYPE s_2.kind AS ENUM ('a');");
  EXPECT_EQ(names.others(), (std::map<std::string, std::string>{{"s_1", "billing"}, {"s_2", "Audit"}}));
  // Case folds for unquoted names only: "Billing" is another schema.
  EXPECT_EQ(names.rewrite("CREATE TABLE BILLING.t (x int); CREATE TABLE \"Billing\".t (x int);"),
            "CREATE TABLE s_1.t (x int); CREATE TABLE \"Billing\".t (x int);");
}

TEST(SchemaNames, LeavesStringsBodiesCommentsAndOtherSchemasAlone) {
  SchemaNames names("s", "public");
  names.add("billing");
  const std::string sql =
      "COMMENT ON TABLE x IS 'billing.t'; -- billing.t\n"
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT count(*) FROM billing.t $$;\n"
      "CREATE TABLE t (at timestamptz DEFAULT pg_catalog.now(), n int DEFAULT other.f());";
  EXPECT_EQ(names.rewrite(sql), sql);
}

TEST(SchemaNames, TellsATableQualifierFromASchema) {
  SchemaNames names("s", "public");
  names.add("billing");
  // billing is also a table in the default schema: billing.id is its column, billing.billing the table.
  EXPECT_EQ(names.rewrite("CREATE VIEW v AS SELECT billing.id, billing.billing.total, billing.f(1) FROM billing "
                          "JOIN billing.billing ON true"),
            "CREATE VIEW v AS SELECT billing.id, s_1.billing.total, s_1.f(1) FROM billing "
            "JOIN s_1.billing ON true");
}

TEST(SchemaNames, RegclassLiteralsSearchPathAndSchemaLists) {
  SchemaNames names("s", "public");
  names.add("billing");
  EXPECT_EQ(names.rewrite("CREATE TABLE billing.t (n bigint DEFAULT nextval('billing.no'), "
                          "m regclass DEFAULT 'billing.t'::regclass, c text DEFAULT 'billing.t')"),
            "CREATE TABLE s_1.t (n bigint DEFAULT nextval('s_1.no'), "
            "m regclass DEFAULT 's_1.t'::regclass, c text DEFAULT 'billing.t')");
  EXPECT_EQ(names.rewrite("SET search_path TO billing, public, other"), "SET search_path TO s_1, s, other");
  EXPECT_EQ(names.rewrite("set search_path = 'billing'"), "set search_path = 's_1'");
  EXPECT_EQ(names.rewrite("DROP SCHEMA billing, public CASCADE; GRANT USAGE ON SCHEMA billing TO x"),
            "DROP SCHEMA s_1, s CASCADE; GRANT USAGE ON SCHEMA s_1 TO x");
  EXPECT_EQ(names.rewrite("ALTER TABLE public.t SET SCHEMA billing"), "ALTER TABLE s.t SET SCHEMA s_1");
}

TEST(SchemaNames, AProvidedSchemaMayStillBeCreatedOnce) {
  SchemaNames names("s", "public");
  names.provide("billing");
  EXPECT_EQ(names.rewrite("CREATE SCHEMA billing; CREATE SCHEMA IF NOT EXISTS billing;"),
            "CREATE SCHEMA IF NOT EXISTS s_1; CREATE SCHEMA IF NOT EXISTS s_1;");
  EXPECT_EQ(names.rewrite("CREATE SCHEMA billing"), "CREATE SCHEMA s_1");  // a second time is an error, as anywhere
}

TEST(SchemaNames, ASchemaNamedAfterItsOwner) {
  SchemaNames names("s", "public");
  EXPECT_EQ(names.rewrite("CREATE SCHEMA AUTHORIZATION joe; CREATE TABLE joe.t (x int);"),
            "CREATE SCHEMA s_1 AUTHORIZATION joe; CREATE TABLE s_1.t (x int);");
}

TEST(SchemaNames, TextTheScannerRejectsIsLeftForTheServer) {
  SchemaNames names("s", "public");
  const std::string bad = "CREATE TABLE public.t (x text DEFAULT 'unterminated)";
  EXPECT_EQ(names.rewrite(bad), bad);
}

}  // namespace
}  // namespace retort::dialects::postgres
