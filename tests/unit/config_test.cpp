#include <gtest/gtest.h>

#include <map>

#include "config/expand.hpp"
#include "retort/config.hpp"
#include "retort/error.hpp"
#include "support/temp_dir.hpp"

namespace retort::test {
namespace {

LoadOptions with_env(std::map<std::string, std::string> env) {
  LoadOptions o;
  o.getenv = [env](const std::string& k) -> std::optional<std::string> {
    auto it = env.find(k);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
  return o;
}

TEST(Expand, Forms) {
  auto env = [](const std::string& k) -> std::optional<std::string> {
    if (k == "HOST") return std::string("db.local");
    if (k == "EMPTY") return std::string();
    return std::nullopt;
  };
  EXPECT_EQ(config::expand("postgresql://${HOST}/x", env, "url"), "postgresql://db.local/x");
  EXPECT_EQ(config::expand("${MISSING:-sqlite:///app.db}", env, "url"), "sqlite:///app.db");
  EXPECT_EQ(config::expand("${EMPTY:-fallback}", env, "url"), "fallback");
  EXPECT_EQ(config::expand("${HOST:-other}", env, "url"), "db.local");
  EXPECT_EQ(config::expand("cost $$5 and $x", env, "k"), "cost $5 and $x");
  try {
    (void)config::expand("${NOPE}", env, "url");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("Environment variable NOPE is not set (used in 'url')"), std::string::npos);
  }
  EXPECT_THROW((void)config::expand("${OPEN", env, "url"), Error);
  // Issue 11: a default holding an expansion of its own.
  EXPECT_EQ(config::expand("${MISSING:-${HOST:-x}}/db", env, "url"), "db.local/db");
  EXPECT_EQ(config::expand("${MISSING:-${ALSO_MISSING:-x}}", env, "url"), "x");
  EXPECT_THROW((void)config::expand("${MISSING:-${HOST}", env, "url"), Error);
}

TEST(Config, LoadsAndResolvesPaths) {
  TempDir dir;
  auto file = dir.write("proj/retort.toml", R"([retort]
script_location = "db/migrations"
url = "${DATABASE_URL:-sqlite:///app.db}"
version_table = "alembic_version"
transaction_per_migration = true
version_locations = ["db/migrations/versions", "plugins/billing/versions"]
migrator_wait = "30s"
truncate_slug_length = 20

[other]
url = "sqlite:///other.db"
)");
  auto c = Config::load(file, with_env({}));
  EXPECT_EQ(c.script_location, dir.path() / "proj/db/migrations");
  EXPECT_EQ(c.url, "sqlite:///app.db");
  EXPECT_EQ(c.version_table, "alembic_version");
  EXPECT_TRUE(c.transaction_per_migration);
  ASSERT_EQ(c.version_locations.size(), 2u);
  EXPECT_EQ(c.version_locations[1], dir.path() / "proj/plugins/billing/versions");
  EXPECT_EQ(c.migrator_wait, std::chrono::seconds(30));
  EXPECT_EQ(c.truncate_slug_length, 20);

  auto env = with_env({{"DATABASE_URL", "postgresql://u:p@h/db"}});
  EXPECT_EQ(Config::load(file, env).url, "postgresql://u:p@h/db");
  env.url = "sqlite:///cli.db";
  EXPECT_EQ(Config::load(file, env).url, "sqlite:///cli.db");

  auto other = with_env({});
  other.section = "other";
  auto o = Config::load(file, other);
  EXPECT_EQ(o.url, "sqlite:///other.db");
  EXPECT_EQ(o.script_location, dir.path() / "proj/migrations");  // the default
  EXPECT_EQ(o.versions_dirs().front(), dir.path() / "proj/migrations/versions");
}

TEST(Config, Errors) {
  TempDir dir;
  auto message = [&](const std::string& text, const std::string& section = "retort") {
    auto file = dir.write("retort.toml", text);
    auto o = with_env({});
    o.section = section;
    try {
      (void)Config::load(file, o);
    } catch (const Error& e) {
      return e.message() + " @" + std::to_string(e.line());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("[retort]\nurll = \"x\"\n").find("Unknown key 'urll' in [retort] (did you mean 'url'?)"),
            std::string::npos);
  EXPECT_NE(message("[retort]\nurl = \"x\"\n\nurll = 1\n").find("@4"), std::string::npos);
  EXPECT_NE(message("[retort]\nurl = 3\n").find("'url' must be a string"), std::string::npos);
  EXPECT_NE(message("[retort]\ntransaction_per_migration = \"yes\"\n").find("must be true or false"),
            std::string::npos);
  EXPECT_NE(message("[retort]\nurl = \"${NOPE}\"\n").find("NOPE is not set"), std::string::npos);
  EXPECT_NE(message("[retort]\n", "nosuch").find("has no '[nosuch]' section"), std::string::npos);
  EXPECT_NE(message("[retort\n").find("Malformed TOML"), std::string::npos);
  EXPECT_NE(message("[retort]\nmigrator_wait = \"5 parsecs\"\n").find("unknown unit"), std::string::npos);
  EXPECT_NE(message("[retort]\ntruncate_slug_length = 4294967297\n").find("'truncate_slug_length' is out of range"),
            std::string::npos);
  EXPECT_THROW((void)Config::load(dir.path() / "missing.toml"), Error);
}

TEST(Config, DialectsAndPerDialectSettings) {
  TempDir dir;
  auto file = dir.write("retort.toml",
                        "[retort]\nurl = \"sqlite:///a.db\"\ndialects = [\"sqlite\", \"postgres\"]\n"
                        "schema = [\"schema.sql\"]\ndev_url = \"postgresql:///shared\"\n"
                        "[retort.postgresql]\nschema = [\"schema.pg.sql\"]\ndev_url = \"${PGDEV}\"\n");
  auto c = Config::load(file, with_env({{"PGDEV", "postgresql:///scratch"}}));
  EXPECT_EQ(c.dialects, (std::vector<std::string>{"sqlite", "postgresql"}));
  EXPECT_EQ(c.schema, std::vector<std::filesystem::path>{dir.path() / "schema.sql"});
  auto pg = c.for_dialect("postgresql");
  EXPECT_EQ(pg.schema, std::vector<std::filesystem::path>{dir.path() / "schema.pg.sql"});
  EXPECT_EQ(pg.dev_url, "postgresql:///scratch");
  auto lite = c.for_dialect("sqlite");  // no [retort.sqlite]: the shared settings
  EXPECT_EQ(lite.schema, c.schema);
  EXPECT_EQ(lite.dev_url, "postgresql:///shared");
  // MariaDB is the mysql dialect, in the list and as a section.
  auto my = dir.write("my.toml", "[retort]\ndialects = [\"sqlite\", \"mariadb\"]\n"
                                 "[retort.mariadb]\nschema = [\"schema.my.sql\"]\ndev_url = \"mysql://root@/dev\"\n");
  auto m = Config::load(my, with_env({}));
  EXPECT_EQ(m.dialects, (std::vector<std::string>{"sqlite", "mysql"}));
  EXPECT_EQ(m.for_dialect("mysql").schema, std::vector<std::filesystem::path>{dir.path() / "schema.my.sql"});
  EXPECT_EQ(m.for_dialect("mysql").dev_url, "mysql://root@/dev");
  auto bad = dir.write("bad.toml", "[retort]\n[retort.postgresql]\nshema = [\"x.sql\"]\n");
  try {
    (void)Config::load(bad);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(), "Unknown key 'shema' in [retort.postgresql]; known keys: schema, dev_url");
    EXPECT_EQ(e.line(), 3);
  }
}

TEST(Duration, Units) {
  EXPECT_EQ(parse_duration("250ms"), std::chrono::milliseconds(250));
  EXPECT_EQ(parse_duration("5m"), std::chrono::minutes(5));
  EXPECT_EQ(parse_duration("2"), std::chrono::seconds(2));
  EXPECT_EQ(parse_duration("1h"), std::chrono::hours(1));
  EXPECT_THROW((void)parse_duration("soon"), Error);
  // Issue 11: no float-to-integer overflow.
  for (const char* bad : {"nan", "inf", "-inf", "1e300", "1e300ms", "nans"}) EXPECT_THROW((void)parse_duration(bad), Error) << bad;
}

}  // namespace
}  // namespace retort::test
