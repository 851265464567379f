// The SQLite corpus through the commands: autogenerate, upgrade, check finds nothing; downgrade,
// check against A finds nothing (tests/support/corpus_commands.hpp).

#include "support/corpus_commands.hpp"

namespace retort {
namespace {

class SqliteCorpusCommands : public ::testing::TestWithParam<test::Pair> {};

TEST_P(SqliteCorpusCommands, CheckFindsNothingAfterUpgradeAndDowngrade) {
  test::autogenerate_upgrade_check(GetParam(), [](const std::filesystem::path& dir) {
    return "sqlite:///" + (dir / "app.db").string();
  });
}

INSTANTIATE_TEST_SUITE_P(Corpus, SqliteCorpusCommands,
                         ::testing::ValuesIn(test::load_pairs(CORPUS_DIR "/sqlite.pairs")),
                         [](const auto& info) { return info.param.name; });
INSTANTIATE_TEST_SUITE_P(Portable, SqliteCorpusCommands,
                         ::testing::ValuesIn(test::load_pairs(CORPUS_DIR "/portable.pairs")),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace retort
