#include <gtest/gtest.h>

#include <algorithm>

#include "migrations/script.hpp"
#include "retort/error.hpp"

namespace retort::migrations {
namespace {

const char* const kFull = R"(-- add device location
--
-- Revision ID: 3f2a9c1b7d4e
-- Revises: 1a2b3c4d5e6f
-- Create Date: 2026-11-22 10:00:00.000000
-- Branch Labels: devices
-- Depends On: 9c0ffee12345

-- migrate:upgrade
ALTER TABLE devices ADD COLUMN location VARCHAR(255);
UPDATE devices SET location = 'unknown' WHERE location IS NULL;

-- migrate:downgrade
ALTER TABLE devices DROP COLUMN location;
)";

TEST(Parser, FullHeaderAndSections) {
  auto s = parse_script("v/x.sql", kFull);
  EXPECT_EQ(s.node.id, "3f2a9c1b7d4e");
  EXPECT_EQ(s.node.down_revisions, (std::vector<std::string>{"1a2b3c4d5e6f"}));
  EXPECT_EQ(s.node.branch_labels, (std::vector<std::string>{"devices"}));
  EXPECT_EQ(s.node.depends_on, (std::vector<std::string>{"9c0ffee12345"}));
  EXPECT_EQ(s.message, "add device location");
  EXPECT_EQ(s.create_date, "2026-11-22 10:00:00.000000");
  ASSERT_EQ(s.sections.size(), 2u);
  EXPECT_EQ(s.sections[0].direction, Direction::Upgrade);
  EXPECT_EQ(s.sections[0].first_line, 10);
  EXPECT_TRUE(s.sections[0].transactional);
  EXPECT_NE(s.sections[0].body.find("UPDATE devices"), std::string::npos);
  EXPECT_EQ(s.sections[1].direction, Direction::Downgrade);
  EXPECT_FALSE(s.irreversible("sqlite"));
}

TEST(Parser, MergeAndMultiLineMessage) {
  auto s = parse_script(
      "v/m.sql",
      "-- merge users\n-- and orders\n--\n-- Revision ID: ddd444\n-- Revises: ccc333, bbb222\n\n-- migrate:upgrade\n");
  EXPECT_EQ(s.message, "merge users and orders");
  EXPECT_EQ(s.node.down_revisions, (std::vector<std::string>{"ccc333", "bbb222"}));
}

TEST(Parser, MessageMayContainColons) {
  auto s = parse_script("v/c.sql",
                        "-- fix: add index\n--\n-- Revision ID: a1\n-- Revises:\n-- migrate:upgrade\nSELECT 1;\n");
  EXPECT_EQ(s.message, "fix: add index");
  EXPECT_TRUE(s.node.down_revisions.empty());
}

TEST(Parser, OptionsAndDialects) {
  auto s =
      parse_script("v/d.sql",
                   "-- d\n--\n-- Revision ID: a1\n\n"
                   "-- migrate:upgrade dialect:sqlite\nCREATE TABLE t (x);\n"
                   "-- migrate:upgrade dialect:postgresql transaction:false\nCREATE INDEX CONCURRENTLY i ON t (x);\n"
                   "-- migrate:downgrade dialect:sqlite\n");
  ASSERT_EQ(s.sections.size(), 3u);
  EXPECT_EQ(s.section(Direction::Upgrade, "sqlite")->body, "CREATE TABLE t (x);\n");
  EXPECT_FALSE(s.section(Direction::Upgrade, "postgresql")->transactional);
  EXPECT_FALSE(s.irreversible("sqlite"));  // an empty downgrade section is an explicit no-op
  EXPECT_TRUE(s.irreversible("postgresql"));
}

TEST(Parser, SeveralBlocksPerDirectionInFileOrder) {
  auto s = parse_script("v/b.sql",
                        "-- b\n--\n-- Revision ID: a1\n\n"
                        "-- migrate:upgrade transaction:false\nALTER TYPE s ADD VALUE 'x';\n"
                        "-- migrate:upgrade\nUPDATE t SET s = 'x';\n"
                        "-- migrate:upgrade dialect:sqlite\nSELECT 1;\n"
                        "-- migrate:downgrade\nSELECT 2;\n");
  auto pg = s.blocks(Direction::Upgrade, "postgresql");
  ASSERT_EQ(pg.size(), 2u);
  EXPECT_FALSE(pg[0]->transactional);
  EXPECT_EQ(pg[0]->first_line, 6);
  EXPECT_TRUE(pg[1]->transactional);
  EXPECT_EQ(pg[1]->body, "UPDATE t SET s = 'x';\n");
  // A dialect with sections of its own for a direction runs only those.
  auto lite = s.blocks(Direction::Upgrade, "sqlite");
  ASSERT_EQ(lite.size(), 1u);
  EXPECT_EQ(lite[0]->body, "SELECT 1;\n");
  EXPECT_EQ(s.blocks(Direction::Downgrade, "sqlite").size(), 1u);
}

TEST(Parser, ANulByteIsAnErrorNamingItsLine) {
  std::string text = kFull;
  text.insert(text.find("UPDATE devices"), std::string("\0", 1));
  try {
    (void)parse_script("v/x.sql", text);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("NUL byte"), std::string::npos) << e.what();
    EXPECT_EQ(e.file(), "v/x.sql");
    EXPECT_EQ(e.line(), 11);
  }
}

