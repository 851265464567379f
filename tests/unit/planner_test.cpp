#include <gtest/gtest.h>

#include "retort/error.hpp"
#include "revision/planner.hpp"
#include "support/graphs.hpp"

namespace retort::test {
namespace {

using revisions::Plan;
using revisions::RowChange;
using Rows = std::vector<std::string>;

/// Version rows have no order: compare them sorted.
Rows sorted(Rows rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

/// Steps as "up:rev" / "down:rev" / "stamp".
std::vector<std::string> steps(const revisions::Graph& g, const Plan& p) {
  std::vector<std::string> out;
  for (const auto& s : p.steps) {
    std::string kind = s.kind == StepKind::Upgrade ? "up:" : s.kind == StepKind::Downgrade ? "down:" : "stamp";
    out.push_back(kind + (s.revision ? g.id(*s.revision) : ""));
  }
  return out;
}

/// Row changes rendered compactly: "+x", "-x", "x>y".
std::vector<std::string> changes(const Plan& p) {
  std::vector<std::string> out;
  for (const auto& s : p.steps) {
    for (const auto& c : s.rows) {
      if (c.op == RowChange::Op::Insert)
        out.push_back("+" + c.to);
      else if (c.op == RowChange::Op::Delete)
        out.push_back("-" + c.from);
      else
        out.push_back(c.from + ">" + c.to);
    }
  }
  return out;
}

struct UpCase {
  const char* name;
  revisions::Graph (*graph)();
  Rows rows;
  const char* target;
  bool upgrade;
  std::vector<std::string> steps;
  std::vector<std::string> changes;
  Rows after;
};

class Planning : public ::testing::TestWithParam<UpCase> {};

TEST_P(Planning, StepsAndRows) {
  const auto& c = GetParam();
  auto g = c.graph();
  auto plan = c.upgrade ? revisions::plan_upgrade(g, c.rows, c.target) : revisions::plan_downgrade(g, c.rows, c.target);
  EXPECT_EQ(steps(g, plan), c.steps);
  EXPECT_EQ(changes(plan), c.changes);
  EXPECT_EQ(sorted(plan.rows_after), sorted(c.after));
}

INSTANTIATE_TEST_SUITE_P(
    All, Planning,
    ::testing::Values(
        UpCase{"linear_head", linear, {}, "head", true, {"up:a1", "up:b2", "up:c3"}, {"+a1", "a1>b2", "b2>c3"}, {"c3"}},
        UpCase{"linear_plus1", linear, {"a1"}, "+1", true, {"up:b2"}, {"a1>b2"}, {"b2"}},
        UpCase{"linear_rev", linear, {}, "b2", true, {"up:a1", "up:b2"}, {"+a1", "a1>b2"}, {"b2"}},
        UpCase{"linear_noop", linear, {"c3"}, "head", true, {}, {}, {"c3"}},
        UpCase{"linear_ancestor_noop", linear, {"c3"}, "a1", true, {}, {}, {"c3"}},
        UpCase{"linear_down1", linear, {"c3"}, "-1", false, {"down:c3"}, {"c3>b2"}, {"b2"}},
        UpCase{"linear_down_base",
               linear,
               {"c3"},
               "base",
               false,
               {"down:c3", "down:b2", "down:a1"},
               {"c3>b2", "b2>a1", "-a1"},
               {}},
        UpCase{"linear_down_rev", linear, {"c3"}, "a1", false, {"down:c3", "down:b2"}, {"c3>b2", "b2>a1"}, {"a1"}},
        UpCase{"linear_rev_minus", linear, {"c3"}, "c3-2", false, {"down:c3", "down:b2"}, {"c3>b2", "b2>a1"}, {"a1"}},
        UpCase{"linear_rev_plus", linear, {}, "a1+1", true, {"up:a1", "up:b2"}, {"+a1", "a1>b2"}, {"b2"}},
        // Alembic's merge sequence: INSERT, UPDATE, INSERT for the new branch, DELETE+UPDATE at the merge;
        // its walk runs the merge's first parent's line last (checked against Alembic 1.8.1).
        UpCase{"merge_heads",
               merged,
               {},
               "heads",
               true,
               {"up:aaa111", "up:bbb222", "up:ccc333", "up:ddd444", "up:eee555"},
               {"+aaa111", "aaa111>bbb222", "+ccc333", "-ccc333", "bbb222>ddd444", "ddd444>eee555"},
               {"eee555"}},
        UpCase{"merge_from_branch_heads",
               merged,
               {"bbb222", "ccc333"},
               "head",
               true,
               {"up:ddd444", "up:eee555"},
               {"-ccc333", "bbb222>ddd444", "ddd444>eee555"},
               {"eee555"}},
        // -1 from a merge point undoes the merge (Alembic: "Ambiguous walk").
        UpCase{"unmerge_minus1",
               merged,
               {"ddd444"},
               "-1",
               false,
               {"down:ddd444"},
               {"+ccc333", "ddd444>bbb222"},
               {"ccc333", "bbb222"}},
        // Alembic's un-merge: the other parent stays applied and gets its row back.
        UpCase{"unmerge_to_ccc",
               merged,
               {"ddd444"},
               "ccc333",
               false,
               {"down:ddd444"},
               {"+ccc333", "ddd444>bbb222"},
               {"ccc333", "bbb222"}},
        // +2 from base where Alembic's walk is ambiguous (aaa111 branches): the first two of `upgrade heads`.
        UpCase{"plus2_counts_migrations",
               merged,
               {},
               "+2",
               true,
               {"up:aaa111", "up:bbb222"},
               {"+aaa111", "aaa111>bbb222"},
               {"bbb222"}},
        UpCase{"minus3_across_merge",
               merged,
               {"eee555"},
               "-3",
               false,
               {"down:eee555", "down:ddd444", "down:ccc333"},
               {"eee555>ddd444", "+ccc333", "ddd444>bbb222", "-ccc333"},
               {"bbb222"}},
        UpCase{"branch_only", branched, {"bbb222"}, "ccc333", true, {"up:ccc333"}, {"+ccc333"}, {"bbb222", "ccc333"}},
        UpCase{"sibling_untouched_on_downgrade",
               branched,
               {"bbb222", "ccc333"},
               "aaa111",
               false,
               {"down:bbb222", "down:ccc333"},
               {"-bbb222", "ccc333>aaa111"},
               {"aaa111"}},
        // Alembic's documented run of `upgrade networking@head`: dependencies first.
        UpCase{"multibase_label_head",
               multibase,
               {},
               "networking@head",
               true,
               {"up:1975ea83b712", "up:ae1027a6acf", "up:3cac04ae8714", "up:109ec7d132bf", "up:2a95102259be"},
               {"+1975ea83b712", "1975ea83b712>ae1027a6acf", "+3cac04ae8714", "3cac04ae8714>109ec7d132bf",
                "-109ec7d132bf", "ae1027a6acf>2a95102259be"},
               {"2a95102259be"}},
        UpCase{"multibase_label_base",
               multibase,
               {"2a95102259be"},
               "networking@base",
               false,
               {"down:2a95102259be", "down:109ec7d132bf", "down:3cac04ae8714"},
               {"+109ec7d132bf", "2a95102259be>ae1027a6acf", "109ec7d132bf>3cac04ae8714", "-3cac04ae8714"},
               {"ae1027a6acf"}},
        UpCase{"multibase_label_plus1",
               multibase,
               {},
               "shoppingcart@+1",
               true,
               {"up:1975ea83b712"},
               {"+1975ea83b712"},
               {"1975ea83b712"}},
        // One step below a base is Alembic's "base": every branch goes, in Alembic's order.
        UpCase{"multibase_rev_minus_past_base",
               multibase,
               {"2a95102259be", "27c6a30d7c24"},
               "1975ea83b712-1",
               false,
               {"down:27c6a30d7c24", "down:2a95102259be", "down:109ec7d132bf", "down:3cac04ae8714",
                "down:ae1027a6acf", "down:1975ea83b712"},
               {"-27c6a30d7c24", "+109ec7d132bf", "2a95102259be>ae1027a6acf", "109ec7d132bf>3cac04ae8714",
                "-3cac04ae8714", "ae1027a6acf>1975ea83b712", "-1975ea83b712"},
               {}},
        UpCase{"multibase_label_minus1",
               multibase,
               {"2a95102259be", "27c6a30d7c24"},
               "networking@-1",
               false,
               {"down:2a95102259be"},
               {"+109ec7d132bf", "2a95102259be>ae1027a6acf"},
               {"109ec7d132bf", "ae1027a6acf", "27c6a30d7c24"}}),
    [](const auto& info) { return std::string(info.param.name); });

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.message();
  }
  return "no error";
}

/// Two labelled lines from one root (the issue-15 classes), answers checked against Alembic 1.8.1.
revisions::Graph two_lines() { return graph({"r0: ", "l1: r0 | left", "l2: l1", "p1: r0 | right", "p2: p1"}); }

TEST(AlembicRules, BranchScopedDowngradeKeepsTheOtherBranch) {
  auto g = two_lines();
  auto plan = revisions::plan_downgrade(g, {"l2", "p2"}, "left@r0");
  EXPECT_EQ(steps(g, plan), (std::vector<std::string>{"down:l2", "down:l1"}));
  EXPECT_EQ(sorted(plan.rows_after), (Rows{"p2"}));
  // Without the label, everything above r0 goes.
  plan = revisions::plan_downgrade(g, {"l2", "p2"}, "r0");
  EXPECT_EQ(steps(g, plan), (std::vector<std::string>{"down:l2", "down:l1", "down:p2", "down:p1"}));
  EXPECT_EQ(plan.rows_after, (Rows{"r0"}));
}

TEST(AlembicRules, RelativeTargetsAnchoredOnARevision) {
  auto g = two_lines();
  auto plan = revisions::plan_downgrade(g, {"l2", "p2"}, "l2-1");
  EXPECT_EQ(steps(g, plan), (std::vector<std::string>{"down:l2"}));
  EXPECT_EQ(sorted(plan.rows_after), (Rows{"l1", "p2"}));
  plan = revisions::plan_upgrade(g, {"r0"}, "right@r0+2");
  EXPECT_EQ(steps(g, plan), (std::vector<std::string>{"up:p1", "up:p2"}));
  plan = revisions::plan_upgrade(g, {}, "base+1");
  EXPECT_EQ(steps(g, plan), (std::vector<std::string>{"up:r0"}));
  EXPECT_NE(error_of([&] { (void)revisions::plan_upgrade(g, {}, "r0+1"); }).find("Ambiguous walk"), std::string::npos);
}

TEST(AlembicRules, PlusOneFromSeveralHeadsIsAmbiguous) {
  auto g = two_lines();
  EXPECT_NE(error_of([&] { (void)revisions::plan_upgrade(g, {"l1", "p1"}, "+1"); })
                .find("Ambiguous upgrade from multiple current revisions"),
            std::string::npos);
  // A label picks the line.
  auto plan = revisions::plan_upgrade(g, {"l1", "p1"}, "right@+1");
  EXPECT_EQ(steps(g, plan), (std::vector<std::string>{"up:p2"}));
  EXPECT_EQ(sorted(plan.rows_after), (Rows{"l1", "p2"}));
}

TEST(AlembicRules, DowngradeUndoesWhatDependsOnTheTarget) {
  // 2a95 depends on ae10, which descends from 1975: undoing down to 1975 undoes it too, and keeps
  // 2a95's own parent line.
  auto g = multibase();
  auto plan = revisions::plan_downgrade(g, {"2a95102259be", "27c6a30d7c24"}, "1975ea83b712");
  EXPECT_EQ(steps(g, plan), (std::vector<std::string>{"down:27c6a30d7c24", "down:2a95102259be", "down:ae1027a6acf"}));
  EXPECT_EQ(sorted(plan.rows_after), (Rows{"109ec7d132bf", "1975ea83b712"}));
}

TEST(AlembicRules, LabelAtBaseIsTheBaseOfThatBranch) {
  auto g = multibase();
  auto plan = revisions::plan_downgrade(g, {"2a95102259be", "27c6a30d7c24"}, "networking@base");
  EXPECT_EQ(steps(g, plan), (std::vector<std::string>{"down:2a95102259be", "down:109ec7d132bf", "down:3cac04ae8714"}));
  EXPECT_EQ(sorted(plan.rows_after), (Rows{"27c6a30d7c24", "ae1027a6acf"}));
}

TEST(AlembicRules, HistoryRangeFromALabelledBaseIncludesDependencies) {
  auto g = multibase();
  revisions::Resolver r(g);
  auto listed = revisions::history_range(r, revisions::RevArg::of("networking@base"), revisions::RevArg::of("heads"),
                                         "networking@base:heads");
  EXPECT_EQ(ids(g, listed), (std::vector<std::string>{"2a95102259be", "109ec7d132bf", "3cac04ae8714", "ae1027a6acf",
                                                      "1975ea83b712"}));
  auto two = two_lines();
  revisions::Resolver t(two);
  EXPECT_EQ(ids(two, revisions::history_range(t, revisions::RevArg::of("right@base"), revisions::RevArg::of("heads"),
                                               "right@base:heads")),
            (std::vector<std::string>{"p2", "p1", "r0"}));
  // A bare -N as a range end: N below each head (l1 and p1 here, so not a range below l2).
  EXPECT_THROW((void)revisions::history_range(t, revisions::RevArg::of("-1"), revisions::RevArg::of("l2"), "-1:l2"),
               Error);
  auto lin = linear();
  revisions::Resolver l(lin);
  EXPECT_EQ(ids(lin, revisions::history_range(l, revisions::RevArg::of("-1"), revisions::RevArg::of("heads"), "-1:")),
            (std::vector<std::string>{"c3", "b2"}));
}

TEST(AlembicRules, StampWithAnAncestorAmongTheTargetsKeepsAlembicsRows) {
  // stamp l1 l2 from l2: both computed from the rows before the stamp; l2 is already there, so
  // only the move down to l1 happens (Alembic's rows: l1).
  auto g = two_lines();
  auto plan = revisions::plan_stamp(g, {"l2"}, {"l1", "l2"}, false);
  EXPECT_EQ(plan.rows_after, (Rows{"l1"}));
}

TEST(PlanningErrors, Messages) {
  auto g = merged();
  EXPECT_NE(error_of([&] { (void)revisions::plan_upgrade(g, {}, "+10"); }).find("didn't produce 10 migrations: only 5"),
            std::string::npos);
  EXPECT_NE(error_of([&] { (void)revisions::plan_downgrade(g, {"aaa111"}, "-2"); }).find("didn't produce 2 migrations"),
            std::string::npos);
  EXPECT_NE(error_of([&] { (void)revisions::plan_downgrade(g, {"eee555"}, "+1"); }).find("moves up"),
            std::string::npos);
  EXPECT_NE(error_of([&] { (void)revisions::plan_upgrade(g, {}, "-1"); }).find("moves down"), std::string::npos);
  auto b = branched();
  EXPECT_NE(error_of([&] {
              (void)revisions::plan_downgrade(b, {"bbb222"}, "ccc333");
            }).find("Destination ccc333 is not a valid downgrade target"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              (void)revisions::plan_upgrade(g, {"zzz"}, "head");
            }).find("The database is at revision 'zzz', which no migration file defines"),
            std::string::npos);
  EXPECT_NE(error_of([&] {
              (void)revisions::plan_upgrade(g, {"aaa111", "bbb222"}, "head");
            }).find("overlap"),
            std::string::npos);
}

