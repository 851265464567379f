// The randomized round trip on PostgreSQL: random schemas and edits (tests/support/random_schema.hpp),
// seeded (RETORT_SEED) and bounded in time (RETORT_RANDOM_SECONDS, default 3), each case in its own
// pair of schemas on the test cluster.

#include <gtest/gtest.h>

#include <algorithm>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "dialects/postgres/postgres_dialect.hpp"
#include "dialects/postgres/schema_names.hpp"
#include "diff/differ.hpp"
#include "support/pg.hpp"
#include "support/random_schema.hpp"

namespace retort::dialects::postgres {
namespace {

TEST(PgRandomRoundTrip, RandomSchemasAndEdits) {
  auto url = test::pg_admin_url();
  ASSERT_FALSE(url.empty()) << "no PostgreSQL test server (RETORT_TEST_PG_STATE); run through ctest";
  PostgresConnection conn(Url::parse(url), {});
  // Each side maps the named schemas s1 and s2 to its own (schema_names.hpp).
  SchemaNames side_a("rnd_a", "public"), side_b("rnd_b", "public");
  for (auto* side : {&side_a, &side_b}) {
    side->add("s1");
    side->add("s2");
  }
  auto run = [&](SchemaNames& side, const std::vector<RenderedStatement>& statements) {
    conn.execute("SET search_path TO " + side.default_scratch());
    std::string sql;
    for (const auto& s : statements) sql += s.sql + ";\n";
    conn.begin();
    conn.run_script(side.rewrite(sql), 1, [](const Statement&, std::chrono::nanoseconds) {});
    conn.commit();
  };
  auto reflect = [&](SchemaNames& side) {
    InspectOptions o;
    o.schema = side.default_scratch();
    o.schemas = side.others();
    return inspector().inspect(conn, o);
  };
  auto reset = [&](SchemaNames& side) {
    for (const auto& [scratch, real] : side.others()) conn.execute("DROP SCHEMA IF EXISTS " + scratch + " CASCADE");
    conn.execute("DROP SCHEMA IF EXISTS " + side.default_scratch() + " CASCADE");
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
  test::Generator gen(seed, {"integer", "bigint", "text", "character varying(20)", "numeric", "real"}, true);
  int cases = 0;
  while (std::chrono::steady_clock::now() - started < budget && cases < 500) {
    ++cases;
    SCOPED_TRACE("seed " + std::to_string(seed) + ", case " + std::to_string(cases));
    auto a_model = gen.schema();
    auto b_model = gen.edit(a_model);
    for (auto* side : {&side_a, &side_b}) {
      reset(*side);
      conn.execute("CREATE SCHEMA " + side->default_scratch());
    }
    schema::Schema empty;
    ASSERT_NO_THROW(run(side_a, renderer().render(empty, a_model, diff::compare(empty, a_model, diff::exact_hooks()))));
    for (const auto& sql : test::seed_rows(a_model)) conn.execute(side_a.rewrite(sql));
    ASSERT_NO_THROW(run(side_b, renderer().render(empty, b_model, diff::compare(empty, b_model, diff::exact_hooks()))));
    auto a = reflect(side_a);
    auto b = reflect(side_b);
    auto changes = diff::compare(a, b, inspector().hooks());
    auto by_phase = [](const diff::Change& x, const diff::Change& y) { return diff::phase(x) < diff::phase(y); };
    ASSERT_TRUE(std::is_sorted(changes.begin(), changes.end(), by_phase));
    const auto undo = diff::reverse(changes);
    ASSERT_TRUE(std::is_sorted(undo.begin(), undo.end(), by_phase));
    ASSERT_NO_THROW(run(side_a, renderer().render(a, b, changes)));
    ASSERT_EQ(differences(reflect(side_a), b), "");
    for (const auto& t : a.tables) {
      if (b.table(schema::qualified(t))) {
        ASSERT_EQ(conn.query_column(side_a.rewrite("SELECT count(*) FROM " + schema::qualified(t).str())).front(), "1")
            << schema::qualified(t).str();
      }
    }
    ASSERT_NO_THROW(run(side_a, renderer().render(b, a, diff::reverse(changes))));
    ASSERT_EQ(differences(reflect(side_a), a), "");
  }
  reset(side_a);
  reset(side_b);
  EXPECT_GT(cases, 5);
}

}  // namespace
}  // namespace retort::dialects::postgres