TEST(Parser, CarriageReturnOnlyLineEndingsAreNamed) {
  std::string text = kFull;
  std::replace(text.begin(), text.end(), '\n', '\r');
  try {
    (void)parse_script("v/x.sql", text);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("CR alone"), std::string::npos) << e.what();
  }
}

TEST(Parser, NoDowngradeIsIrreversible) {
  auto s = parse_script("v/i.sql", "-- i\n--\n-- Revision ID: a1\n-- migrate:upgrade\nSELECT 1;\n");
  EXPECT_TRUE(s.irreversible("sqlite"));
}

struct BadFile {
  const char* name;
  const char* text;
  int line;
  const char* fragment;
};

class ParserErrors : public ::testing::TestWithParam<BadFile> {};

TEST_P(ParserErrors, NameFileAndLine) {
  const auto& c = GetParam();
  try {
    (void)parse_script("versions/bad.sql", c.text);
    FAIL() << "parsed";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Parse);
    EXPECT_EQ(e.file(), "versions/bad.sql");
    EXPECT_EQ(e.line(), c.line) << e.message();
    EXPECT_NE(e.message().find(c.fragment), std::string::npos) << e.message();
  }
}

INSTANTIATE_TEST_SUITE_P(
    All, ParserErrors,
    ::testing::Values(
        BadFile{"unknown_key", "-- m\n--\n-- Revision ID: a1\n-- Revison: b\n-- migrate:upgrade\n", 4,
                "known keys: Revision ID, Revises, Create Date, Branch Labels, Depends On"},
        BadFile{"misspelt_id_key", "-- m\n-- Revison ID: a1\n-- Revises:\n-- migrate:upgrade\n", 2,
                "did you mean 'Revision ID'?"},
        BadFile{"missing_id", "-- just a comment\n\n-- migrate:upgrade\nSELECT 1;\n", 1, "Missing 'Revision ID'"},
        BadFile{"duplicate_key", "-- m\n--\n-- Revision ID: a1\n-- Revision ID: a2\n-- migrate:upgrade\n", 4,
                "appears twice"},
        BadFile{"no_upgrade", "-- m\n--\n-- Revision ID: a1\n-- migrate:downgrade\nSELECT 1;\n", 5,
                "No '-- migrate:upgrade' section"},
        BadFile{"sql_before_section", "-- m\n--\n-- Revision ID: a1\n\nCREATE TABLE t (x);\n-- migrate:upgrade\n", 5,
                "SQL before the first"},
        BadFile{"unknown_option", "-- m\n--\n-- Revision ID: a1\n-- migrate:upgrade transaction:maybe\n", 4,
                "Unknown section option 'transaction:maybe'"},
        BadFile{"unknown_dialect", "-- m\n--\n-- Revision ID: a1\n-- migrate:upgrade dialect:oracle\n", 4,
                "Unknown dialect 'oracle'"},
        BadFile{"unknown_directive", "-- m\n--\n-- Revision ID: a1\n-- migrate:up\n", 4, "Unknown directive"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace retort::migrations
