// Realistic application schemas (tests/corpus/realistic/*.pg.sql), dumped by pg_dump and used as
// the desired schema as is. helpdesk (extensions, enums, arrays, domains, owned sequences,
// functions, triggers, comments, a view): the database it came from has no differences from its
// dump, with and without dev_url; autogenerate builds it from nothing, the application then gets
// the ids and numbers it expects, and the downgrade removes it. bookings (named and quoted schemas,
// an exclusion constraint over an extension's operator class, ranges, a composite type, domains,
// identity options, a procedure, a materialized view): built from its dump likewise.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>

#include "dialects/postgres/postgres_dialect.hpp"
#include "retort/error.hpp"
#include "support/pg.hpp"
#include "support/shell.hpp"
#include "support/project.hpp"

namespace retort {
namespace {

std::string url_of(const std::string& database) { return test::pg_database_url(database); }

/// pg_dump --schema-only of `database`, as is.
std::string pg_dump(const std::string& database) {
  const auto dump = test::shell("pg_dump --schema-only '" + url_of(database) + "'");
  EXPECT_EQ(dump.status, 0) << database;
  return dump.out;
}

std::string read(const char* path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string helpdesk() { return read(CORPUS_DIR "/realistic/helpdesk.pg.sql"); }

constexpr const char* kExtensions = "CREATE EXTENSION IF NOT EXISTS citext; CREATE EXTENSION IF NOT EXISTS pg_trgm;";

class PgRealistic : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (test::pg_admin_url().empty()) return;
    for (const auto* db : {"retort_helpdesk_src", "retort_helpdesk", "retort_helpdesk_dev"}) test::recreate_pg_database(db);
    dialects::postgres::PostgresConnection source(Url::parse(url_of("retort_helpdesk_src")), {});
    source.run_script(helpdesk(), 1, [](const auto&, auto) {});
    dump() = pg_dump("retort_helpdesk_src");
  }
  static std::string& dump() {
    static std::string text;
    return text;
  }

  void SetUp() override {
    ASSERT_FALSE(test::pg_admin_url().empty()) << "no PostgreSQL test server (RETORT_TEST_PG_STATE); run through ctest";
    app = std::make_unique<dialects::postgres::PostgresConnection>(Url::parse(url_of("retort_helpdesk")),
                                                                   dialects::ConnectOptions{});
    test::empty_pg_database(*app);
  }

  std::unique_ptr<test::Project> project(const std::string& first) {
    return std::make_unique<test::Project>(first,
                                           [](const std::filesystem::path&) { return url_of("retort_helpdesk"); });
  }

  std::string value(const std::string& sql) { return app->query(sql).front()[0].value_or("NULL"); }

