#pragma once
// The corpus through the public commands (SPEC §7, "no false positives"): a project whose first
// migration builds schema A and whose desired schema is B. `revision --autogenerate`, `upgrade
// head`, then `check` must find no differences; `downgrade` to the first migration, and `check`
// against A must find none either. This covers what the model-level round trip does not: the
// generated file written and parsed back, the executor, and the desired schema loaded by the
// scratch of each dialect.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <regex>
#include <set>
#include <string>

#include "retort/retort.hpp"
#include "support/corpus.hpp"
#include "support/temp_dir.hpp"

namespace retort::test {

inline std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "\n  " + l;
  return out;
}

/// The schemas `sql` creates (CREATE SCHEMA name), unquoted.
inline std::set<std::string> created_schemas(const std::string& sql) {
  static const std::regex create_schema(R"re(CREATE SCHEMA ("[^"]+"|\w+))re", std::regex::icase);
  std::set<std::string> out;
  for (std::sregex_iterator it(sql.begin(), sql.end(), create_schema), end; it != end; ++it) {
    auto name = (*it)[1].str();
    out.insert(name.front() == '"' ? name.substr(1, name.size() - 2) : name);
  }
  return out;
}

/// `url_for` gives the database URL for the test's directory.
inline void autogenerate_upgrade_check(const Pair& p,
                                       const std::function<std::string(const std::filesystem::path&)>& url_for) {
  TempDir dir;
  ::setenv("RETORT_CACHE_DIR", (dir.path() / "cache").c_str(), 1);  // the caches are used, but here
  NullSink sink;
  InitOptions init_options;
  init_options.directory = dir.path() / "migrations";
  init_options.config_file = dir.path() / "retort.toml";
  retort::init(init_options, sink);
  dir.write("migrations/versions/r1_a.sql", "-- schema A\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\n" +
                                                p.a + "\n-- migrate:downgrade\nSELECT 1;\n");
  LoadOptions load;
  load.url = url_for(dir.path());
  auto config = Config::load(dir.path() / "retort.toml", load);
  config.schema = {dir.write("b.sql", p.b)};
  // A schema that A creates and B does not is dropped from management unless include_schemas
  // names it (docs/autogenerate.md).
  auto in_b = created_schemas(p.b);
  for (const auto& name : created_schemas(p.a)) {
    if (!in_b.count(name)) config.include_schemas.push_back(name);
  }
  ASSERT_NO_THROW(retort::upgrade(config, "head", {}, sink)) << p.name;
  EXPECT_FALSE(retort::check(config).differences.empty()) << "A and B of " << p.name << " do not differ";
  RevisionOptions generate;
  generate.message = "to b";
  generate.autogenerate = true;
  generate.rev_id = "r2";
  ASSERT_NO_THROW(retort::revision(config, generate, sink)) << p.name;
  for (const auto& file : std::filesystem::directory_iterator(dir.path() / "migrations" / "versions")) {
    std::ifstream in(file.path());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text.find("retort_scratch"), std::string::npos) << "a scratch name leaked into " << file.path();
  }
  ASSERT_NO_THROW(retort::upgrade(config, "head", {}, sink)) << p.name;
  EXPECT_EQ(joined(retort::check(config).differences), "") << "check after the upgrade of " << p.name;

  ASSERT_NO_THROW(retort::downgrade(config, "r1", {}, sink)) << p.name;
  config.schema = {dir.write("a.sql", p.a)};
  EXPECT_EQ(joined(retort::check(config).differences), "") << "check after the downgrade of " << p.name;
}

}  // namespace retort::test
