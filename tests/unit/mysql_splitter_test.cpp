// The MySQL splitter decides where statements end as the mysql client does.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "dialects/mysql/mysql_dialect.hpp"
#include "retort/error.hpp"

namespace retort::dialects::mysql {
namespace {

std::vector<std::pair<int, std::string>> pieces(std::string_view script) {
  std::vector<std::pair<int, std::string>> out;
  for (const auto& s : split(script, 1)) out.emplace_back(s.line, s.sql);
  return out;
}

using Pieces = std::vector<std::pair<int, std::string>>;

TEST(MysqlSplitter, QuotesBackticksAndTheThreeCommentStyles) {
  EXPECT_EQ(pieces("INSERT INTO `a;b` VALUES ('x;y', \"z;w\", 'it''s;', 'back\\';slash');\n"
                   "# hash; comment\n-- dash; comment\n/* block; comment */ SELECT 1;\nSELECT 2--3;\n"),
            (Pieces{{1, "INSERT INTO `a;b` VALUES ('x;y', \"z;w\", 'it''s;', 'back\\';slash')"},
                    {4, "SELECT 1"},
                    {5, "SELECT 2--3"}}));  // `--` without a space is two minus signs
}

TEST(MysqlSplitter, RoutineBodiesKeepTheirSemicolons) {
  const std::string proc =
      "CREATE DEFINER=`root`@`%` PROCEDURE p(IN n INT)\nBEGIN\n  DECLARE i INT DEFAULT 0;\n"
      "  CREATE TABLE IF NOT EXISTS t (a INT);\n  lbl: LOOP\n    SET i = IF(i > n, i, i + 1);\n"
      "    IF i > n THEN LEAVE lbl; END IF;\n  END LOOP lbl;\n  SELECT CASE WHEN i > 1 THEN 1 ELSE 0 END;\n"
      "  WHILE i > 0 DO SET i = i - 1; END WHILE;\n  REPEAT SET i = i + 1; UNTIL i > 3 END REPEAT;\nEND";
  EXPECT_EQ(pieces(proc + ";\nCALL p(3);\n"), (Pieces{{1, proc}, {13, "CALL p(3)"}}));
  // A trigger without BEGIN ends at its first ';'; one with an IF body at its END IF.
  EXPECT_EQ(pieces("CREATE TRIGGER a BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1;\n"
                   "CREATE TRIGGER b BEFORE INSERT ON t FOR EACH ROW IF NEW.a IS NULL THEN SET NEW.a = 2; END IF;\n"
                   "CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN REPEAT('x', 2) = 'xx';\nSELECT 9;"),
            (Pieces{{1, "CREATE TRIGGER a BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1"},
                    {2, "CREATE TRIGGER b BEFORE INSERT ON t FOR EACH ROW IF NEW.a IS NULL THEN SET NEW.a = 2; END IF"},
                    {3, "CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN REPEAT('x', 2) = 'xx'"},
                    {4, "SELECT 9"}}));
  // Outside a routine, CASE ... END and a column called `begin` change nothing.
  EXPECT_EQ(pieces("CREATE TABLE x (begin INT, c INT CHECK (CASE WHEN c > 0 THEN 1 ELSE 0 END = 1));\nSELECT 1;"),
            (Pieces{{1, "CREATE TABLE x (begin INT, c INT CHECK (CASE WHEN c > 0 THEN 1 ELSE 0 END = 1))"},
                    {2, "SELECT 1"}}));
}

TEST(MysqlSplitter, DelimiterLinesAsInADump) {
  EXPECT_EQ(pieces("DELIMITER ;;\nCREATE PROCEDURE p() BEGIN SELECT 1; END ;;\nDELIMITER ;\nSELECT 2;\n"
                   "delimiter //\nCREATE FUNCTION g() RETURNS INT RETURN 1//\nDELIMITER ;\n"),
            (Pieces{{2, "CREATE PROCEDURE p() BEGIN SELECT 1; END"},
                    {4, "SELECT 2"},
                    {6, "CREATE FUNCTION g() RETURNS INT RETURN 1"}}));
}

TEST(MysqlSplitter, ExecutableCommentsAreStatementsAndTheLastNeedsNoSemicolon) {
  EXPECT_EQ(pieces("/*!40101 SET NAMES utf8mb4 */;\n\nSELECT 1"),
            (Pieces{{1, "/*!40101 SET NAMES utf8mb4 */"}, {3, "SELECT 1"}}));
}

TEST(MysqlSplitter, AnUnclosedQuoteOrCommentNamesItsLine) {
  for (const auto& [script, line] : std::vector<std::pair<std::string, int>>{
           {"SELECT 1;\n\nSELECT 'open;\nSELECT 2;", 3},
           {"SELECT 1;\nSELECT `open;", 2},
           {"SELECT 1;\nSELECT 2 /* open;", 2}}) {
    try {
      (void)split(script, 1);
      FAIL() << script;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::Parse);
      EXPECT_EQ(e.line(), line) << script;
    }
  }
}

TEST(MysqlSplitter, DataOnlyBlocksAreTheOnesMysqlCanRollBack) {
  EXPECT_TRUE(data_only(split("INSERT INTO t VALUES (1); UPDATE t SET a = 2; DELETE FROM t; SET @x = 1;", 1)));
  EXPECT_FALSE(data_only(split("INSERT INTO t VALUES (1); ALTER TABLE t ADD b INT;", 1)));
  EXPECT_FALSE(data_only(split("CALL p();", 1)));  // a procedure may run DDL
}

}  // namespace
}  // namespace retort::dialects::mysql
