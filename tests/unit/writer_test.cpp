#include <gtest/gtest.h>

#include "migrations/script.hpp"
#include "migrations/templates.hpp"
#include "migrations/writer.hpp"
#include "retort/error.hpp"

namespace retort::migrations {
namespace {

TEST(Slug, AlembicRules) {
  EXPECT_EQ(slugify("Add device location", 40), "add_device_location");
  EXPECT_EQ(slugify("  create   users!!", 40), "create_users");
  EXPECT_EQ(slugify("one two three four", 10), "one_two_");
  EXPECT_EQ(slugify("", 40), "");
}

TEST(RevisionId, TwelveHex) {
  auto id = generate_revision_id();
  EXPECT_EQ(id.size(), 12u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(id, generate_revision_id());
}

TEST(Template, RendersAParsableFile) {
  NewRevision rev{"ddd444", "merge users\nand orders", {"ccc333", "bbb222"}, {}, {}, "", "", {}};
  auto text = render_template(default_script_template(), "t", rev, "2026-11-22 10:00:00.000000", {});
  auto s = parse_script("x.sql", text);
  EXPECT_EQ(s.node.id, "ddd444");
  EXPECT_EQ(s.node.down_revisions, (std::vector<std::string>{"ccc333", "bbb222"}));
  EXPECT_EQ(s.message, "merge users and orders");
  EXPECT_EQ(text.find("Branch Labels"), std::string::npos);  // empty optional lines disappear
  EXPECT_TRUE(s.node.branch_labels.empty());
}

TEST(Template, XValuesAndUnknownTokens) {
  NewRevision rev{"a1", "m", {}, {"lbl"}, {"b2"}, "", "", {}};
  auto text = render_template("-- {{message}} by {{x.author}}\n-- Branch Labels: {{branch_labels}}\n", "t", rev, "",
                              {{"author", "ada"}});
  EXPECT_EQ(text, "-- m by ada\n-- Branch Labels: lbl\n");
  try {
    (void)render_template("ok\n{{nope}}\n", "script.sql.tmpl", rev, "", {});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.file(), "script.sql.tmpl");
  }
}

TEST(Timestamp, Zones) {
  auto utc = now_in("UTC");
  EXPECT_GE(utc.year, 2024);
  EXPECT_NO_THROW((void)now_in("Europe/Berlin"));
  EXPECT_THROW((void)now_in("Mars/Olympus"), Error);
}

}  // namespace
}  // namespace retort::migrations
