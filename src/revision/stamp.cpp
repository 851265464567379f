// Stamp planning: rewrite the version rows without running migrations (Alembic's _stamp_revs),
// except that a stamp never silently forgets an applied branch (SPEC §5).

#include <fmt/format.h>
#include <algorithm>

#include "retort/error.hpp"
#include "revision/planner.hpp"
#include "support/text.hpp"

namespace retort::revisions {

namespace {

/// Alembic's StampStep: from the heads `from` to `to`, with its way of changing rows.
struct Stamp {
  std::vector<std::string> from;
  std::optional<std::string> to;
  bool up = false;
  bool branch_move = false;
};

Error stamp_error(std::string message) { return Error(ErrorCode::Plan, std::move(message)); }

/// Applies one stamp step to `rows` as Alembic's HeadMaintainer does; returns the row changes.
std::vector<RowChange> apply_stamp(const Stamp& s, std::vector<std::string>& rows) {
  auto has = [&](const std::string& r) { return std::find(rows.begin(), rows.end(), r) != rows.end(); };
  std::vector<RowChange> out;
  auto erase = [&](const std::string& r) {
    if (!has(r)) throw stamp_error(fmt::format("stamp: the version table does not list {}", r));
    std::erase(rows, r);
    out.push_back({RowChange::Op::Delete, r, ""});
  };
  auto update = [&](const std::string& from, const std::string& to) {
    if (!has(from)) throw stamp_error(fmt::format("stamp: the version table does not list {}", from));
    if (has(to)) throw stamp_error(fmt::format("stamp: the version table already lists {}", to));
    std::replace(rows.begin(), rows.end(), from, to);
    out.push_back({RowChange::Op::Update, from, to});
  };
  const bool from_missing = std::any_of(s.from.begin(), s.from.end(), [&](const auto& f) { return !has(f); });
  if (!s.up && s.branch_move) {
    erase(s.from.front());
  } else if (s.up && (s.branch_move || from_missing) && s.to && !has(*s.to)) {
    rows.push_back(*s.to);
    out.push_back({RowChange::Op::Insert, "", *s.to});
  } else if (s.from.size() > 1) {
    for (std::size_t k = 0; k + 1 < s.from.size(); ++k) erase(s.from[k]);
    update(s.from.back(), *s.to);
  } else if (s.from.size() == 1 && s.to) {
    update(s.from.front(), *s.to);
  } else {
    throw stamp_error(fmt::format("stamp to {} has no version row to replace", s.to ? *s.to : "base"));
  }
  return out;
}

/// Alembic's _stamp_revs: the stamp steps, all computed from the heads before the stamp.
std::vector<Stamp> stamp_steps(const Graph& g, const std::vector<std::string>& rows,
                               const std::vector<std::string>& targets) {
  Resolver r(g);
  std::vector<Index> heads;
  for (const auto& row : rows) heads.push_back(*g.find(row));
  std::vector<Index> filtered;
  for (const auto& t : targets) {
    if (t.empty()) continue;
    for (Index h : r.filter_for_lineage(heads, t, true)) {
      if (std::find(filtered.begin(), filtered.end(), h) == filtered.end()) filtered.push_back(h);
    }
  }
  auto dests = r.revisions(targets.empty() ? std::vector<std::string>{"base"} : targets);
  if (dests.empty()) dests.push_back(Spot::none());
  std::vector<Stamp> steps;
  for (const auto& dest : dests) {
    if (dest.kind == Spot::Kind::Base) throw stamp_error("stamp target does not name a revision");
    if (dest.kind == Spot::Kind::None) {
      for (Index h : filtered) steps.push_back({{g.id(h)}, std::nullopt, false, true});
      continue;
    }
    if (std::find(filtered.begin(), filtered.end(), dest.rev) != filtered.end()) continue;
    auto above = g.descendants({dest.rev});
    auto below = g.ancestors({dest.rev});
    bool heads_above = std::any_of(filtered.begin(), filtered.end(), [&](Index h) { return above.contains(h); });
    bool heads_below = std::any_of(filtered.begin(), filtered.end(), [&](Index h) { return below.contains(h); });
    if (heads_above || heads_below) {
      steps.push_back({g.ids(filtered), g.id(dest.rev), !heads_above, false});
    } else {
      steps.push_back({{}, g.id(dest.rev), true, true});
    }
  }
  return steps;
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
  auto steps = stamp_steps(g, current, targets);
  auto after = current;
  std::vector<std::vector<RowChange>> changes;
  for (const auto& s : steps) changes.push_back(apply_stamp(s, after));

  // SPEC §5: a stamp never silently forgets an applied revision that it does not move below.
  if (!purge) {
    Resolver r(g);
    std::vector<Index> dests;
    for (const auto& spot : r.revisions(targets)) {
      if (spot.is_revision()) dests.push_back(spot.rev);
    }
    auto moved = g.descendants(dests);
    std::vector<Index> after_revs;
    for (const auto& row : after) after_revs.push_back(*g.find(row));
    auto kept = g.ancestors(after_revs);
    const bool to_base = dests.empty();
    std::vector<std::string> lost;
    for (Index i : g.ordered(applied)) {
      if (!to_base && !moved.contains(i) && !kept.contains(i)) lost.push_back(g.id(i));
    }
    if (!lost.empty()) {
      const auto shown = text::join(targets, " ");
      throw Error(ErrorCode::Plan,
                  fmt::format("stamp {} would forget that {} {} applied (merged into a revision above {}); "
                              "stamp those revisions too (retort stamp {} {}) or use --purge",
                              shown, text::join(lost, ", "), lost.size() == 1 ? "is" : "are", shown, shown,
                              text::join(lost, " ")))
          .at_revision(targets.empty() ? std::string("base") : targets.front());
    }
  }

  std::vector<std::string> before = current;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    if (changes[k].empty() && !(purge && plan.steps.empty())) continue;
    auto from = purge && plan.steps.empty() ? rows : before;
    auto to = rows_after(before, PlanStep{StepKind::Stamp, std::nullopt, {}, {}, changes[k]});
    plan.steps.push_back(PlanStep{StepKind::Stamp, std::nullopt, from, to, changes[k]});
    before = to;
  }
  if (purge && plan.steps.empty()) plan.steps.push_back(PlanStep{StepKind::Stamp, std::nullopt, rows, {}, {}});
  plan.rows_after = after;
  return plan;
}

}  // namespace retort::revisions