struct StampCase {
  const char* name;
  Rows rows;
  std::vector<std::string> targets;
  bool purge;
  Rows after;
};

class Stamping : public ::testing::TestWithParam<StampCase> {};

TEST_P(Stamping, Rows) {
  const auto& c = GetParam();
  auto g = merged();
  auto plan = revisions::plan_stamp(g, c.rows, c.targets, c.purge);
  EXPECT_EQ(sorted(plan.rows_after), sorted(c.after));
}

INSTANTIATE_TEST_SUITE_P(
    All, Stamping,
    ::testing::Values(StampCase{"head_from_empty", {}, {"head"}, false, {"eee555"}},
                      StampCase{"base_empties", {"eee555"}, {"base"}, false, {}},
                      StampCase{"already_head", {"bbb222"}, {"bbb222"}, false, {"bbb222"}},
                      StampCase{"unrelated_adds_row", {"bbb222"}, {"ccc333"}, false, {"bbb222", "ccc333"}},
                      StampCase{"descendant_replaces", {"bbb222", "ccc333"}, {"heads"}, false, {"eee555"}},
                      StampCase{"ancestor_on_line", {"eee555"}, {"ddd444"}, false, {"ddd444"}},
                      StampCase{"purge_allows_forgetting", {"eee555"}, {"bbb222"}, true, {"bbb222"}},
                      StampCase{"purge_ignores_unknown_rows", {"zzz"}, {"aaa111"}, true, {"aaa111"}},
                      StampCase{"several_targets", {}, {"bbb222", "ccc333"}, false, {"bbb222", "ccc333"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Stamping, RefusesToForgetAMergedBranch) {
  auto g = merged();
  auto message = error_of([&] { (void)revisions::plan_stamp(g, {"eee555"}, {"bbb222"}, false); });
  EXPECT_NE(message.find("stamp bbb222 would forget that ccc333 is applied"), std::string::npos) << message;
  EXPECT_NE(message.find("--purge"), std::string::npos);
}

TEST(RowChanges, DeletesThenUpdatesThenInserts) {
  auto c = revisions::row_changes({"a", "b"}, {"c"});
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0], (RowChange{RowChange::Op::Delete, "a", ""}));
  EXPECT_EQ(c[1], (RowChange{RowChange::Op::Update, "b", "c"}));
  auto u = revisions::row_changes({"a"}, {"a", "x", "y"});
  ASSERT_EQ(u.size(), 2u);
  EXPECT_EQ(u[0], (RowChange{RowChange::Op::Insert, "", "x"}));
  EXPECT_EQ(u[1], (RowChange{RowChange::Op::Insert, "", "y"}));
}

}  // namespace
}  // namespace retort::test
