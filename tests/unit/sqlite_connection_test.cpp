// Running SQLite sections on hostile input (issue 11): a NUL byte is refused with its line before
// anything runs (it used to spin forever), a long section runs every statement, and a failing
// statement is reported whole with its line.

#include <gtest/gtest.h>

#include "dialects/sqlite/sqlite_dialect.hpp"
#include "retort/error.hpp"

namespace retort::dialects::sqlite {
namespace {

void run(Connection& conn, std::string_view script) {
  conn.run_script(script, 1, [](const Statement&, std::chrono::nanoseconds) {});
}

TEST(SqliteRunScript, ANulByteIsRefusedBeforeAnythingRuns) {
  auto conn = dialect().connect(Url::parse("sqlite://"), {});
  const std::string script("CREATE TABLE a (x);\nCREATE TABLE b (x);\0CREATE TABLE c (x);\n", 60);
  try {
    run(*conn, script);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_NE(std::string(e.what()).find("NUL byte"), std::string::npos) << e.what();
  }
  EXPECT_EQ(conn->query_column("SELECT count(*) FROM sqlite_master").front(), "0");
}

TEST(SqliteRunScript, EveryStatementOfALongSectionRuns) {
  auto conn = dialect().connect(Url::parse("sqlite://"), {});
  std::string script = "CREATE TABLE t (x INTEGER);\n";
  for (int i = 0; i < 50000; ++i) script += "INSERT INTO t VALUES (" + std::to_string(i) + ");\n";
  int statements = 0;
  conn->run_script(script, 1, [&](const Statement&, std::chrono::nanoseconds) { ++statements; });
  EXPECT_EQ(statements, 50001);
  EXPECT_EQ(conn->query_column("SELECT count(*) || ',' || sum(x) FROM t").front(), "50000,1249975000");
}

TEST(SqliteRunScript, AFailingStatementIsReportedWholeWithItsLine) {
  auto conn = dialect().connect(Url::parse("sqlite://"), {});
  try {
    run(*conn, "CREATE TABLE t (x);\nINSERT INTO t VALUES (1);\nINSERT INTO t\n  VALUES (1, 2);\nSELECT 1;");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.statement(), "INSERT INTO t\n  VALUES (1, 2)");
  }
}

}  // namespace
}  // namespace retort::dialects::sqlite
