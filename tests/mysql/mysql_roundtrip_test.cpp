// The autogenerate round trip on MariaDB (SPEC §7): for schemas A and B, A plus the generated
// upgrade equals B by reflection, the generated downgrade returns to A, and rows survive. Each
// pair gets two databases of its own on the test server (RETORT_TEST_MARIADB_STATE).

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "dialects/mysql/mysql_dialect.hpp"
#include "diff/differ.hpp"
#include "retort/error.hpp"
#include "support/corpus.hpp"
#include "support/mariadb.hpp"

namespace retort::dialects::mysql {
namespace {

using test::Pair;

std::string server_url(const std::string& name) { return test::mariadb_url(name); }

/// Portable pairs written in SQL MySQL does not accept or gives another meaning, with why. Every
/// other pair must load and round-trip.
const std::map<std::string, std::string>& not_mysql() {
  static const std::map<std::string, std::string> pairs = {
      {"p_check_with_in_list", "a named CHECK on a column: MySQL names checks at table level only"},
      {"p_multi_column_index", "an index over a TEXT column needs a prefix length on MySQL"},
      {"p_index_made_partial", "partial indexes (WHERE): MySQL has none"},
      {"p_unique_partial_index", "partial indexes (WHERE): MySQL has none"},
      {"p_expression_index_upper", "expression indexes: MariaDB has none (MySQL 8.0.13 does)"},
      {"p_quoted_names", "double-quoted names: MySQL quotes names with backticks unless ANSI_QUOTES is on"},
      {"p_reserved_word_column", "double-quoted names: MySQL quotes names with backticks unless ANSI_QUOTES is on"},
      {"p_deferrable_foreign_key", "DEFERRABLE: MySQL checks foreign keys at once"},
      {"p_deferrable_to_immediate", "DEFERRABLE: MySQL checks foreign keys at once"},
  };
  return pairs;
}

class MysqlRoundTrip : public ::testing::TestWithParam<Pair> {
 protected:
  void SetUp() override {
    const auto url = server_url("mysql");
    ASSERT_FALSE(url.empty()) << "no MariaDB test server (RETORT_TEST_MARIADB_STATE); run through ctest";
    admin = std::make_unique<MysqlConnection>(Url::parse(url), ConnectOptions{});
  }

  std::unique_ptr<MysqlConnection> fresh(const std::string& name, const std::string& ddl) {
    admin->execute("DROP DATABASE IF EXISTS `" + name + "`");
    admin->execute("CREATE DATABASE `" + name + "`");
    auto conn = std::make_unique<MysqlConnection>(Url::parse(server_url(name)), ConnectOptions{});
    conn->run_script(ddl, 1, [](const Statement&, std::chrono::nanoseconds) {});
    return conn;
  }

  static void run(Connection& conn, const std::vector<RenderedStatement>& statements) {
    for (const auto& s : statements) conn.execute(s.sql);
  }

  static std::string differences(const schema::Schema& a, const schema::Schema& b) {
    std::string out;
    for (const auto& c : diff::compare(a, b, inspector().hooks())) out += "\n  " + diff::describe(c);
    return out;
  }

  /// Every index the server has, by table, as it names them: what the model leaves out (a foreign
  /// key's own index) must come and go too.
  static std::string index_names(Connection& conn) {
    std::string out;
    for (const auto& name : conn.query_column(
             "SELECT DISTINCT CONCAT(TABLE_NAME, '.', INDEX_NAME) FROM information_schema.STATISTICS "
             "WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1"))
      out += name + " ";
    return out;
  }

  static std::string count(Connection& conn, const schema::QualifiedName& table) {
    return conn.query_column("SELECT count(*) FROM `" + table.name + "`").front();
  }

  std::unique_ptr<MysqlConnection> admin;
};

TEST_P(MysqlRoundTrip, UpgradeReachesBAndDowngradeReturnsToA) {
  const auto& p = GetParam();
  if (auto it = not_mysql().find(p.name); it != not_mysql().end()) GTEST_SKIP() << it->second;
  const auto a_name = ("rt_a_" + p.name).substr(0, 64), b_name = ("rt_b_" + p.name).substr(0, 64);
  auto b = fresh(b_name, p.b);
  const auto target = inspector().inspect(*b, {});
  auto a = fresh(a_name, p.a);
  const auto start = inspector().inspect(*a, {});
  const auto start_indexes = index_names(*a);
  std::map<schema::QualifiedName, std::string> counts;
  for (const auto& t : start.tables) counts[schema::qualified(t)] = count(*a, schema::qualified(t));

  const auto changes = diff::compare(start, target, inspector().hooks());
  ASSERT_FALSE(changes.empty());
  ASSERT_NO_THROW(run(*a, renderer().render(start, target, changes))) << p.name;
  EXPECT_EQ(differences(inspector().inspect(*a, {}), target), "") << "upgrade of " << p.name;
  EXPECT_EQ(index_names(*a), index_names(*b)) << "indexes after the upgrade of " << p.name;
  for (const auto& [table, n] : counts) {
    if (target.table(table)) {
      EXPECT_EQ(count(*a, table), n) << table.str();
    }
  }
  ASSERT_NO_THROW(run(*a, renderer().render(target, start, diff::reverse(changes)))) << p.name;
  EXPECT_EQ(differences(inspector().inspect(*a, {}), start), "") << "downgrade of " << p.name;
  EXPECT_EQ(index_names(*a), start_indexes) << "indexes after the downgrade of " << p.name;
  for (const auto& [table, n] : counts) {
    if (target.table(table)) {
      EXPECT_EQ(count(*a, table), n) << table.str();
    }
  }
  a.reset();
  b.reset();
  admin->execute("DROP DATABASE `" + a_name + "`");
  admin->execute("DROP DATABASE `" + b_name + "`");
}

INSTANTIATE_TEST_SUITE_P(Corpus, MysqlRoundTrip, ::testing::ValuesIn(test::load_pairs(CORPUS_DIR "/mysql.pairs")),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Portable, MysqlRoundTrip, ::testing::ValuesIn(test::load_pairs(CORPUS_DIR "/portable.pairs")),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace retort::dialects::mysql
