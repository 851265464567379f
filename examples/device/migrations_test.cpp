// The device's migrations tested with GoogleTest, as a program's own suite would: the stairway
// and the desired schema on a scratch database, and the application's queries on an in-memory
// database migrated on the test's own connection.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <retort/retort.hpp>
#include <string>

namespace {

TEST(DeviceMigrations, EachDowngradeUndoesItsUpgrade) {
  EXPECT_NO_THROW(retort::testing::stairway(retort::Config::embedded("sqlite://")));
}

TEST(DeviceMigrations, TheyProduceTheDesiredSchema) {
  auto report = retort::testing::run(retort::Config::embedded("sqlite://"));
  EXPECT_TRUE(report.passed()) << report.text();
  EXPECT_TRUE(report.desired_schema_checked);
  EXPECT_EQ(report.revisions, 2u);
}

TEST(DeviceMigrations, TheApplicationsQueriesWorkAtHead) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  auto config = retort::Config::embedded("");
  retort::upgrade(config, db, "head");
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO reading (taken_at, celsius, sensor) VALUES ('2026-12-01', 20.5, 'porch')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT sensor, celsius FROM reading", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))), "porch");
  sqlite3_finalize(st);
  retort::downgrade(config, db, "base");
  EXPECT_TRUE(retort::current(config, db).revisions.empty());
  sqlite3_close(db);
}

}  // namespace
