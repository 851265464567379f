#include <gtest/gtest.h>

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

}  // namespace
}  // namespace retort::dialects::sqlite
