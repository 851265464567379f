// The library as a C++ program uses it (SPEC §8): commands on a connection the program owns,
// cancellation, and threads. Real SQLite databases, in memory and on disk.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "retort/retort.hpp"
#include "support/temp_dir.hpp"

namespace retort {
namespace {

std::string migration(const std::string& id, const std::string& parent, const std::string& up,
                      const std::string& down) {
  return "-- " + id + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + parent + "\n\n-- migrate:upgrade\n" + up +
         "\n-- migrate:downgrade\n" + down + "\n";
}

/// Two migrations: a table with a foreign key, then a table rebuild of its parent.
class Migrations {
 public:
  Migrations() {
    dir_.write("versions/r1.sql",
               migration("r1", "",
                         "CREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
                         "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id) ON "
                         "DELETE CASCADE);",
                         "DROP TABLE child;\nDROP TABLE parent;"));
    dir_.write("versions/r2.sql",
               migration("r2", "r1",
                         "CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT);\n"
                         "INSERT INTO parent_new (id) SELECT id FROM parent;\nDROP TABLE parent;\n"
                         "ALTER TABLE parent_new RENAME TO parent;",
                         "SELECT 1;"));
  }
  [[nodiscard]] Config config(const std::string& url = "") const { return Config::for_directory(dir_.path(), url); }
  [[nodiscard]] const test::TempDir& dir() const { return dir_; }

 private:
  test::TempDir dir_;
};

struct Db {
  explicit Db(const std::string& file = ":memory:") { EXPECT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK); }
  ~Db() { sqlite3_close(db); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  std::string scalar(const std::string& sql) const {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
  }
  void exec(const std::string& sql) const { ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db); }
  sqlite3* db = nullptr;
};

TEST(Borrowed, InMemoryDatabaseMigratedUsedAndDowngradedOnOneConnection) {
  Migrations m;
  Db db;
  auto config = m.config();  // no URL: the connection says what it is
  auto up = upgrade(config, db.db, "r1");
  EXPECT_EQ(up.revisions_after, std::vector<std::string>{"r1"});
  // The program uses the database between migrations, on the same connection.
  db.exec("INSERT INTO parent VALUES (1); INSERT INTO child VALUES (10, 1)");
  EXPECT_EQ(current(config, db.db).revisions.at(0).id, "r1");
  EXPECT_EQ(current(config, db.db).url, "sqlite://");
  // The program had foreign keys on; the rebuild in r2 must not cascade to the child rows, and
  // enforcement is back on afterwards.
  db.exec("PRAGMA foreign_keys = ON");
  upgrade(config, db.db, "head");
  EXPECT_EQ(db.scalar("SELECT count(*) FROM child"), "1");
  EXPECT_EQ(db.scalar("PRAGMA foreign_keys"), "1");
  EXPECT_EQ(db.scalar("SELECT version_num FROM retort_version"), "r2");
  downgrade(config, db.db, "base");
  EXPECT_EQ(db.scalar("SELECT count(*) FROM sqlite_master WHERE name IN ('parent', 'child')"), "0");
  EXPECT_EQ(db.scalar("SELECT count(*) FROM retort_version"), "0");
}

TEST(Borrowed, FileDatabaseTakesTheSameLockFileAsOtherMigrators) {
  Migrations m;
  Db db((m.dir().path() / "app.db").string());
  upgrade(m.config(), db.db, "head");
  EXPECT_EQ(db.scalar("SELECT version_num FROM retort_version"), "r2");
  // Another migrator, opening the file by URL, sees what ran on the borrowed connection.
  EXPECT_EQ(current(m.config("sqlite:///" + (m.dir().path() / "app.db").string())).revisions.at(0).id, "r2");
}

TEST(Borrowed, AConnectionInsideATransactionIsRefusedAndLeftAlone) {
  Migrations m;
  Db db;
  db.exec("CREATE TABLE mine (x); BEGIN; INSERT INTO mine VALUES (1)");
  try {
    upgrade(m.config(), db.db, "head");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Usage);
    EXPECT_EQ(e.message(),
              "The borrowed connection to sqlite:// is inside a transaction; retort begins and commits its own: "
              "commit or roll back before calling it");
  }
  // The caller's transaction is still open, with its row.
  EXPECT_EQ(sqlite3_get_autocommit(db.db), 0);
  db.exec("COMMIT");
  EXPECT_EQ(db.scalar("SELECT count(*) FROM mine"), "1");
}

/// Cancels the run once `after` statements have run (as another thread would, deterministically).
class CancellingSink final : public EventSink {
 public:
  CancellingSink(CancelToken token, int after) : token_(std::move(token)), after_(after) {}
  void on(const Event& e) override {
    if (std::holds_alternative<StatementExecuted>(e) && ++seen_ == after_) token_.cancel();
  }

 private:
  CancelToken token_;
  int after_;
  int seen_ = 0;
};

TEST(Cancel, ACancelledRunRollsBackAsAFailureDoes) {
  Migrations m;
  Db db((m.dir().path() / "app.db").string());
  auto config = m.config();
  upgrade(config, db.db, "r1");
  RunOptions options;
  CancellingSink sink(options.cancel, 1);  // after the first statement of r2
  try {
    upgrade(config.with_connection(db.db), "head", options, sink);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Cancelled);
    EXPECT_STREQ(to_string(e.code()), "cancelled");
    EXPECT_EQ(e.message(), "upgrade r2 failed: Cancelled by the caller. Nothing was changed: the database is still at r1.");
    EXPECT_EQ(e.revision(), "r2");
  }
  EXPECT_EQ(db.scalar("SELECT version_num FROM retort_version"), "r1");
  EXPECT_EQ(db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'parent_new'"), "0");
}

TEST(Threads, ManyThreadsMigratingOneDatabaseRunEachMigrationOnce) {
  test::TempDir dir;
  // Each migration appends to a log table: a second run of it would show as a second row.
  dir.write("versions/r1.sql", migration("r1", "", "CREATE TABLE log (rev TEXT); INSERT INTO log VALUES ('r1');",
                                         "DROP TABLE log;"));
  for (int i = 2; i <= 6; ++i) {
    auto id = "r" + std::to_string(i);
    dir.write("versions/" + id + ".sql", migration(id, "r" + std::to_string(i - 1),
                                                   "INSERT INTO log VALUES ('" + id + "');", "SELECT 1;"));
  }
  const auto url = "sqlite:///" + (dir.path() / "app.db").string();
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      try {
        upgrade(Config::for_directory(dir.path(), url), "head");
      } catch (const Error&) {
        ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  Db db((dir.path() / "app.db").string());
  EXPECT_EQ(db.scalar("SELECT count(*) || ' ' || count(DISTINCT rev) FROM log"), "6 6");
  EXPECT_EQ(db.scalar("SELECT version_num FROM retort_version"), "r6");
}

TEST(Threads, ThreadsMigratingDifferentDatabasesDoNotMeet) {
  Migrations m;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      try {
        Db db;  // each thread its own in-memory database on its own connection
        auto config = m.config();
        upgrade(config, db.db, "head");
        downgrade(config, db.db, "r1");
        if (current(config, db.db).revisions.at(0).id != "r1") ++failures;
      } catch (const Error&) {
        ++failures;
      }
      (void)t;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
}

TEST(ErrorCodes, EveryCodeHasAName) {
  EXPECT_STREQ(to_string(ErrorCode::Usage), "usage");
  EXPECT_STREQ(to_string(ErrorCode::Migration), "migration");
  EXPECT_STREQ(to_string(ErrorCode::Cancelled), "cancelled");
}

}  // namespace
}  // namespace retort
