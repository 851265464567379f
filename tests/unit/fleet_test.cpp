// retort::fleet::run from C++: many SQLite files migrated by several workers, a broken one
// reported without touching the others, events per target, fail-fast and canary skipping.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <set>

#include "retort/retort.hpp"
#include "support/temp_dir.hpp"

namespace retort {
namespace {

using State = fleet::TargetResult::State;

class Recorder final : public fleet::Listener {
 public:
  void started(const fleet::Target& t) override {
    ++running_;
    max_running_ = std::max(max_running_, running_);
    started_.insert(t.url);
  }
  void finished(const fleet::TargetResult& r) override {
    --running_;
    finished_.insert(r.target.url);
  }
  int running_ = 0, max_running_ = 0;  // calls are serialised by fleet::run
  std::set<std::string> started_, finished_;
};

class Fleet : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.write("versions/r1.sql",
               "-- one\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE t (id INTEGER PRIMARY KEY);\n"
               "-- migrate:downgrade\nDROP TABLE t;\n");
    dir_.write("versions/r2.sql",
               "-- two\n--\n-- Revision ID: r2\n-- Revises: r1\n\n-- migrate:upgrade\nALTER TABLE t ADD COLUMN x TEXT;\n"
               "-- migrate:downgrade\nALTER TABLE t DROP COLUMN x;\n");
  }
  std::vector<fleet::Target> targets(int n, int broken) {
    std::vector<fleet::Target> out;
    for (int i = 0; i < n; ++i) {
      auto path = dir_.path() / ("db" + std::to_string(i) + ".sqlite");
      if (i == broken) dir_.write(path.filename().string(), std::string(200, 'x'));
      out.push_back({"sqlite:///" + path.string(), path.filename().string()});
    }
    return out;
  }
  static std::string version(const std::string& url) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(url.substr(10).c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    std::string v;
    if (sqlite3_prepare_v2(db, "SELECT version_num FROM retort_version", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
  }
  test::TempDir dir_;
};

TEST_F(Fleet, EveryGoodTargetMigratedBySeveralWorkers) {
  auto ts = targets(24, 7);
  Recorder rec;
  fleet::Options options;
  options.jobs = 4;
  auto report = fleet::run(Config::for_directory(dir_.path(), ""), ts, fleet::Command::Upgrade, options, rec);
  ASSERT_EQ(report.targets.size(), 24u);
  EXPECT_EQ(report.count(State::Done), 23u);
  EXPECT_EQ(report.count(State::Failed), 1u);
  EXPECT_EQ(rec.started_.size(), 24u);
  EXPECT_EQ(rec.finished_.size(), 24u);
  EXPECT_GT(rec.max_running_, 1);
  EXPECT_LE(rec.max_running_, 4);
  for (std::size_t i = 0; i < ts.size(); ++i) {
    const auto& r = report.targets[i];
    EXPECT_EQ(r.target.url, ts[i].url);  // the report keeps the given order
    if (i == 7) {
      EXPECT_EQ(r.error_kind, "database");
      EXPECT_NE(r.error.find("not an SQLite database"), std::string::npos) << r.error;
      EXPECT_FALSE(r.after.has_value());
    } else {
      EXPECT_EQ(r.state, State::Done) << r.error;
      EXPECT_EQ(r.steps.size(), 2u);
      EXPECT_EQ(r.after, std::vector<std::string>{"r2"});
      EXPECT_EQ(version(ts[i].url), "r2");
    }
  }
}

TEST_F(Fleet, FailFastAndCanarySkipTheRest) {
  auto ts = targets(6, 0);
  Recorder rec;
  fleet::Options options;
  options.canary = 2;
  options.jobs = 3;
  auto report = fleet::run(Config::for_directory(dir_.path(), ""), ts, fleet::Command::Upgrade, options, rec);
  EXPECT_EQ(report.count(State::Failed), 1u);
  EXPECT_EQ(report.count(State::Done), 1u);  // the other canary
  EXPECT_EQ(report.count(State::Skipped), 4u);
  EXPECT_EQ(version(ts[5].url), "");
  EXPECT_EQ(rec.started_.size(), 2u);

  fleet::Options fast;
  fast.fail_fast = true;
  Recorder rec2;
  auto second = fleet::run(Config::for_directory(dir_.path(), ""), ts, fleet::Command::Upgrade, fast, rec2);
  EXPECT_EQ(second.count(State::Failed), 1u);
  EXPECT_EQ(second.count(State::Skipped), 5u);
}

TEST_F(Fleet, PlanChangesNothingThenUpAndDown) {
  auto ts = targets(3, -1);
  Recorder rec;
  fleet::Options plan;
  plan.plan = true;
  auto planned = fleet::run(Config::for_directory(dir_.path(), ""), ts, fleet::Command::Upgrade, plan, rec);
  EXPECT_EQ(planned.count(State::Done), 3u);
  EXPECT_EQ(planned.targets[0].steps.size(), 2u);
  EXPECT_EQ(version(ts[0].url), "");
  fleet::Options up;
  up.jobs = 2;
  (void)fleet::run(Config::for_directory(dir_.path(), ""), ts, fleet::Command::Upgrade, up, rec);
  fleet::Options down;
  down.revision = "-1";
  auto report = fleet::run(Config::for_directory(dir_.path(), ""), ts, fleet::Command::Downgrade, down, rec);
  EXPECT_EQ(report.count(State::Done), 3u);
  EXPECT_EQ(version(ts[2].url), "r1");
}

TEST(FleetTargets, FileAndGlob) {
  test::TempDir dir;
  dir.write("a.db", "");
  dir.write("b.db", "");
  dir.write("b.db.retort-lock", "");
  auto glob = fleet::targets_from_glob((dir.path() / "*.db*").string());
  ASSERT_EQ(glob.size(), 2u);
  EXPECT_EQ(glob[0].url, "sqlite:///" + (dir.path() / "a.db").string());
  setenv("RETORT_FLEET_TEST_DB", "x.db", 1);
  auto file = dir.write("targets.txt",
                        "# devices\n\nsqlite:///${RETORT_FLEET_TEST_DB}\n  postgresql://u:secret@h/db  \n");
  auto ts = fleet::targets_from_file(file);
  ASSERT_EQ(ts.size(), 2u);
  EXPECT_EQ(ts[0].url, "sqlite:///x.db");
  EXPECT_EQ(ts[1].url, "postgresql://u:secret@h/db");
  EXPECT_EQ(ts[1].name.find("secret"), std::string::npos) << ts[1].name;
  EXPECT_THROW((void)fleet::command_named("stamp"), Error);
}

}  // namespace
}  // namespace retort
