// A realistic SQLite application schema (tests/corpus/realistic/notes.sqlite.sql): the database
// equals its own `sqlite3 .schema` and `retort schema dump`; autogenerate builds it from nothing
// and the application sees what the schema promises; a later change that rebuilds the tables keeps
// ids, STRICT typing, constraint names and view columns; the downgrade returns to the start.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>

#include "support/project.hpp"
#include "support/shell.hpp"

namespace retort {
namespace {

std::string notes_schema() {
  std::ifstream in(CORPUS_DIR "/realistic/notes.sqlite.sql");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string sqlite_url(const std::filesystem::path& dir) { return "sqlite:///" + (dir / "app.db").string(); }

/// The first column of the first row of `sql`, or the error message, on the application's own
/// connection (foreign keys on, as applications set them).
std::string app(const std::filesystem::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  sqlite3_open(db.c_str(), &handle);
  sqlite3_exec(handle, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    out = sqlite3_errmsg(handle);
  } else {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      out = text ? reinterpret_cast<const char*>(text) : "NULL";
    } else if (rc != SQLITE_DONE) {
      out = sqlite3_errmsg(handle);
    }
  }
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
  return out;
}

TEST(SqliteRealistic, TheDatabaseEqualsItsOwnDump) {
  test::Project p(notes_schema(), sqlite_url);
  p.upgrade();
  p.desire(test::shell("sqlite3 " + (p.dir() / "app.db").string() + " .schema").out);
  EXPECT_EQ(p.differences(), "");
  p.desire(retort::schema_dump(p.config()));
  EXPECT_EQ(p.differences(), "");
  p.desire(notes_schema());
  EXPECT_EQ(p.differences(), "");
}

TEST(SqliteRealistic, AutogenerateBuildsItAndARebuildKeepsWhatTheApplicationSees) {
  test::Project p("CREATE TABLE keep (x INTEGER);", sqlite_url);
  const auto db = p.dir() / "app.db";
  p.upgrade();
  p.desire("CREATE TABLE keep (x INTEGER);\n" + notes_schema());
  p.generate("r2");
  ASSERT_NO_THROW(p.upgrade());
  EXPECT_EQ(p.differences(), "");
  EXPECT_EQ(app(db, "INSERT INTO accounts (email) VALUES ('ada@example.org') RETURNING id"), "1");
  EXPECT_EQ(app(db, "INSERT INTO accounts (email) VALUES ('grace@example.org') RETURNING id"), "2");
  EXPECT_EQ(app(db, "DELETE FROM accounts WHERE id = 2"), "");
  EXPECT_EQ(app(db, "INSERT INTO notebooks (account_id, title) VALUES (1, 'work') RETURNING id"), "1");
  EXPECT_EQ(app(db, "INSERT INTO notes (notebook_id, body) VALUES (1, 'call the printer people') RETURNING words"),
            "4");

  // A change that rebuilds accounts (a new NOT NULL column with a default expression) and notes
  // (a check changes): ids, STRICT, names and view columns stay as they were.
  auto changed = notes_schema();
  auto replace = [&](const std::string& from, const std::string& to) {
    ASSERT_NE(changed.find(from), std::string::npos) << from;
    changed.replace(changed.find(from), from.size(), to);
  };
  replace("    email TEXT NOT NULL COLLATE NOCASE,",
          "    email TEXT NOT NULL COLLATE NOCASE,\n    plan TEXT NOT NULL DEFAULT (lower('FREE')),");
  replace("CHECK (pinned IN (0, 1))", "CHECK (pinned IN (0, 1, 2))");
  p.desire("CREATE TABLE keep (x INTEGER);\n" + changed);
  auto file = p.generate("r3");
  EXPECT_NE(file.find("_retort_new_accounts"), std::string::npos) << file;
  ASSERT_NO_THROW(p.upgrade());
  EXPECT_EQ(p.differences(), "");
  EXPECT_EQ(app(db, "INSERT INTO accounts (email) VALUES ('linus@example.org') RETURNING id"), "3");
  EXPECT_EQ(app(db, "INSERT INTO notes (notebook_id, body) VALUES (1, x'00') RETURNING id"),
            "cannot store BLOB value in TEXT column notes.body");
  EXPECT_EQ(app(db, "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%CONSTRAINT uq_accounts_email UNIQUE%'"),
            "1");
  EXPECT_EQ(app(db, "SELECT group_concat(name) FROM pragma_table_info('NotebookSummary')"),
            "NotebookId,Title,NoteCount");
  EXPECT_EQ(app(db, "SELECT NoteCount FROM NotebookSummary"), "1");
  EXPECT_EQ(app(db, "SELECT count(*) FROM notes"), "1");

  ASSERT_NO_THROW(p.downgrade("r1"));
  p.desire("CREATE TABLE keep (x INTEGER);");
  EXPECT_EQ(p.differences(), "");
}

}  // namespace
}  // namespace retort
