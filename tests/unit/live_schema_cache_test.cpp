// The live SQLite schema is memoized by its stored CREATE statements (docs/autogenerate.md): a
// change made behind retort's back must be seen, and a cache file that is wrong must not matter.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "support/project.hpp"

namespace retort {
namespace {

std::string sqlite_url(const std::filesystem::path& dir) { return "sqlite:///" + (dir / "app.db").string(); }

void run_sql(const std::filesystem::path& db, const char* sql) {
  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(h, sql, nullptr, nullptr, &err);
  const std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(h);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

std::vector<std::filesystem::path> live_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(dir / "cache")) {
    if (e.path().filename().string().starts_with("live-")) out.push_back(e.path());
  }
  return out;
}

TEST(LiveSchemaCache, SeesChangesMadeBehindItsBackAndIgnoresABrokenFile) {
  test::Project p("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);", sqlite_url);
  p.desire("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);");
  p.upgrade();
  EXPECT_EQ(p.differences(), "");
  ASSERT_EQ(live_files(p.dir()).size(), 1u) << "the first check reflects and keeps the model";
  EXPECT_EQ(p.differences(), "") << "the same schema, read from the cache";

  // Another program adds a column and an index: same file, same size class, new CREATE text.
  run_sql(p.dir() / "app.db", "ALTER TABLE notes ADD COLUMN pinned INTEGER; CREATE INDEX ix_pinned ON notes (pinned);");
  const auto after_alter = p.differences();
  EXPECT_NE(after_alter.find("pinned"), std::string::npos) << after_alter;
  EXPECT_NE(after_alter.find("ix_pinned"), std::string::npos) << after_alter;
  ASSERT_EQ(live_files(p.dir()).size(), 1u) << "one file per database, replaced";

  // A cache file overwritten with the right header and a body that is not a model: reflected again.
  const auto file = live_files(p.dir()).front();
  std::string text;
  {
    std::ifstream in(file, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const auto body = text.find("retort-schema 1\n");
  ASSERT_NE(body, std::string::npos);
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text.substr(0, body) << "garbage";
  }
  EXPECT_EQ(p.differences(), after_alter);

  // A dropped table is seen too (the catalogue shrinks).
  run_sql(p.dir() / "app.db", "DROP INDEX ix_pinned; ALTER TABLE notes DROP COLUMN pinned;");
  EXPECT_EQ(p.differences(), "");
}

}  // namespace
}  // namespace retort