  std::unique_ptr<dialects::postgres::PostgresConnection> app;
};

TEST_F(PgRealistic, BookingsBuiltByAutogenerateFromItsDumpAndEqualToIt) {
  const auto bookings = read(CORPUS_DIR "/realistic/bookings.pg.sql");
  {
    auto source = project(bookings);
    source->upgrade();
  }
  auto dumped = pg_dump("retort_helpdesk");
  SetUp();
  auto p = project("CREATE EXTENSION IF NOT EXISTS btree_gist;");
  p->upgrade();
  p->desire(dumped);
  p->generate("r2");
  ASSERT_NO_THROW(p->upgrade());
  EXPECT_EQ(p->differences(), "");
  p->desire(bookings);
  EXPECT_EQ(p->differences(), "") << "against the source";
  EXPECT_EQ(value("INSERT INTO booking.rooms (name, capacity) VALUES ('Ada', 8) RETURNING id"), "100");
  EXPECT_EQ(value("INSERT INTO booking.rooms (name, capacity) VALUES ('Grace', 4) RETURNING id"), "105");
  app->execute(
      "INSERT INTO booking.reservations (room_id, during, price) VALUES (100, '[2030-01-01, 2030-01-03)', 10)");
  EXPECT_THROW(app->execute("INSERT INTO booking.reservations (room_id, during, price) "
                            "VALUES (100, '[2030-01-02, 2030-01-04)', 10)"),
               Error);  // the exclusion constraint
  EXPECT_EQ(value("SELECT nights FROM booking.reservations"), "2");
  ASSERT_NO_THROW(p->downgrade("r1"));
  p->desire("");
  EXPECT_EQ(p->differences(), "");
}

TEST_F(PgRealistic, TheDatabaseEqualsItsOwnDumpWithAndWithoutDevUrl) {
  auto p = project(helpdesk());
  p->upgrade();
  p->desire(dump());
  EXPECT_EQ(p->differences(), "");
  p->config().dev_url = url_of("retort_helpdesk_dev");
  EXPECT_EQ(p->differences(), "") << "with dev_url";
  p->desire(helpdesk());
  EXPECT_EQ(p->differences(), "") << "against the source, with dev_url";
  p->config().dev_url.clear();
  p->desire(retort::schema_dump(p->config()));
  EXPECT_EQ(p->differences(), "") << "against its schema dump";
}

TEST_F(PgRealistic, AutogenerateBuildsTheDumpedSchemaAndTheDowngradeRemovesIt) {
  for (const bool dev : {false, true}) {
    SetUp();
    auto p = project(kExtensions);
    if (dev) p->config().dev_url = url_of("retort_helpdesk_dev");
    p->upgrade();
    p->desire(dump());
    p->generate("r2");
    ASSERT_NO_THROW(p->upgrade()) << (dev ? "with dev_url" : "without dev_url");
    EXPECT_EQ(p->differences(), "");
    // What the application sees: the ids and numbers it is handed, the trigger, the view.
    EXPECT_EQ(value("INSERT INTO organisations (name) VALUES ('acme') RETURNING id"), "1");
    EXPECT_EQ(value("INSERT INTO agents (organisation_id, email) VALUES (1, 'Ada@Example.org') RETURNING id"), "1");
    EXPECT_EQ(value("INSERT INTO tickets (organisation_id, subject) VALUES (1, 'printer') RETURNING number"), "1000");
    EXPECT_EQ(value("SELECT count(*) FROM open_tickets WHERE organisation = 'acme'"), "1");
    EXPECT_EQ(value("SELECT count(*) FROM agents WHERE email = 'ada@example.org'"), "1");  // citext
    app->execute("UPDATE tickets SET updated_at = '2000-01-01', subject = 'printer on fire'");
    EXPECT_EQ(value("SELECT updated_at > '2001-01-01' FROM tickets"), "t");
    ASSERT_NO_THROW(p->downgrade("r1"));
    p->desire(kExtensions);
    EXPECT_EQ(p->differences(), "");
  }
}

// The extensions a desired schema creates are created by the migration autogenerate writes, so it
// runs on a database that has none, and its downgrade drops them again. With dev_url, the scratch
// database may hold one of them already (IF NOT EXISTS does nothing there): the target still needs it.
TEST_F(PgRealistic, AutogenerateCreatesTheExtensionsTheSchemaNeeds) {
  for (const bool dev : {false, true}) {
    SetUp();
    auto p = project("");
    if (dev) {
      p->config().dev_url = url_of("retort_helpdesk_dev");
      dialects::postgres::PostgresConnection scratch(Url::parse(url_of("retort_helpdesk_dev")), {});
      scratch.execute("CREATE EXTENSION IF NOT EXISTS citext");
    }
    p->upgrade();
    p->desire(helpdesk());
    const auto file = p->generate("r2");
    EXPECT_NE(file.find("CREATE EXTENSION IF NOT EXISTS citext;"), std::string::npos) << file;
    EXPECT_NE(file.find("DROP EXTENSION IF EXISTS citext;"), std::string::npos) << file;
    ASSERT_NO_THROW(p->upgrade()) << (dev ? "with dev_url" : "without dev_url");
    EXPECT_EQ(p->differences(), "");
    EXPECT_EQ(value("INSERT INTO organisations (name) VALUES ('acme') RETURNING id"), "1");
    EXPECT_EQ(value("INSERT INTO agents (organisation_id, email) VALUES (1, 'Ada@Example.org') RETURNING id"), "1");
    EXPECT_EQ(value("SELECT count(*) FROM agents WHERE email = 'ada@example.org'"), "1");  // citext
    ASSERT_NO_THROW(p->downgrade("r1"));
    EXPECT_EQ(value("SELECT count(*) FROM pg_extension WHERE extname IN ('citext', 'pg_trgm')"), "0");
    p->desire("");
    EXPECT_EQ(p->differences(), "");
  }
}

}  // namespace
}  // namespace retort
