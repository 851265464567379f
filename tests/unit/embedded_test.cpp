// Migrations compiled in by retort_add_migrations() (tests/CMakeLists.txt compiles tests/embedded
// into this binary twice, as "unit_fixture" with its schema and "unit_plain" without).
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <string>

#include "retort/retort.hpp"
#include "support/text.hpp"

namespace retort {
namespace {

const EmbeddedSet& set_named(const std::string& name) {
  return *Config::embedded("", name).embedded_set;
}

TEST(Embedded, FilesAreCompiledInByteForByte) {
  const auto& set = set_named("unit_fixture");
  ASSERT_EQ(set.version_count, 2u);
  ASSERT_EQ(set.schema_count, 1u);
  // Quotes, backslashes, "??=", a tab, CR LF, UTF-8, control bytes and no final newline.
  for (std::size_t i = 0; i < set.version_count; ++i) {
    const std::string path = set.versions[i].path;
    ASSERT_TRUE(path.starts_with("embedded/versions/")) << path;
    EXPECT_EQ(std::string(set.versions[i].text, set.versions[i].size),
              text::read_file(std::string(EMBEDDED_FIXTURE_DIR) + "/" + path.substr(9)));
  }
  EXPECT_STREQ(set.schema[0].path, "embedded/schema.sql");
  EXPECT_EQ(std::string(set.schema[0].text, set.schema[0].size),
            text::read_file(std::string(EMBEDDED_FIXTURE_DIR) + "/schema.sql"));
}

TEST(Embedded, CommandsRunWithoutFiles) {
  auto config = Config::embedded("sqlite://", "unit_fixture");
  EXPECT_EQ(heads(config).at(0).id, "e2");
  EXPECT_EQ(heads(config).at(0).path, "embedded/versions/e2_second.sql (compiled into this program as 'unit_fixture')");
  EXPECT_EQ(history(config, {}).size(), 2u);
  NullSink sink;
  RunOptions offline;
  offline.sql = true;
  auto script = upgrade(config, "head", offline, sink).sql;
  EXPECT_NE(script.find("INSERT INTO \"quo\"\"te\""), std::string::npos) << script;

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  upgrade(config, db, "head");
  EXPECT_TRUE(check(config.with_connection(db)).differences.empty());
  stamp(config, db, "e1");
  EXPECT_EQ(current(config, db).revisions.at(0).id, "e1");
  downgrade(config, db, "base");
  EXPECT_TRUE(current(config, db).revisions.empty());
  sqlite3_close(db);
}

TEST(Embedded, FileCommandsAndUnknownNamesAreRefused) {
  auto config = Config::embedded("sqlite://", "unit_plain");
  NullSink sink;
  try {
    RevisionOptions options;
    options.message = "x";
    revision(config, options, sink);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Usage);
    EXPECT_EQ(e.message(),
              "revision works on migration files, and these migrations are compiled into the program "
              "('unit_plain'); run it with the command line in the project that holds the files");
  }
  try {
    (void)check(config);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "No desired schema is compiled in: give retort_add_migrations() SCHEMA <files>");
  }
  auto names = embedded_names();
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"unit_fixture", "unit_plain"}));
  try {
    (void)Config::embedded("sqlite://");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("Several sets of migrations are compiled in"), std::string::npos) << e.message();
  }
  try {
    (void)Config::embedded("sqlite://", "nope");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("No migrations named 'nope' are compiled in; compiled in: "), std::string::npos);
  }
}

}  // namespace
}  // namespace retort
