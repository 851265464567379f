#include <gtest/gtest.h>
#include <sqlite3.h>

#include <random>

#include "dialects/sqlite/sqlite_dialect.hpp"

namespace retort::dialects::sqlite {
namespace {

TEST(SqliteSplitter, StatementsAndLines) {
  const char* script =
      "-- leading comment\n"
      "CREATE TABLE t (x TEXT DEFAULT ';');\n"
      "\n"
      "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
      "  UPDATE t SET x = 'a;b';\n"
      "END;\n"
      "/* block\n comment */ INSERT INTO t VALUES ('--not a comment');\n"
      "SELECT 1";
  auto stmts = split(script, 10);
  ASSERT_EQ(stmts.size(), 4u);
  EXPECT_EQ(stmts[0].sql, "CREATE TABLE t (x TEXT DEFAULT ';')");
  EXPECT_EQ(stmts[0].line, 11);
  EXPECT_EQ(stmts[1].line, 13);
  EXPECT_TRUE(stmts[1].sql.ends_with("END")) << stmts[1].sql;
  EXPECT_NE(stmts[1].sql.find("'a;b';"), std::string::npos);
  EXPECT_EQ(stmts[2].sql, "INSERT INTO t VALUES ('--not a comment')");
  EXPECT_EQ(stmts[2].line, 17);
  EXPECT_EQ(stmts[3].sql, "SELECT 1");
}

TEST(SqliteSplitter, EmptyAndCommentOnly) {
  EXPECT_TRUE(split("", 1).empty());
  EXPECT_TRUE(split("  -- nothing\n/* here */\n", 1).empty());
}

// The splitter decides in one pass what sqlite3_complete() decides: on random scripts from a
// token alphabet that exercises every state (CREATE TEMP TRIGGER ... END, EXPLAIN, strings,
// comments), every statement it returns is complete with its ';' and no shorter prefix ending at a
// ';' is.
TEST(SqliteSplitter, AgreesWithSqlite3Complete) {
  const std::vector<std::string> tokens = {";",      " ",   "\n",     "CREATE", "TEMP",  "TRIGGER", "END",
                                           "EXPLAIN", "x",  "'a;b'", "\"q;\"", "-- c;\n", "/* ; */", "BEGIN",
                                           "[i;d]",  "end", "Temporary", "(", ")", "\v"};
  std::mt19937 rng(20261201);
  for (int round = 0; round < 3000; ++round) {
    std::string script;
    const int length = std::uniform_int_distribution<int>(1, 30)(rng);
    for (int i = 0; i < length; ++i)
      script += tokens[std::uniform_int_distribution<std::size_t>(0, tokens.size() - 1)(rng)] + " ";
    const auto statements = split(script, 1);
    for (const auto& stmt : statements) {
      const auto text = stmt.sql + "\n;";  // after a newline: the statement may end in a -- comment
      if (&stmt != &statements.back()) {  // the last one may be the unterminated rest
        EXPECT_TRUE(sqlite3_complete(text.c_str())) << "[" << stmt.sql << "] of [" << script << "]";
      }
      for (auto semi = stmt.sql.find(';'); semi != std::string::npos; semi = stmt.sql.find(';', semi + 1)) {
        const auto prefix = stmt.sql.substr(0, semi + 1);
        EXPECT_FALSE(sqlite3_complete(prefix.c_str())) << "[" << prefix << "] of [" << script << "]";
      }
    }
  }
}

TEST(SqliteSplitter, ManySemicolonsInOneTriggerAndManyStatements) {
  std::string trigger = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n";
  for (int i = 0; i < 20000; ++i) trigger += "  UPDATE t SET x = x + 1;\n";
  trigger += "END;\n";
  std::string inserts;
  for (int i = 0; i < 50000; ++i) inserts += "INSERT INTO t VALUES (" + std::to_string(i) + ");\n";
  auto stmts = split(trigger + inserts, 1);
  ASSERT_EQ(stmts.size(), 50001u);
  EXPECT_TRUE(stmts.front().sql.ends_with("END"));
  EXPECT_EQ(stmts.back().sql, "INSERT INTO t VALUES (49999)");
  EXPECT_EQ(stmts.back().line, 20002 + 50000);
}

TEST(SqliteSplitter, FirstStatement) {
  EXPECT_EQ(first_statement("  -- c\nSELECT ';' FROM t; SELECT 2;"), "SELECT ';' FROM t");
  EXPECT_EQ(first_statement("SELECT 1"), "SELECT 1");
}

}  // namespace
}  // namespace retort::dialects::sqlite
