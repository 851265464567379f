// Stamp planning: rewrite the version rows without running migrations (Alembic's _stamp_revs),
// except that a stamp never silently forgets an applied branch (SPEC §5).

#include <fmt/format.h>
#include <algorithm>

#include "retort/error.hpp"
#include "revision/planner.hpp"
#include "support/text.hpp"

namespace retort::revisions {

namespace {

RevSet unite(const RevSet& a, const RevSet& b) {
  RevSet out = a;
  for (Index i = 0; i < a.capacity(); ++i) {
    if (b.contains(i)) out.insert(i);
  }
  return out;
}

}  // namespace

Plan plan_stamp(const Graph& g, const std::vector<std::string>& rows, const std::vector<std::string>& targets,
                bool purge) {
  Plan plan;
  plan.rows_before = rows;
  plan.purge = purge;
  // With --purge the table is emptied first, so unknown or overlapping rows do not matter.
  RevSet applied = purge ? RevSet(g.size()) : applied_from_rows(g, rows);
  std::vector<std::string> current = purge ? std::vector<std::string>{} : rows;
  Resolver resolver(g);

  for (const auto& target : targets) {
    auto resolved = resolver.resolve(target);
    RevSet next = applied;
    if (resolved.is_base && resolved.revisions.empty()) {
      next = RevSet(g.size());
    }
    for (Index d : resolved.revisions) {
      auto heads = g.heads_of(next);
      if (std::find(heads.begin(), heads.end(), d) != heads.end()) continue;
      if (next.contains(d)) {
        // d is an ancestor of current heads: Alembic replaces the heads above it with d.
        auto above = g.descendants({d});
        std::vector<Index> kept_rows{d};
        for (Index h : heads) {
          if (!above.contains(h)) kept_rows.push_back(h);
        }
        auto alembic = g.ancestors(kept_rows);
        std::vector<std::string> lost;
        for (Index i : g.ordered(next)) {
          if (!above.contains(i) && !alembic.contains(i)) lost.push_back(g.id(i));
        }
        if (!lost.empty() && !purge) {
          throw Error(ErrorCode::Plan,
                      fmt::format("stamp {} would forget that {} {} applied (merged into a revision above {}); "
                                  "stamp those revisions too (retort stamp {} {}) or use --purge",
                                  g.id(d), text::join(lost, ", "), lost.size() == 1 ? "is" : "are", g.id(d), g.id(d),
                                  text::join(lost, " ")))
              .at_revision(g.id(d));
        }
        next = alembic;
      } else {
        next = unite(next, g.ancestors({d}));
      }
    }
    auto after = g.ids(g.heads_of(next));
    auto changes = row_changes(current, after);
    if (!changes.empty() || (purge && plan.steps.empty())) {
      // Under --purge the rows are deleted first, but the step still shows where it came from.
      auto from = purge && plan.steps.empty() ? rows : current;
      PlanStep step{StepKind::Stamp, std::nullopt, from, after, std::move(changes)};
      plan.steps.push_back(std::move(step));
    }
    applied = next;
    current = after;
  }
  plan.rows_after = current;
  return plan;
}

}  // namespace retort::revisions
