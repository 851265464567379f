#include <gtest/gtest.h>

#include "dialects/postgres/postgres_dialect.hpp"
#include "dialects/statements.hpp"
#include "retort/error.hpp"

namespace retort::dialects::postgres {
namespace {

TEST(PostgresSplitter, DollarQuotesAndFunctionBodies) {
  const char* script =
      "-- comment; not a statement\n"
      "CREATE TABLE t (x text DEFAULT ';');\n"
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$\n"
      "BEGIN\n"
      "  NEW.x := 'a;b';\n"
      "  RETURN NEW;\n"
      "END;\n"
      "$body$;\n"
      "\n"
      "CREATE FUNCTION g(a int) RETURNS int LANGUAGE sql\n"
      "BEGIN ATOMIC\n"
      "  SELECT a + 1;\n"
      "END;\n"
      "/* block */ CREATE INDEX CONCURRENTLY i ON t (x)";
  auto stmts = split(script, 20);
  ASSERT_EQ(stmts.size(), 4u);
  EXPECT_EQ(stmts[0].sql, "CREATE TABLE t (x text DEFAULT ';')");
  EXPECT_EQ(stmts[0].line, 21);
  EXPECT_EQ(stmts[1].line, 22);
  EXPECT_TRUE(stmts[1].sql.ends_with("$body$")) << stmts[1].sql;
  EXPECT_EQ(stmts[2].line, 29);
  EXPECT_NE(stmts[2].sql.find("SELECT a + 1;"), std::string::npos) << stmts[2].sql;
  EXPECT_EQ(stmts[3].sql, "CREATE INDEX CONCURRENTLY i ON t (x)");
  EXPECT_EQ(stmts[3].line, 33);
}

// libpg_query's scanner split leaves out a statement whose first word is no keyword ("SELEC 1;"):
// the migration would run without it and report success. Such a statement is kept, so the server
// rejects it with its line.
TEST(PostgresSplitter, StatementTheScannerSkipsIsKept) {
  auto stmts = split("CREATE TABLE a (x int);\n-- typo below\nCREAT INDEX i ON a (x);\nfoo bar; ;\nSELECT 2;\nSELEC 3", 10);
  ASSERT_EQ(stmts.size(), 5u);
  EXPECT_EQ(stmts[0].sql, "CREATE TABLE a (x int)");
  EXPECT_EQ(stmts[1].sql, "CREAT INDEX i ON a (x)");
  EXPECT_EQ(stmts[1].line, 12);
  EXPECT_EQ(stmts[2].sql, "foo bar");
  EXPECT_EQ(stmts[2].line, 13);
  EXPECT_EQ(stmts[3].sql, "SELECT 2");
  EXPECT_EQ(stmts[3].line, 14);
  EXPECT_EQ(stmts[4].sql, "SELEC 3");
  EXPECT_EQ(stmts[4].line, 15);
}

TEST(PostgresSplitter, ScannerErrorNamesTheLine) {
  try {
    (void)split("SELECT 1;\nSELECT $x$ unterminated", 5);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Parse);
    EXPECT_EQ(e.line(), 6) << e.message();
  }
}

TEST(PostgresLock, KeyIsStable) {
  EXPECT_EQ(lock_key("retort_version"), lock_key("retort_version"));
  EXPECT_NE(lock_key("retort_version"), lock_key("public.retort_version"));
}

TEST(Statements, EndsTransaction) {
  for (const char* yes : {"COMMIT", "commit work", "BEGIN", "begin transaction", "END", "ROLLBACK", "rollback work",
                          "START TRANSACTION", "ABORT"}) {
    EXPECT_TRUE(dialects::ends_transaction(yes)) << yes;
  }
  for (const char* no : {"ROLLBACK TO SAVEPOINT a", "SAVEPOINT a", "CREATE TABLE begin_x (a int)", "COMMITTED",
                         "START something", "ROLLBACK PREPARED 'x'"}) {
    EXPECT_FALSE(dialects::ends_transaction(no)) << no;
  }
}

}  // namespace
}  // namespace retort::dialects::postgres
