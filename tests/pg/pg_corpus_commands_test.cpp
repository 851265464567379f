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

std::string database_url() { return test::pg_database_url(kDatabase); }

class PgCorpusCommands : public ::testing::TestWithParam<test::Pair> {
 protected:
  static void SetUpTestSuite() { test::recreate_pg_database(kDatabase); }

  void SetUp() override {
    ASSERT_FALSE(test::pg_admin_url().empty()) << "no PostgreSQL test server (RETORT_TEST_PG_STATE); run through ctest";
    dialects::postgres::PostgresConnection conn(Url::parse(database_url()), {});
    test::empty_pg_database(conn);
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
