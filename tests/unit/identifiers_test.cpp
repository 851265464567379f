#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "revision/identifiers.hpp"
#include "revision/planner.hpp"
#include "support/graphs.hpp"

namespace retort::test {
namespace {

using revisions::Resolver;

TEST(Identifiers, MalformedOrHugeAreErrorsNeverCrashes) {
  // Issue 11: a second sign or a count past a long is an error (or a walk that stops at the end of
  // the graph), never an overflow.
  auto g = merged();
  for (const char* bad : {"", "abc+x", "abc+", "lbl@", "r2--9223372036854775808", "+-1", "--5",
                          "+99999999999999999999", "-99999999999999999999", "head-+3", "r1- 2"}) {
    EXPECT_THROW((void)revisions::plan_upgrade(g, {}, bad), Error) << bad;
    EXPECT_THROW((void)revisions::plan_downgrade(g, {"eee555"}, bad), Error) << bad;
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
           {"heads", {"27c6a30d7c24", "2a95102259be"}},  // file order, as Alembic lists them
           {"base", {}, true},
           {"2a95102259be", {"2a95102259be"}},
           {"2a9", {"2a95102259be"}},         // unique prefix
           {"27", {"27c6a30d7c24"}},          // a prefix of any length works when unique
           {"networking", {"3cac04ae8714"}},  // a label names the revision that declares it
           {"networking@head", {"2a95102259be"}},
           {"networking@heads", {"2a95102259be"}},
           {"networking@base", {}, true},  // Alembic: the base of that branch, no revision
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
    EXPECT_NE(e.message().find("bbb222, ccc333"), std::string::npos) << e.message();
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
  // Alembic matches prefixes only against ids longer than three characters.
  EXPECT_EQ(message("zz"), "Can't locate revision identified by 'zz'");
  EXPECT_EQ(message("networking@27c6a30d7c24"), "Revision 27c6a30d7c24 is not a member of branch 'networking'");
  EXPECT_NE(message("current").find("Can't locate revision identified by 'current'"), std::string::npos);
  EXPECT_NE(message("+1").find("Can't locate revision identified by '+1'"), std::string::npos);
  EXPECT_NE(message("No_such@head").find("Can't locate revision identified by 'No_such'"), std::string::npos);
  EXPECT_NE(message("No_such@ae10").find("No such branch: 'No_such'"), std::string::npos);
}

TEST(Resolver, CurrentWhenGiven) {
  auto g = linear();
  std::vector<revisions::Index> current{*g.find("b2")};
  Resolver r(g, &current);
  EXPECT_EQ(ids(g, r.resolve("current").revisions), (std::vector<std::string>{"b2"}));
}

TEST(Resolver, Walk) {
  using revisions::Spot;
  auto g = merged();
  Resolver r(g);
  auto walk = [&](const char* from, long n, bool no_overwalk = true) {
    return r.walk(Spot::at(*g.find(from)), n, std::nullopt, no_overwalk);
  };
  EXPECT_EQ(walk("bbb222", 1), Spot::at(*g.find("ddd444")));
  EXPECT_EQ(walk("eee555", -1), Spot::at(*g.find("ddd444")));
  EXPECT_EQ(walk("aaa111", -1), Spot::base());   // one step below a base is Alembic's "base"
  EXPECT_EQ(walk("aaa111", -2), Spot::none());   // past it: nothing
  EXPECT_EQ(walk("aaa111", -2, false), Spot::base());  // or where it stopped, for history ranges
  EXPECT_EQ(walk("eee555", 1), Spot::none());    // past the head
  for (const char* from : {"aaa111", "ddd444"}) {
    try {
      (void)walk(from, from[0] == 'a' ? 1 : -1);  // branches into two / merges two
      FAIL() << from;
    } catch (const Error& e) {
      EXPECT_NE(e.message().find("Ambiguous walk"), std::string::npos) << e.message();
    }
  }
  // Walking up from nothing starts at the bases; a label keeps only its lineage.
  auto mb = multibase();
  Resolver m(mb);
  EXPECT_THROW((void)m.walk(Spot::none(), 1, std::nullopt, true), Error);
  EXPECT_EQ(m.walk(Spot::none(), 1, std::string("networking"), true), Spot::at(*mb.find("3cac04ae8714")));
}

TEST(Resolver, RelativeIdentifiersAnchoredAnywhere) {
  auto g = multibase();
  Resolver r(g);
  auto one = [&](const char* text) { return ids(g, r.resolve(text).revisions); };
  using V = std::vector<std::string>;
  EXPECT_EQ(one("2a95102259be-1"), V{"109ec7d132bf"});
  EXPECT_EQ(one("3cac04ae8714+1"), V{"109ec7d132bf"});
  EXPECT_EQ(one("networking@head-1"), V{"109ec7d132bf"});
  EXPECT_EQ(one("networking@-1"), V{"109ec7d132bf"});   // N steps below the branch's head
  EXPECT_EQ(one("networking@3cac04ae8714+2"), V{"2a95102259be"});
  EXPECT_THROW((void)r.resolve("head-1"), Error);        // several heads
  EXPECT_THROW((void)r.resolve("heads-1"), Error);       // several heads: Alembic's error too
  auto lin = linear();
  Resolver l(lin);
  EXPECT_EQ(ids(lin, l.resolve("heads-1").revisions), V{"b2"});
  EXPECT_EQ(ids(lin, l.resolve("-2").revisions), V{"a1"});
  EXPECT_EQ(ids(lin, l.resolve("base+1").revisions), V{"a1"});
  EXPECT_TRUE(l.resolve("-3").is_base);  // below the base
}

TEST(Resolver, PartialIdsNeedFourCharacterIds) {
  auto g = graph({"c1: ", "c2: c1", "c3po: c2"});
  Resolver r(g);
  EXPECT_EQ(ids(g, r.resolve("c").revisions), std::vector<std::string>{"c3po"});  // c1 and c2 are too short
  auto many = graph({"c1: ", "c2: c1"});
  try {
    (void)Resolver(many).resolve("c");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.message(),
              "Can't locate revision identified by 'c'; a partial id matches only ids longer than three characters "
              "(as in Alembic), and c1, c2 are not");
  }
  EXPECT_EQ(ids(g, r.resolve("c3").revisions), std::vector<std::string>{"c3po"});
}

TEST(MatchRelative, AlembicPattern) {
  auto m = revisions::match_relative("networking@ae10-2");
  ASSERT_TRUE(m);
  EXPECT_EQ(*m->branch, "networking");
  EXPECT_EQ(*m->symbol, "ae10");
  EXPECT_EQ(m->steps, -2);
  auto bare = revisions::match_relative("-3");
  ASSERT_TRUE(bare);
  EXPECT_FALSE(bare->branch);
  EXPECT_FALSE(bare->symbol);
  EXPECT_FALSE(revisions::match_relative("ae10"));
  EXPECT_FALSE(revisions::match_relative("head"));
}

}  // namespace
}  // namespace retort::test
