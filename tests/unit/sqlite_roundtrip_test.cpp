// The central property of autogenerate (SPEC §7): for schemas A and B, a database built from A
// plus the generated upgrade equals B by reflection, and the generated downgrade brings it back to
// A — with the rows of every table that is not dropped surviving both ways.

#include <gtest/gtest.h>

#include <map>

#include "dialects/sqlite/sqlite_dialect.hpp"
#include "diff/differ.hpp"
#include "retort/error.hpp"
#include "support/corpus.hpp"

namespace retort::dialects::sqlite {
namespace {

using test::Pair;

std::unique_ptr<Connection> database(const std::string& sql) {
  auto conn = dialect().connect(Url::parse("sqlite://"), {});
  conn->run_script(sql, 1, [](const Statement&, std::chrono::nanoseconds) {});
  return conn;
}

schema::Schema reflect(Connection& conn) { return inspector().inspect(conn, {}); }

void run_statements(Connection& conn, const std::vector<RenderedStatement>& statements) {
  std::string sql;
  for (const auto& s : statements) sql += s.sql + ";\n";
  conn.begin();
  conn.run_script(sql, 1, [](const Statement&, std::chrono::nanoseconds) {});
  conn.commit();
}

std::string differences(const schema::Schema& a, const schema::Schema& b) {
  std::string out;
  for (const auto& c : diff::compare(a, b, inspector().hooks())) out += "\n  " + diff::describe(c);
  return out;
}

long long rows(Connection& conn, const std::string& table) {
  return std::stoll(conn.query_column("SELECT count(*) FROM \"" + table + "\"").front());
}

class RoundTrip : public ::testing::TestWithParam<Pair> {};

TEST_P(RoundTrip, UpgradeReachesBAndDowngradeReturnsToA) {
  const auto& p = GetParam();
  auto target = reflect(*database(p.b));
  auto conn = database(p.a);
  auto start = reflect(*conn);
  std::map<std::string, long long> counts;
  for (const auto& t : start.tables) counts[t.name] = rows(*conn, t.name);

  auto changes = diff::compare(start, target, inspector().hooks());
  ASSERT_FALSE(changes.empty()) << "pair " << p.name << " has no differences";
  auto up = renderer().render(start, target, changes);
  ASSERT_NO_THROW(run_statements(*conn, up)) << p.name;
  auto after_up = reflect(*conn);
  EXPECT_EQ(differences(after_up, target), "") << "upgrade of " << p.name;
  for (const auto& [table, n] : counts) {
    if (target.table(table)) {
      EXPECT_EQ(rows(*conn, table), n) << table << " lost rows in the upgrade of " << p.name;
    }
  }

  auto down = renderer().render(target, start, diff::reverse(changes));
  ASSERT_NO_THROW(run_statements(*conn, down)) << p.name;
  auto after_down = reflect(*conn);
  EXPECT_EQ(differences(after_down, start), "") << "downgrade of " << p.name;
  for (const auto& [table, n] : counts) {
    if (target.table(table)) {
      EXPECT_EQ(rows(*conn, table), n) << table << " lost rows in the downgrade of " << p.name;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, RoundTrip, ::testing::ValuesIn(test::load_pairs(CORPUS_DIR "/sqlite.pairs")),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Portable, RoundTrip, ::testing::ValuesIn(test::load_pairs(CORPUS_DIR "/portable.pairs")),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace retort::dialects::sqlite
