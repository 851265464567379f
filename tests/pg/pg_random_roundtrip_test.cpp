// The randomized round trip on PostgreSQL: random schemas and edits (tests/support/random_schema.hpp),
// seeded (RETORT_SEED) and bounded in time (RETORT_RANDOM_SECONDS, default 3), each case in its own
// pair of schemas on the test cluster.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "dialects/postgres/postgres_dialect.hpp"
#include "diff/differ.hpp"
#include "support/pg.hpp"
#include "support/random_schema.hpp"

namespace retort::dialects::postgres {
namespace {

TEST(PgRandomRoundTrip, RandomSchemasAndEdits) {
  auto url = test::pg_admin_url();
  ASSERT_FALSE(url.empty()) << "no PostgreSQL test server (RETORT_TEST_PG_STATE); run through ctest";
  PostgresConnection conn(Url::parse(url), {});
  auto run = [&](const std::string& schema, const std::vector<RenderedStatement>& statements) {
    conn.execute("SET search_path TO " + schema);
    std::string sql;
    for (const auto& s : statements) sql += s.sql + ";\n";
    conn.begin();
    conn.run_script(sql, 1, [](const Statement&, std::chrono::nanoseconds) {});
    conn.commit();
  };
  auto reflect = [&](const std::string& schema) {
    conn.execute("SET search_path TO " + schema);
    InspectOptions o;
    o.schema = schema;
    return inspector().inspect(conn, o);
  };
  auto differences = [&](const schema::Schema& a, const schema::Schema& b) {
    std::string out;
    for (const auto& c : diff::compare(a, b, inspector().hooks())) out += "\n  " + diff::describe(c);
    return out;
  };
  const char* seed_env = std::getenv("RETORT_SEED");
  const unsigned seed = seed_env ? static_cast<unsigned>(std::stoul(seed_env)) : 20261122u;
  const char* seconds_env = std::getenv("RETORT_RANDOM_SECONDS");
  const auto budget = std::chrono::milliseconds(static_cast<long>((seconds_env ? std::stod(seconds_env) : 3.0) * 1000));
  const auto started = std::chrono::steady_clock::now();
  test::Generator gen(seed, {"integer", "bigint", "text", "character varying(20)", "numeric", "real"});
  int cases = 0;
  while (std::chrono::steady_clock::now() - started < budget && cases < 500) {
    ++cases;
    SCOPED_TRACE("seed " + std::to_string(seed) + ", case " + std::to_string(cases));
    auto a_model = gen.schema();
    auto b_model = gen.edit(a_model);
    for (const char* s : {"rnd_a", "rnd_b"}) {
      conn.execute(std::string("DROP SCHEMA IF EXISTS ") + s + " CASCADE");
      conn.execute(std::string("CREATE SCHEMA ") + s);
    }
    schema::Schema empty;
    ASSERT_NO_THROW(
        run("rnd_a", renderer().render(empty, a_model, diff::compare(empty, a_model, diff::exact_hooks()))));
    for (const auto& sql : test::seed_rows(a_model)) conn.execute(sql);
    ASSERT_NO_THROW(
        run("rnd_b", renderer().render(empty, b_model, diff::compare(empty, b_model, diff::exact_hooks()))));
    auto a = reflect("rnd_a");
    auto b = reflect("rnd_b");
    auto changes = diff::compare(a, b, inspector().hooks());
    ASSERT_NO_THROW(run("rnd_a", renderer().render(a, b, changes)));
    ASSERT_EQ(differences(reflect("rnd_a"), b), "");
    for (const auto& t : a.tables) {
      if (b.table(t.name)) {
        ASSERT_EQ(conn.query_column("SELECT count(*) FROM " + t.name).front(), "1") << t.name;
      }
    }
    ASSERT_NO_THROW(run("rnd_a", renderer().render(b, a, diff::reverse(changes))));
    ASSERT_EQ(differences(reflect("rnd_a"), a), "");
  }
  conn.execute("DROP SCHEMA IF EXISTS rnd_a CASCADE");
  conn.execute("DROP SCHEMA IF EXISTS rnd_b CASCADE");
  EXPECT_GT(cases, 5);
}

}  // namespace
}  // namespace retort::dialects::postgres
