// The pure rules; scenario 19 runs them on schemas both databases reflect.
#include <gtest/gtest.h>

#include "diff/portability.hpp"

namespace retort::diff {
namespace {

using schema::Column;
using schema::Schema;
using schema::Table;

Column col(std::string name, std::string type, std::optional<std::string> default_sql = std::nullopt) {
  Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.default_sql = std::move(default_sql);
  return c;
}

Table table(std::string name, std::vector<Column> columns) {
  Table t;
  t.name = std::move(name);
  t.columns = std::move(columns);
  t.primary_key = schema::PrimaryKey{"", {t.columns.front().name}};
  return t;
}

std::vector<std::string> rules(const Schema& sqlite, const Schema& pg) {
  std::vector<std::string> out;
  for (const auto& w : portability(sqlite, pg)) out.push_back(w.rule + " " + w.objects.front());
  return out;
}

TEST(Portability, NumberedOnOneSideOnly) {
  Schema lite, pg;
  lite.tables = {table("a", {col("id", "INTEGER")}), table("b", {col("id", "BIGINT")})};
  pg.tables = {table("a", {col("id", "integer")}), table("b", {col("id", "bigint")})};
  pg.tables[1].columns[0].identity = "by default";
  EXPECT_EQ(rules(lite, pg), (std::vector<std::string>{"rowid-alias a.id", "not-numbered b.id"}));
}

TEST(Portability, IdsReusedWithoutAutoincrement) {
  Schema lite, pg;
  lite.tables = {table("a", {col("id", "INTEGER")}), table("b", {col("id", "integer")})};
  lite.tables[1].options.autoincrement = true;
  pg.tables = {table("a", {col("id", "integer", "nextval('a_id_seq'::regclass)")}),
               table("b", {col("id", "integer")})};
  pg.tables[1].columns[0].identity = "always";
  EXPECT_EQ(rules(lite, pg), (std::vector<std::string>{"id-reuse a"}));
  EXPECT_TRUE(portability(lite, pg, {"id-reuse"}).empty()) << "a rule the project ignores";
  // WITHOUT ROWID: the column is no rowid, so nothing numbers it on SQLite.
  lite.tables[0].options.without_rowid = true;
  EXPECT_EQ(rules(lite, pg), (std::vector<std::string>{"not-numbered a.id"}));
}

TEST(Portability, LengthsDecimalsBooleansAndTimes) {
  Schema lite, pg;
  lite.tables = {table("t", {col("id", "INTEGER"), col("code", "VARCHAR(8)"), col("note", "varchar(10)"),
                             col("price", "DECIMAL(10,2)"), col("on", "BOOLEAN", "'t'"), col("off", "BOOLEAN", "FALSE"),
                             col("at", "TIMESTAMP", "CURRENT_TIMESTAMP"), col("local", "DATETIME", "CURRENT_TIMESTAMP"),
                             col("txt", "TEXT", "(datetime('now'))")})};
  lite.tables[0].checks = {{"", "length(code) <= 8", {}}};
  pg.tables = {table("t", {col("id", "integer", "nextval('t_id_seq'::regclass)"), col("code", "character varying(8)"),
                           col("note", "character varying(10)"), col("price", "numeric(10,2)"),
                           col("on", "boolean", "true"), col("off", "boolean", "false"),
                           col("at", "timestamp with time zone", "CURRENT_TIMESTAMP"),
                           col("local", "timestamp without time zone", "CURRENT_TIMESTAMP"),
                           col("txt", "text", "now()")})};
  EXPECT_EQ(rules(lite, pg),
            (std::vector<std::string>{"id-reuse t", "length t.note", "decimal t.price", "boolean-text t.on",
                                      "timestamp t.at", "timestamp-local t.local", "timestamp-text t.txt"}));
  // A length PostgreSQL does not enforce either is no difference; STRICT tables have no VARCHAR.
  pg.tables[0].columns[2].type = "text";
  EXPECT_EQ(rules(lite, pg).at(1), "decimal t.price");
}

TEST(Portability, DescribeCutsLongLists) {
  PortabilityWarning w{"length", {}, "why"};
  for (int i = 0; i < 10; ++i) w.objects.push_back("t.c" + std::to_string(i));
  EXPECT_EQ(w.describe(), "length: why (t.c0, t.c1, t.c2, t.c3, t.c4, t.c5, t.c6, t.c7 and 2 more)");
}

TEST(Portability, OnlyTablesBothHold) {
  Schema lite, pg;
  lite.tables = {table("only_here", {col("id", "INTEGER")})};
  EXPECT_TRUE(portability(lite, pg).empty());
}

}  // namespace
}  // namespace retort::diff
