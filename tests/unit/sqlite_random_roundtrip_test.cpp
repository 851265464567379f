// The round trip on random schemas and random edits: seeded (RETORT_SEED overrides), bounded in
// time (RETORT_RANDOM_SECONDS, default 2), reporting the seed and case of any failure.

#include <gtest/gtest.h>

#include <algorithm>

#include <chrono>
#include <cstdlib>
#include <random>

#include "dialects/sqlite/sqlite_dialect.hpp"
#include "diff/differ.hpp"
#include "retort/error.hpp"
#include "support/random_schema.hpp"

namespace retort::dialects::sqlite {
namespace {

using schema::Schema;
using test::Generator;

void run(Connection& conn, const std::vector<RenderedStatement>& statements) {
  std::string sql;
  for (const auto& s : statements) sql += s.sql + ";\n";
  conn.begin();
  conn.run_script(sql, 1, [](const Statement&, std::chrono::nanoseconds) {});
  conn.commit();
}

std::string differences(const Schema& a, const Schema& b) {
  std::string out;
  for (const auto& c : diff::compare(a, b, inspector().hooks())) out += "\n  " + diff::describe(c);
  return out;
}

TEST(RandomRoundTrip, RandomSchemasAndEdits) {
  const char* seed_env = std::getenv("RETORT_SEED");
  const unsigned seed = seed_env ? static_cast<unsigned>(std::stoul(seed_env)) : 20261122u;
  const char* seconds_env = std::getenv("RETORT_RANDOM_SECONDS");
  const auto budget = std::chrono::milliseconds(static_cast<long>((seconds_env ? std::stod(seconds_env) : 2.0) * 1000));
  const auto started = std::chrono::steady_clock::now();
  Generator gen(seed, {"integer", "text", "varchar(20)", "numeric", "real", "blob"});
  int cases = 0;
  while (std::chrono::steady_clock::now() - started < budget && cases < 2000) {
    ++cases;
    SCOPED_TRACE("seed " + std::to_string(seed) + ", case " + std::to_string(cases));
    auto a_model = gen.schema();
    auto b_model = gen.edit(a_model);
    auto conn = dialect().connect(Url::parse("sqlite://"), {});
    Schema empty;
    ASSERT_NO_THROW(run(*conn, renderer().render(empty, a_model, diff::compare(empty, a_model, diff::exact_hooks()))));
    for (const auto& sql : test::seed_rows(a_model)) conn->execute(sql);
    auto a = inspector().inspect(*conn, {});
    auto scratch = dialect().connect(Url::parse("sqlite://"), {});
    ASSERT_NO_THROW(
        run(*scratch, renderer().render(empty, b_model, diff::compare(empty, b_model, diff::exact_hooks()))));
    auto b = inspector().inspect(*scratch, {});

    auto changes = diff::compare(a, b, inspector().hooks());
    auto by_phase = [](const diff::Change& x, const diff::Change& y) { return diff::phase(x) < diff::phase(y); };
    ASSERT_TRUE(std::is_sorted(changes.begin(), changes.end(), by_phase));
    const auto undo = diff::reverse(changes);
    ASSERT_TRUE(std::is_sorted(undo.begin(), undo.end(), by_phase));
    auto up = renderer().render(a, b, changes);
    std::string script;
    for (const auto& s : up) script += s.sql + ";\n";
    SCOPED_TRACE("upgrade:\n" + script);
    ASSERT_NO_THROW(run(*conn, up));
    ASSERT_EQ(differences(inspector().inspect(*conn, {}), b), "");
    for (const auto& t : a.tables) {
      if (b.table(t.name)) {
        ASSERT_EQ(conn->query_column("SELECT count(*) FROM " + t.name).front(), "1") << t.name;
      }
    }
    ASSERT_NO_THROW(run(*conn, renderer().render(b, a, diff::reverse(changes))));
    ASSERT_EQ(differences(inspector().inspect(*conn, {}), a), "");
  }
  RecordProperty("cases", cases);
  EXPECT_GT(cases, 10);
}

}  // namespace
}  // namespace retort::dialects::sqlite
