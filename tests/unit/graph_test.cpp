#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "retort/error.hpp"
#include "support/graphs.hpp"

namespace retort::test {
namespace {

using revisions::Graph;

TEST(Graph, LinearHeadsBasesAndOrder) {
  auto g = linear();
  EXPECT_EQ(ids(g, g.heads()), (std::vector<std::string>{"c3"}));
  EXPECT_EQ(ids(g, g.order()), (std::vector<std::string>{"a1", "b2", "c3"}));
  EXPECT_TRUE(g.is_base(*g.find("a1")));
  EXPECT_FALSE(g.is_branch_point(*g.find("b2")));
}

TEST(Graph, BranchAndMergePoints) {
  auto g = merged();
  EXPECT_TRUE(g.is_branch_point(*g.find("aaa111")));
  EXPECT_TRUE(g.is_merge_point(*g.find("ddd444")));
  EXPECT_EQ(ids(g, g.heads()), (std::vector<std::string>{"eee555"}));
  // Alembic's walk (checked against Alembic 1.8.1): down from the merge, its first parent's line is
  // walked first, so it runs last.
  EXPECT_EQ(ids(g, g.order()), (std::vector<std::string>{"aaa111", "bbb222", "ccc333", "ddd444", "eee555"}));
}

TEST(Graph, HeadsInFileOrder) {
  auto g = branched();
  EXPECT_EQ(ids(g, g.heads()), (std::vector<std::string>{"bbb222", "ccc333"}));
}

TEST(Graph, EffectiveHeadsAndDependencies) {
  auto g = multibase();
  EXPECT_EQ(ids(g, g.real_heads()), (std::vector<std::string>{"27c6a30d7c24", "2a95102259be"}));
  EXPECT_EQ(ids(g, g.heads()), (std::vector<std::string>{"27c6a30d7c24", "2a95102259be", "ae1027a6acf"}));
  auto ae = *g.find("ae1027a6acf");
  EXPECT_TRUE(g.is_head(ae));
  EXPECT_FALSE(g.is_real_head(ae));
  EXPECT_EQ(ids(g, g.dependencies(*g.find("2a95102259be"))), (std::vector<std::string>{"ae1027a6acf"}));
}

TEST(Graph, DependencyOnAnAncestorIsIgnored) {
  // Alembic keeps it, and undoing c3 then writes rows for both b2 and a1 (overlapping rows its next
  // run refuses); it orders nothing, so retort drops it (docs/coming-from-alembic.md).
  auto g = graph({"a1: ", "b2: a1", "c3: b2 | | a1"});
  EXPECT_TRUE(g.dependencies(*g.find("c3")).empty());
}

TEST(Graph, AlembicWalkOrder) {
  // Checked against Alembic 1.8.1: from the heads in file order, the first head's line is walked
  // (newest first) until the shared root, then the next; an upgrade runs the reverse, so the
  // branch whose head comes first in file order runs last.
  auto g = graph({"r0: ", "l1: r0", "l2: l1", "p1: r0", "p2: p1"});
  EXPECT_EQ(ids(g, g.order()), (std::vector<std::string>{"r0", "p1", "p2", "l1", "l2"}));
  auto mb = multibase();
  EXPECT_EQ(ids(mb, mb.order()), (std::vector<std::string>{"1975ea83b712", "ae1027a6acf", "3cac04ae8714",
                                                           "109ec7d132bf", "2a95102259be", "27c6a30d7c24"}));
}

TEST(Graph, BranchLabelsPropagate) {
  auto g = multibase();
  auto labels = [&](const char* id) { return g.labels(*g.find(id)); };
  // Down to descendants and up to the base: the whole networking line carries the label.
  EXPECT_EQ(labels("3cac04ae8714"), (std::vector<std::string>{"networking"}));
  EXPECT_EQ(labels("109ec7d132bf"), (std::vector<std::string>{"networking"}));
  EXPECT_EQ(labels("2a95102259be"), (std::vector<std::string>{"networking"}));
  // The walk up stops at a branch point: 1975 branches into two, so it is not shoppingcart's.
  EXPECT_EQ(labels("27c6a30d7c24"), (std::vector<std::string>{"shoppingcart"}));
  EXPECT_TRUE(labels("1975ea83b712").empty());
  EXPECT_TRUE(labels("ae1027a6acf").empty());
}

TEST(Graph, DependencyNormalisationDropsInheritedOnes) {
  // c depends on x, and so does its parent b: c's own entry is redundant.
  auto g = graph({"x1: ", "a1: ", "b1: a1 | | x1", "c1: b1 | | x1"});
  EXPECT_TRUE(g.dependencies(*g.find("c1")).empty());
  EXPECT_EQ(ids(g, g.dependencies(*g.find("b1"))), (std::vector<std::string>{"x1"}));
}

TEST(Graph, DependsOnResolvesLabelsAndPartialIds) {
  auto g = graph({"abc123: | base_label", "def456: ", "fff000: def456 | | base_label", "fff111: def456 | | abc"});
  EXPECT_EQ(ids(g, g.dependencies(*g.find("fff000"))), (std::vector<std::string>{"abc123"}));
  EXPECT_EQ(ids(g, g.dependencies(*g.find("fff111"))), (std::vector<std::string>{"abc123"}));
}

struct BadGraph {
  const char* name;
  std::vector<std::string> specs;
  std::vector<std::string> expected_fragments;
};

class GraphValidation : public ::testing::TestWithParam<BadGraph> {};

TEST_P(GraphValidation, FailsWithFilesNamed) {
  const auto& param = GetParam();
  try {
    (void)graph(param.specs);
    FAIL() << "graph built";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::Graph);
    for (const auto& fragment : param.expected_fragments) {
      EXPECT_NE(e.message().find(fragment), std::string::npos) << e.message() << "\n  missing: " << fragment;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    All, GraphValidation,
    ::testing::Values(
        BadGraph{"duplicate", {"a1: ", "a1: "}, {"a1 is present more than once", "versions/a1.sql"}},
        BadGraph{"missing_parent", {"a1: ", "b1: zz9"}, {"zz9 referenced from b1", "versions/b1.sql", "not present"}},
        BadGraph{"self_loop", {"a1: a1"}, {"Self-loop", "a1", "versions/a1.sql"}},
        BadGraph{"cycle", {"a1: c1", "b1: a1", "c1: b1"}, {"Cycle is detected", "versions/a1.sql", "versions/b1.sql"}},
        BadGraph{"dependency_cycle", {"a1: | | b1", "b1: a1"}, {"Dependency cycle is detected", "a1", "b1"}},
        // The closing edge is a Revises edge, the cycle still needs the Depends On: a dependency cycle.
        BadGraph{"dependency_cycle_closed_by_parent", {"b1: a1", "a1: | | b1"}, {"Dependency cycle is detected"}},
        BadGraph{"dependency_self_loop", {"a1: | | a1"}, {"Dependency self-loop", "a1"}},
        BadGraph{"missing_dependency", {"a1: | | nope"}, {"Dependency nope", "versions/a1.sql"}},
        BadGraph{"duplicate_label", {"a1: | lbl", "b1: | lbl"}, {"Branch name 'lbl'", "already used by revision a1"}},
        BadGraph{"label_is_id", {"a1: | b1", "b1: "}, {"is also a revision id"}},
        BadGraph{"illegal_chars", {"a-b: "}, {"Character(s) '-' not allowed", "'a-b'"}},
        BadGraph{"plus", {"a+b: "}, {"Character(s) '+' not allowed"}},
        BadGraph{"too_long", {std::string(256, 'a') + ": "}, {"longer than 255"}},
        BadGraph{"parent_twice", {"a1: ", "b1: a1 a1"}, {"lists parent a1 twice"}}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace retort::test

namespace retort::test {
namespace {

// Random graphs with branches, merges, several bases and dependencies (ids in file order are not
// in age order: the files are shuffled).
revisions::Graph random_graph(std::mt19937& rng, int n) {
  std::vector<revisions::RevisionNode> nodes;
  auto id = [](int i) { return "r" + std::to_string(i); };
  for (int i = 0; i < n; ++i) {
    revisions::RevisionNode node;
    node.id = id(i);
    node.source = "versions/" + node.id + ".sql";
    if (i > 0 && rng() % 8 != 0) {
      node.down_revisions.push_back(id(static_cast<int>(rng() % static_cast<unsigned>(i))));
      if (rng() % 5 == 0) {
        auto other = id(static_cast<int>(rng() % static_cast<unsigned>(i)));
        if (other != node.down_revisions.front()) node.down_revisions.push_back(other);
      }
    }
    if (i > 1 && rng() % 6 == 0) {
      auto dep = id(static_cast<int>(rng() % static_cast<unsigned>(i)));
      if (std::find(node.down_revisions.begin(), node.down_revisions.end(), dep) == node.down_revisions.end())
        node.depends_on.push_back(dep);
    }
    nodes.push_back(std::move(node));
  }
  std::shuffle(nodes.begin(), nodes.end(), rng);
  return revisions::Graph::build(std::move(nodes));
}

TEST(Graph, RankIsAnApplyOrderAndAmongAncestorsAgreesWithAncestors) {
  std::mt19937 rng(20261202);
  for (int round = 0; round < 200; ++round) {
    auto g = random_graph(rng, 2 + static_cast<int>(rng() % 40));
    for (revisions::Index i = 0; i < g.size(); ++i) {
      for (auto d : g.down_revisions(i)) ASSERT_LT(g.rank(d), g.rank(i)) << g.id(d) << " below " << g.id(i);
    }
    for (int q = 0; q < 20; ++q) {
      std::vector<revisions::Index> from, targets;
      for (auto k = rng() % 4; k > 0; --k) from.push_back(static_cast<revisions::Index>(rng() % g.size()));
      for (auto k = 1 + rng() % 3; k > 0; --k) targets.push_back(static_cast<revisions::Index>(rng() % g.size()));
      auto all = g.ancestors(from);
      auto hit = g.among_ancestors(from, targets);
      ASSERT_EQ(hit.size(), targets.size());
      for (std::size_t k = 0; k < targets.size(); ++k) EXPECT_EQ(hit[k], all.contains(targets[k])) << g.id(targets[k]);
    }
  }
}

}  // namespace
}  // namespace retort::test
