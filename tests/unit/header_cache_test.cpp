#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

#include "migrations/header_cache.hpp"
#include "migrations/script_directory.hpp"
#include "retort/error.hpp"
#include "support/temp_dir.hpp"

namespace retort::migrations {
namespace {

std::string file(const std::string& id, const std::string& parent, const std::string& message) {
  return "-- " + message + "\n--\n-- Revision ID: " + id + "\n-- Revises: " + parent +
         "\n-- Create Date: 2026-01-02 03:04:05.000000\n\n-- migrate:upgrade\nCREATE TABLE " + id +
         " (x INTEGER);\n\n-- migrate:downgrade\nDROP TABLE " + id + ";\n";
}

class HeaderCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("RETORT_CACHE_DIR", (dir.path() / "cache").c_str(), 1);
    unsetenv("RETORT_NO_CACHE");
    config = Config::for_directory(dir.path() / "migrations", "sqlite://");
    dir.write("migrations/versions/a1.sql", file("a1", "", "first"));
    dir.write("migrations/versions/b2.sql", file("b2", "a1", "second"));
    // The cache starts at 256 files; a tail of filler revisions gets the project there.
    std::string prev = "b2";
    for (int i = 0; i < 300; ++i) {
      auto id = "z" + std::to_string(1000 + i);
      dir.write("migrations/versions/" + id + ".sql", file(id, prev, "filler"));
      prev = id;
    }
  }
  void TearDown() override { unsetenv("RETORT_CACHE_DIR"); }

  static std::size_t cached(const ScriptDirectory& d) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < d.size(); ++i) n += d.script(i).complete ? 0 : 1;
    return n;
  }

  test::TempDir dir;
  Config config;
};

TEST_F(HeaderCacheTest, UnchangedFilesComeFromTheCacheAndChangedOnesAreReadAgain) {
  // Files younger than the racy window are never trusted; let them age first.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  auto first = ScriptDirectory::load(config);
  EXPECT_EQ(cached(first), 0u);
  // Parsed scripts lend their nodes to the graph and get them back when looked at, either way.
  EXPECT_TRUE(first.with_sections(1).node.source.ends_with("migrations/versions/b2.sql"));
  EXPECT_EQ(first.with_sections(1).node.down_revisions, (std::vector<std::string>{"a1"}));
  EXPECT_EQ(first.script(0).node.id, "a1");
  const auto total = first.size();
  ASSERT_TRUE(cache_file(config).has_value());
  EXPECT_TRUE(std::filesystem::exists(*cache_file(config)));

  auto second = ScriptDirectory::load(config);
  EXPECT_EQ(cached(second), total);
  EXPECT_EQ(second.script(1).message, "second");
  EXPECT_EQ(second.script(1).node.down_revisions, (std::vector<std::string>{"a1"}));
  // The message, date and header are decoded when asked for; the node comes from the graph.
  for (std::size_t i : {std::size_t{0}, std::size_t{1}, total - 1}) {
    EXPECT_EQ(second.script(i).node.id, first.script(i).node.id);
    EXPECT_EQ(second.script(i).node.source, first.script(i).node.source);
    EXPECT_EQ(second.script(i).create_date, "2026-01-02 03:04:05.000000");
    EXPECT_EQ(second.script(i).header, first.script(i).header);
  }
  auto taken = second.release(2);  // without its node: the graph keeps it
  EXPECT_EQ(taken.message, "filler");
  EXPECT_EQ(taken.create_date, "2026-01-02 03:04:05.000000");
  EXPECT_EQ(second.graph().id(2), "z1000");
  // Sections come from the text the cache kept when a run needs them: no file is opened.
  EXPECT_TRUE(second.text_cached(1));
  const auto& full = second.with_sections(1);
  ASSERT_EQ(full.sections.size(), 2u);
  EXPECT_NE(full.sections[0].body.find("CREATE TABLE b2"), std::string::npos);
  EXPECT_EQ(full.node.down_revisions, (std::vector<std::string>{"a1"}));

  dir.write("migrations/versions/b2.sql", file("b2", "a1", "second, edited"));
  auto third = ScriptDirectory::load(config);
  EXPECT_EQ(third.script(1).message, "second, edited");
  EXPECT_TRUE(third.script(1).complete);  // read again
  EXPECT_FALSE(third.text_cached(1));
  // The edit is in the cache now, but younger than the racy window: read from the file again.
  auto again = ScriptDirectory::load(config);
  EXPECT_EQ(again.with_sections(1).message, "second, edited");

  dir.write("migrations/versions/c3.sql", file("c3", "z1299", "third"));
  auto fourth = ScriptDirectory::load(config);
  ASSERT_EQ(fourth.size(), total + 1);
  EXPECT_EQ(fourth.script(2).message, "third");  // c3 sorts after b2, before the fillers
}

TEST_F(HeaderCacheTest, ACorruptCacheIsIgnored) {
  (void)ScriptDirectory::load(config);
  auto path = *cache_file(config);
  std::ofstream(path, std::ios::trunc) << "retort-header-cache 2\ngarbage";
  auto d = ScriptDirectory::load(config);
  EXPECT_EQ(d.size(), 302u);
  EXPECT_EQ(cached(d), 0u);
  EXPECT_EQ(d.script(0).message, "first");

  // Cut short anywhere (in the headers, the texts' offsets or the texts): no cache, never a wrong
  // text. The cache is trusted only for files older than its racy window, so let them age.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  std::filesystem::remove(path);
  (void)ScriptDirectory::load(config);
  std::string whole;
  {
    std::ifstream in(path, std::ios::binary);
    whole.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_GT(whole.size(), 1000u);
  ASSERT_EQ(cached(ScriptDirectory::load(config)), 302u);
  for (std::size_t cut = 1; cut < whole.size(); cut += whole.size() / 23) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << whole.substr(0, cut);
    auto cutd = ScriptDirectory::load(config);
    ASSERT_EQ(cutd.size(), 302u) << cut;
    EXPECT_EQ(cached(cutd), 0u) << cut;
    EXPECT_EQ(cutd.with_sections(1).sections.size(), 2u) << cut;
  }
}

TEST_F(HeaderCacheTest, CanBeTurnedOff) {
  setenv("RETORT_NO_CACHE", "1", 1);
  EXPECT_FALSE(cache_file(config).has_value());
  (void)ScriptDirectory::load(config);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "cache"));
  unsetenv("RETORT_NO_CACHE");
}

TEST_F(HeaderCacheTest, ABrokenFileIsNeverHiddenByTheCache) {
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  (void)ScriptDirectory::load(config);
  dir.write("migrations/versions/b2.sql", "-- broken\n-- Revison ID: b2\n");
  EXPECT_THROW((void)ScriptDirectory::load(config), Error);
}

}  // namespace
}  // namespace retort::migrations
