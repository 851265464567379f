// The autogenerate round trip on PostgreSQL (SPEC §7): for schemas A and B, A plus the generated
// upgrade equals B by reflection, the generated downgrade returns to A, and rows survive. Runs
// against the test cluster (RETORT_TEST_PG_STATE); each pair gets its own two schemas.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "dialects/postgres/postgres_dialect.hpp"
#include "dialects/postgres/schema_names.hpp"
#include "diff/differ.hpp"
#include "retort/error.hpp"
#include "support/corpus.hpp"
#include "support/pg.hpp"

namespace retort::dialects::postgres {
namespace {

using test::Pair;

/// One side of a pair: a default schema of its own, and its own names for every schema the SQL
/// creates or names (the scratch mapping of schema_names.hpp), so both sides can create "billing".
struct Side {
  explicit Side(const std::string& prefix) : names(prefix, "public") {}
  SchemaNames names;
};

class PgRoundTrip : public ::testing::TestWithParam<Pair> {
 protected:
  void SetUp() override {
    auto url = test::pg_admin_url();
    ASSERT_FALSE(url.empty()) << "no PostgreSQL test server (RETORT_TEST_PG_STATE); run through ctest";
    conn = std::make_unique<PostgresConnection>(Url::parse(url), ConnectOptions{});
  }

  void in_schema(Side& side) { conn->execute("SET search_path TO " + side.names.default_scratch()); }

  void drop(Side& side) {
    for (const auto& [scratch, real] : side.names.others())
      conn->execute("DROP SCHEMA IF EXISTS " + scratch + " CASCADE");
    conn->execute("DROP SCHEMA IF EXISTS " + side.names.default_scratch() + " CASCADE");
  }

  void fresh(Side& side, const std::string& ddl) {
    drop(side);
    conn->execute("CREATE SCHEMA " + side.names.default_scratch());
    in_schema(side);
    conn->run_script(side.names.rewrite(ddl), 1, [](const Statement&, std::chrono::nanoseconds) {});
  }

  schema::Schema reflect(Side& side) {
    InspectOptions o;
    o.schema = side.names.default_scratch();
    o.schemas = side.names.others();
    return inspector().inspect(*conn, o);
  }

  void run(Side& side, const std::vector<RenderedStatement>& statements) {
    in_schema(side);
    std::string sql, outside;
    for (const auto& s : statements) (s.outside_transaction ? outside : sql) += s.sql + ";\n";
    // As the generated file runs them: a block without a transaction first (see render_section).
    ASSERT_TRUE(outside.empty() || statements.front().outside_transaction);
    conn->run_script(side.names.rewrite(outside), 1, [](const Statement&, std::chrono::nanoseconds) {});
    conn->begin();
    conn->run_script(side.names.rewrite(sql), 1, [](const Statement&, std::chrono::nanoseconds) {});
    conn->commit();
  }

  std::string count(Side& side, const schema::QualifiedName& table) {
    const auto* mapped = side.names.find(table.schema.empty() ? "public" : table.schema);
    return conn->query_column("SELECT count(*) FROM " + *mapped + "." + dialect().quote_identifier(table.name)).front();
  }

  std::string differences(const schema::Schema& a, const schema::Schema& b) {
    std::string out;
    for (const auto& c : diff::compare(a, b, inspector().hooks())) out += "\n  " + diff::describe(c);
    return out;
  }

  std::unique_ptr<PostgresConnection> conn;
};

TEST_P(PgRoundTrip, UpgradeReachesBAndDowngradeReturnsToA) {
  const auto& p = GetParam();
  // An extension is the database's, and both sides here share one: such pairs run through the
  // commands on a database of their own (pg_corpus_commands_test.cpp).
  if (p.b.find("CREATE EXTENSION") != std::string::npos) GTEST_SKIP() << "database-wide extension";
  Side a("rt_a_" + p.name), b("rt_b_" + p.name);
  fresh(b, p.b);
  auto target = reflect(b);
  fresh(a, p.a);
  auto start = reflect(a);
  std::map<schema::QualifiedName, std::string> counts;
  for (const auto& t : start.tables) counts[schema::qualified(t)] = count(a, schema::qualified(t));

  auto changes = diff::compare(start, target, inspector().hooks());
  ASSERT_FALSE(changes.empty());
  ASSERT_NO_THROW(run(a, renderer().render(start, target, changes))) << p.name;
  EXPECT_EQ(differences(reflect(a), target), "") << "upgrade of " << p.name;
  for (const auto& [table, n] : counts) {
    if (target.table(table)) {
      EXPECT_EQ(count(a, table), n) << table.str();
    }
  }
  ASSERT_NO_THROW(run(a, renderer().render(target, start, diff::reverse(changes)))) << p.name;
  EXPECT_EQ(differences(reflect(a), start), "") << "downgrade of " << p.name;
  for (const auto& [table, n] : counts) {
    if (target.table(table)) {
      EXPECT_EQ(count(a, table), n) << table.str();
    }
  }
  drop(a);
  drop(b);
}

INSTANTIATE_TEST_SUITE_P(Corpus, PgRoundTrip, ::testing::ValuesIn(test::load_pairs(CORPUS_DIR "/postgresql.pairs")),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Portable, PgRoundTrip, ::testing::ValuesIn(test::load_pairs(CORPUS_DIR "/portable.pairs")),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace retort::dialects::postgres
