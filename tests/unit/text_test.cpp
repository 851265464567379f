#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::text {
namespace {

TEST(Shown, EscapesControlBytesAndCutsLongValues) {
  EXPECT_EQ(shown("r1"), "r1");
  EXPECT_EQ(shown("r9\x1b[2J\x07"), "r9\\x1b[2J\\x07");
  EXPECT_EQ(shown("a\nb\tc"), "a\\x0ab\\x09c");
  EXPECT_EQ(shown("a\nb\tc\x7f", 100, true), "a\nb\tc\\x7f");
  EXPECT_EQ(shown(std::string(300, 'x'), 4), "xxxx... (300 bytes in all)");
  // The cut never splits a UTF-8 character: "é" is two bytes, the cut at 2 backs up to 1.
  EXPECT_EQ(shown("a\xc3\xa9zz", 2), "a... (5 bytes in all)");
}

TEST(Shown, ErrorDescriptionsNeverCarryRawControlBytes) {
  Error e(ErrorCode::Plan, "near \"\x1b[31m\": syntax error");
  e.at_revision("r\x07").at_file("/tmp/a\x1b.sql", 3).with_statement("SELECT\n  '\x1b'");
  EXPECT_EQ(e.describe(),
            "near \"\\x1b[31m\": syntax error\n  revision: r\\x07\n  file: /tmp/a\\x1b.sql:3\n  statement: SELECT\n"
            "      '\\x1b'");
}

}  // namespace
}  // namespace retort::text
