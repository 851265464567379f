#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "revision/identifiers.hpp"
#include "support/graphs.hpp"

namespace retort::test {
namespace {

using revisions::parse_identifier;
using revisions::Resolver;

TEST(ParseIdentifier, Forms) {
  struct Case {
    const char* text;
    const char* branch;
    const char* symbol;
    std::optional<long> relative;
  };
  for (const auto& c : std::vector<Case>{{"head", "", "head", {}},
                                         {"ae10", "", "ae10", {}},
                                         {"+2", "", "", 2},
                                         {"-1", "", "", -1},
                                         {"ae10+3", "", "ae10", 3},
                                         {"head-2", "", "head", -2},
                                         {"networking@head", "networking", "head", {}},
                                         {"networking@+1", "networking", "", 1},
                                         {"networking@-2", "networking", "", -2},
                                         {"networking@base", "networking", "base", {}}}) {
    auto id = parse_identifier(c.text);
    EXPECT_EQ(id.branch, c.branch) << c.text;
    EXPECT_EQ(id.symbol, c.symbol) << c.text;
    EXPECT_EQ(id.relative, c.relative) << c.text;
  }
}

TEST(ParseIdentifier, Malformed) {
  // Issue 11: a second sign or a count past a long is an error, never an overflow.
  for (const char* bad : {"", "@head", "abc+x", "abc+", "lbl@", "r2--9223372036854775808", "+-1", "--5",
                          "+99999999999999999999", "head-+3", "r1- 2"}) {
    EXPECT_THROW((void)parse_identifier(bad), Error) << bad;
  }
}

struct ResolveCase {
  const char* text;
  std::vector<std::string> expected;
  bool base = false;
};

TEST(Resolver, MultibaseTable) {
  auto g = multibase();
  Resolver r(g);
  for (const auto& c : std::vector<ResolveCase>{
           {"heads", {"2a95102259be", "27c6a30d7c24"}},
           {"base", {}, true},
           {"2a95102259be", {"2a95102259be"}},
           {"2a9", {"2a95102259be"}},         // unique prefix
           {"27", {"27c6a30d7c24"}},          // a prefix of any length works when unique
           {"networking", {"3cac04ae8714"}},  // a label names the revision that declares it
           {"networking@head", {"2a95102259be"}},
           {"networking@heads", {"2a95102259be"}},
           {"networking@base", {"3cac04ae8714"}},
           {"shoppingcart@head", {"27c6a30d7c24"}},
           {"networking@109ec7d132bf", {"109ec7d132bf"}},
           {"3cac04ae8714@head", {"2a95102259be"}},  // a revision id stands for its branch
       }) {
    auto res = r.resolve(c.text);
    EXPECT_EQ(ids(g, res.revisions), c.expected) << c.text;
    EXPECT_EQ(res.is_base, c.base) << c.text;
  }
}

TEST(Resolver, HeadWithSeveralHeadsNamesThem) {
  auto g = branched();
  try {
    (void)Resolver(g).resolve("head");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("Multiple head revisions are present for given argument 'head'"), std::string::npos);
    EXPECT_NE(e.message().find("ccc333, bbb222"), std::string::npos) << e.message();
  }
}

TEST(Resolver, AmbiguousPrefixListsCandidates) {
  auto g = graph({"1975aa: ", "1975bb: 1975aa"});
  try {
    (void)Resolver(g).resolve("1975");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(e.message().find("Multiple revisions start with '1975'"), std::string::npos);
    EXPECT_NE(e.message().find("1975aa (versions/1975aa.sql)"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("1975bb (versions/1975bb.sql)"), std::string::npos);
  }
}

TEST(Resolver, Errors) {
  auto g = multibase();
  Resolver r(g);
  auto message = [&](const char* text) {
    try {
      (void)r.resolve(text);
    } catch (const Error& e) {
      return e.message();
    }
    return std::string("no error");
  };
  EXPECT_EQ(message("zzz999"), "Can't locate revision identified by 'zzz999'");
  EXPECT_EQ(message("networking@27c6a30d7c24"), "Revision 27c6a30d7c24 is not a member of branch 'networking'");
  EXPECT_NE(message("current").find("Can't locate revision identified by 'current'"), std::string::npos);
  EXPECT_NE(message("+1").find("not allowed here"), std::string::npos);
}

TEST(Resolver, CurrentWhenGiven) {
  auto g = linear();
  std::vector<revisions::Index> current{*g.find("b2")};
  Resolver r(g, &current);
  EXPECT_EQ(ids(g, r.resolve("current").revisions), (std::vector<std::string>{"b2"}));
}

TEST(Resolver, Walk) {
  auto g = merged();
  Resolver r(g);
  auto walk = [&](const char* from, long n) { return r.walk(*g.find(from), n, "x"); };
  EXPECT_EQ(g.id(*walk("bbb222", 1)), "ddd444");
  EXPECT_EQ(g.id(*walk("eee555", -1)), "ddd444");
  EXPECT_FALSE(walk("aaa111", -1).has_value());   // one step below a base is base
  EXPECT_THROW((void)walk("aaa111", 1), Error);   // branches into two
  EXPECT_THROW((void)walk("ddd444", -1), Error);  // merges two
  EXPECT_THROW((void)walk("eee555", 1), Error);   // past the head
  EXPECT_THROW((void)walk("aaa111", -2), Error);  // past base
}

}  // namespace
}  // namespace retort::test
