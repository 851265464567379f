// The PostgreSQL corpus through the commands: autogenerate, upgrade, check finds nothing;
// downgrade, check against A finds nothing (tests/support/corpus_commands.hpp). One database of
// the test cluster, emptied before each pair; the desired schema loads into the rolled-back
// scratch on the target, with its named schemas mapped beside the real ones.

#include "dialects/postgres/postgres_dialect.hpp"
#include "support/corpus_commands.hpp"
#include "support/pg.hpp"

namespace retort {
namespace {

constexpr const char* kDatabase = "retort_corpus";

std::string database_url() {
  auto url = test::pg_admin_url();
  auto at = url.find("/postgres?");
  return at == std::string::npos ? url : url.replace(at, 10, std::string("/") + kDatabase + "?");
}

class PgCorpusCommands : public ::testing::TestWithParam<test::Pair> {
 protected:
  static void SetUpTestSuite() {
    auto admin = test::pg_admin_url();
    if (admin.empty()) return;
    dialects::postgres::PostgresConnection conn(Url::parse(admin), {});
    conn.execute(std::string("DROP DATABASE IF EXISTS ") + kDatabase + " WITH (FORCE)");
    conn.execute(std::string("CREATE DATABASE ") + kDatabase);
  }

  void SetUp() override {
    ASSERT_FALSE(test::pg_admin_url().empty()) << "no PostgreSQL test server (RETORT_TEST_PG_STATE); run through ctest";
    dialects::postgres::PostgresConnection conn(Url::parse(database_url()), {});
    for (const auto& name : conn.query_column("SELECT quote_ident(nspname) FROM pg_namespace WHERE nspname NOT LIKE "
                                              "'pg\\_%' AND nspname <> 'information_schema'"))
      conn.execute("DROP SCHEMA " + name + " CASCADE");
    conn.execute("CREATE SCHEMA public");
  }
};

TEST_P(PgCorpusCommands, CheckFindsNothingAfterUpgradeAndDowngrade) {
  test::autogenerate_upgrade_check(GetParam(), [](const std::filesystem::path&) { return database_url(); });
}

INSTANTIATE_TEST_SUITE_P(Corpus, PgCorpusCommands,
                         ::testing::ValuesIn(test::load_pairs(CORPUS_DIR "/postgresql.pairs")),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Portable, PgCorpusCommands,
                         ::testing::ValuesIn(test::load_pairs(CORPUS_DIR "/portable.pairs")),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace retort
