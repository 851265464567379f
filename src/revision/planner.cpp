#include "revision/planner.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::revisions {

namespace {

Error plan_error(std::string message) { return Error(ErrorCode::Plan, std::move(message)); }

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool contains_index(const std::vector<Index>& v, Index i) { return std::find(v.begin(), v.end(), i) != v.end(); }

/// Emits steps and tracks the version rows exactly as Alembic's HeadMaintainer changes them.
class StepBuilder {
 public:
  StepBuilder(const Graph& g, std::vector<std::string> rows) : g_(g), rows_(std::move(rows)) {}

  void upgrade(Index r) {
    const auto down = g_.down_revisions(r);
    const auto id = g_.id(r);
    std::vector<Index> present;
    for (Index d : down) {
      if (has(g_.id(d))) present.push_back(d);
    }
    PlanStep step{StepKind::Upgrade, r, g_.ids(g_.parents(r)), {id}, {}};
    if (present.empty()) {
      insert(step, id);
    } else if (down.size() > 1 && present.size() > 1) {
      // A merge: the parent rows not below another current head go, the last becomes r.
      const auto from = uncovered(down, [&](Index row) { return contains_index(down, row); });
      for (std::size_t k = 0; k + 1 < from.size(); ++k) erase(step, from[k]);
      update(step, from.back(), id);
    } else {
      update(step, g_.id(present.front()), id);
    }
    steps_.push_back(std::move(step));
  }

  void downgrade(Index r) {
    const auto down = g_.down_revisions(r);
    const auto id = g_.id(r);
    PlanStep step{StepKind::Downgrade, r, {id}, g_.ids(g_.parents(r)), {}};
    if (!has(id)) {
      throw plan_error(fmt::format("Cannot undo {}: the version table does not list it (rows: {})", id,
                                   rows_.empty() ? "none" : text::join(rows_, ", ")));
    }
    // What r's row turns into: its down revisions that no other current head already covers.
    const auto to = uncovered(down, [r](Index row) { return row == r; });
    if (to.empty()) {
      erase(step, id);
    } else if (down.size() > 1) {
      for (std::size_t k = 0; k + 1 < to.size(); ++k) insert(step, to[k]);
      update(step, id, to.back());
    } else {
      update(step, id, g_.id(down.front()));
    }
    steps_.push_back(std::move(step));
  }

  Plan finish(std::vector<std::string> rows_before) {
    Plan plan;
    plan.steps = std::move(steps_);
    plan.rows_before = std::move(rows_before);
    plan.rows_after = rows_;
    return plan;
  }

 private:
  const Graph& g_;
  std::vector<std::string> rows_;
  std::vector<PlanStep> steps_;

  [[nodiscard]] bool has(const std::string& row) const { return contains(rows_, row); }
  /// The ids of `down` that are not below any current row, leaving out the rows `skip` picks.
  template <class Skip>
  [[nodiscard]] std::vector<std::string> uncovered(const std::vector<Index>& down, Skip skip) const {
    std::vector<Index> others;
    for (const auto& row : rows_) {
      auto i = g_.find(row);
      if (i && !skip(*i)) others.push_back(*i);
    }
    const auto below = g_.among_ancestors(others, down);
    std::vector<std::string> out;
    for (std::size_t k = 0; k < down.size(); ++k) {
      if (!below[k]) out.push_back(g_.id(down[k]));
    }
    return out;
  }
  void insert(PlanStep& step, const std::string& row) {
    if (has(row)) throw overlap(row);
    rows_.push_back(row);
    step.rows.push_back({RowChange::Op::Insert, "", row});
  }
  void erase(PlanStep& step, const std::string& row) {
    if (!has(row)) throw missing(row);
    std::erase(rows_, row);
    step.rows.push_back({RowChange::Op::Delete, row, ""});
  }
  void update(PlanStep& step, const std::string& from, const std::string& to) {
    if (has(to)) throw overlap(to);
    if (!has(from)) throw missing(from);
    std::replace(rows_.begin(), rows_.end(), from, to);
    step.rows.push_back({RowChange::Op::Update, from, to});
  }
  [[nodiscard]] Error overlap(const std::string& row) const {
    return plan_error(fmt::format("The version table already lists {}; the plan would write it twice", row));
  }
  [[nodiscard]] Error missing(const std::string& row) const {
    return plan_error(fmt::format("The version table does not list {} (rows: {})", row,
                                  rows_.empty() ? "none" : text::join(rows_, ", ")));
  }
};

std::vector<std::string> as_tuple(const RevArg& arg) { return arg.text ? std::vector<std::string>{*arg.text} : arg.rows; }

std::vector<Spot> spots_of(const Resolver& r, const RevArg& arg) {
  return arg.text ? r.revisions(*arg.text) : r.revisions(arg.rows);
}

Spot spot_of(std::optional<Index> i) { return i ? Spot::at(*i) : Spot::none(); }

std::string didnt_produce(const Relative& rel) {
  const long n = rel.steps < 0 ? -rel.steps : rel.steps;
  return fmt::format("Relative revision {} didn't produce {} migrations", rel.shown, n);
}

/// The revisions of `spots`; Base or None among them is Alembic's failed assertion, an error here.
std::vector<Index> only_revisions(const std::vector<Spot>& spots, std::string_view what) {
  std::vector<Index> out;
  for (const auto& s : spots) {
    if (!s.is_revision()) throw plan_error(fmt::format("{} does not name a revision", what));
    out.push_back(s.rev);
  }
  return out;
}

/// Ancestors of `revs` (with dependencies), refusing revisions that are ancestors of one another.
RevSet checked_ancestors(const Graph& g, const std::vector<Index>& revs) {
  for (Index r : revs) {
    auto up = g.ancestors({r});
    std::vector<std::string> overlaps;
    for (Index o : revs) {
      if (o != r && up.contains(o)) overlaps.push_back(g.id(o));
    }
    if (!overlaps.empty()) {
      throw plan_error(fmt::format("Requested revision {} overlaps with other requested revisions {}", g.id(r),
                                   text::join(overlaps, ", ")));
    }
  }
  return g.ancestors(revs);
}

/// Alembic's _parse_downgrade_target: the branch a downgrade is scoped to and where it stops.
std::pair<std::optional<std::string>, Spot> downgrade_target(const Resolver& r, const RevArg& current,
                                                             const std::string& target, bool no_overwalk) {
  const auto& g = r.graph();
  if (auto rel = match_relative(target)) {
    if (rel->steps >= 0) {
      if (!rel->symbol) throw plan_error(didnt_produce(*rel));
      auto end = r.walk(spot_of(r.revision(*rel->symbol)), rel->steps, rel->branch, no_overwalk);
      if (end.kind == Spot::Kind::None) throw plan_error(fmt::format("Relative revision {} walked too far", target));
      return {rel->branch, end};
    }
    auto branch = rel->branch;
    std::string symbol;
    if (rel->symbol) {
      symbol = *rel->symbol;
    } else if (branch) {
      // The current revision on that branch, else the branch's head among everything applied.
      auto rows = as_tuple(current);
      std::vector<Index> revs = only_revisions(r.revisions(rows), "The current revision");
      auto on_branch = r.filter_for_lineage(revs, *branch);
      if (on_branch.empty()) {
        auto all = g.ancestors(revs);
        std::vector<Index> tips;
        for (Index i = 0; i < g.size(); ++i) {
          if (!all.contains(i)) continue;
          auto down = g.child_descendants({i});
          bool covered = false;
          for (Index j = 0; j < g.size() && !covered; ++j) covered = j != i && all.contains(j) && down.contains(j);
          if (!covered) tips.push_back(i);
        }
        on_branch = r.filter_for_lineage(tips, *branch);
      }
      if (on_branch.size() != 1) {
        throw plan_error(fmt::format("Relative revision {} is ambiguous: branch '{}' has {} current revisions", target,
                                     *branch, on_branch.size()));
      }
      symbol = g.id(on_branch.front());
    } else {
      auto rows = as_tuple(current);
      if (rows.empty()) throw plan_error(didnt_produce(*rel));
      symbol = rows.front();
      branch = symbol;
    }
    auto start = branch ? r.revision(*branch + "@" + symbol) : r.revision(symbol);
    auto end = r.walk(spot_of(start), rel->steps, std::nullopt, no_overwalk);
    if (end.kind == Spot::Kind::None) {
      throw plan_error(rel->symbol ? fmt::format("Relative revision {} walked too far", target) : didnt_produce(*rel));
    }
    return {branch, end};
  }
  auto at = target.rfind('@');
  std::optional<std::string> branch;
  std::string symbol = target;
  if (at != std::string::npos) {
    if (at > 0) branch = target.substr(0, at);
    symbol = target.substr(at + 1);
  }
  return {branch, spot_of(r.revision(symbol))};
}

/// Alembic's _parse_upgrade_target: the revisions an upgrade (or a range's upper end) aims at.
std::vector<Spot> upgrade_target(const Resolver& r, const RevArg& current, const RevArg& target, bool no_overwalk) {
  const auto& g = r.graph();
  std::optional<Relative> rel;
  if (target.text) rel = match_relative(*target.text);
  if (!rel) return spots_of(r, target);
  if (rel->steps > 0) {
    if (rel->symbol) {
      auto end = r.walk(spot_of(r.revision(*rel->symbol)), rel->steps, rel->branch, no_overwalk);
      if (end.kind == Spot::Kind::None) {
        throw plan_error(fmt::format("Relative revision {} walks past the head", *target.text));
      }
      return {end};
    }
    auto rows = as_tuple(current);
    std::vector<Spot> starts;
    if (rows.empty()) {
      starts = {Spot::none()};
    } else if (!rel->branch) {
      for (const auto& row : rows) starts.push_back(spot_of(r.revision(row)));
    } else {
      auto revs = only_revisions(r.revisions(rows), "The current revision");
      auto on_branch = r.filter_for_lineage(revs, *rel->branch);
      if (on_branch.empty()) {
        // Not at a head of that branch: start from the tips of what is applied on it.
        auto applied = g.ancestors(revs);
        std::vector<Index> members;
        for (Index i = 0; i < g.size(); ++i) {
          if (applied.contains(i)) members.push_back(i);
        }
        members = r.filter_for_lineage(members, *rel->branch);
        for (Index m : members) {
          bool below = std::any_of(members.begin(), members.end(),
                                   [&](Index o) { return contains_index(g.down_revisions(o), m); });
          if (!below) on_branch.push_back(m);
        }
      }
      for (Index i : on_branch) starts.push_back(Spot::at(i));
      if (starts.empty()) starts = {Spot::none()};
    }
    if (starts.size() > 1) {
      throw plan_error(fmt::format("Ambiguous upgrade from multiple current revisions ({}); name a target or use "
                                   "'<branch>@+{}'",
                                   text::join(rows, ", "), rel->steps));
    }
    auto end = r.walk(starts.front(), rel->steps, rel->branch, no_overwalk);
    if (end.kind == Spot::Kind::None) throw plan_error(didnt_produce(*rel));
    return {end};
  }
  if (!rel->symbol) {
    throw plan_error(fmt::format("Relative revision {} moves down; use 'downgrade {}'", *target.text, *target.text));
  }
  auto start = rel->branch ? r.revision(*rel->branch + "@" + *rel->symbol) : r.revision(*rel->symbol);
  return {r.walk(spot_of(start), rel->steps, std::nullopt, no_overwalk)};
}

struct Collected {
  RevSet revisions;
  std::vector<Index> heads;
};

/// Alembic's _collect_upgrade_revisions.
Collected collect_upgrade(const Resolver& r, const RevArg& upper, RevArg lower, bool inclusive, bool implicit_base,
                          bool no_overwalk, const std::string& not_ancestor) {
  const auto& g = r.graph();
  const std::string upper_shown = upper.text ? *upper.text : text::join(upper.rows, ", ");
  auto targets = only_revisions(upgrade_target(r, lower, upper, no_overwalk), fmt::format("Target '{}'", upper_shown));
  if (lower.text && lower.text->find('@') != std::string::npos) {
    // A labelled lower end keeps the targets on that branch.
    auto branch = lower.text->substr(0, lower.text->find('@'));
    if (auto rev = r.revision(branch); rev && g.id(*rev) == branch) {
      const auto& labels = g.labels(*rev);
      if (labels.size() != 1) {
        throw plan_error(fmt::format("Revision {} used as a branch must carry exactly one branch label", branch));
      }
      branch = labels.front();
    }
    std::erase_if(targets, [&](Index t) { return !r.has_label(t, branch); });
  }
  auto required = targets.empty() ? RevSet(g.size()) : checked_ancestors(g, targets);
  auto current_spots = spots_of(r, lower);
  if (!implicit_base) {
    for (const auto& s : current_spots) {
      if (s.kind == Spot::Kind::None) continue;
      if (!s.is_revision() || !required.contains(s.rev)) throw plan_error(not_ancestor);
    }
  }
  if (!current_spots.empty() && current_spots.front().kind == Spot::Kind::None && lower.text) {
    // A relative lower end that get_revisions cannot place: read it as a downgrade target.
    auto [branch, end] = downgrade_target(r, upper, *lower.text, no_overwalk);
    (void)branch;
    if (end.kind == Spot::Kind::None) throw plan_error(fmt::format("Range start {} walked too far", *lower.text));
    if (end.kind == Spot::Kind::Base) {
      current_spots.clear();
      lower = RevArg::of_rows({});
    } else {
      current_spots = {end};
      lower = RevArg::of(g.id(end.rev));
    }
  }
  auto current = only_revisions(current_spots, "The range start");
  auto below = current.empty() ? RevSet(g.size()) : checked_ancestors(g, current);
  RevSet needs(g.size());
  for (Index i = 0; i < g.size(); ++i) {
    if (required.contains(i) && !below.contains(i)) needs.insert(i);
  }
  if (inclusive) {
    for (Index i : only_revisions(spots_of(r, lower), "The range start")) needs.insert(i);
  }
  if (!current.empty() && !implicit_base) {
    auto above = g.child_descendants(current);
    for (Index i = 0; i < g.size(); ++i) {
      if (!above.contains(i)) needs.erase(i);
    }
  }
  return {needs, targets};
}

/// Alembic's _collect_downgrade_revisions.
Collected collect_downgrade(const Resolver& r, const std::vector<std::string>& rows, const std::string& target) {
  const auto& g = r.graph();
  auto [branch, end] = downgrade_target(r, RevArg::of_rows(rows), target, true);
  std::vector<Index> roots;
  if (!end.is_revision()) {
    roots = g.bases();
  } else {
    roots = g.children(end.rev);
  }
  if (branch && roots.size() > 1) {
    auto on_branch = g.parent_ancestors({r.resolve_branch(*branch)});
    std::erase_if(roots, [&](Index i) { return !on_branch.contains(i); });
    if (roots.empty()) throw plan_error(fmt::format("{} is not a valid downgrade target from current heads", target));
  }
  auto heads = only_revisions(r.revisions(rows), "A current revision");
  auto doomed = g.descendants(roots);
  auto active = g.ancestors(heads);
  RevSet out(g.size());
  for (Index i = 0; i < g.size(); ++i) {
    if (doomed.contains(i) && active.contains(i)) out.insert(i);
  }
  if (end.is_revision() && out.empty() && !contains_index(heads, end.rev)) {
    throw plan_error(fmt::format("Destination {} is not a valid downgrade target from current head(s) ({})", target,
                                 rows.empty() ? "the database is at base" : "current: " + text::join(rows, ", ")));
  }
  return {out, heads};
}

Plan build_upgrade(const Graph& g, const std::vector<std::string>& rows, const std::vector<Index>& order) {
  StepBuilder builder(g, rows);
  for (Index i : order) builder.upgrade(i);
  return builder.finish(rows);
}

Plan build_downgrade(const Graph& g, const std::vector<std::string>& rows, const std::vector<Index>& order) {
  StepBuilder builder(g, rows);
  for (Index i : order) builder.downgrade(i);
  return builder.finish(rows);
}

std::vector<Index> alembic_upgrade(const Resolver& r, const std::vector<std::string>& rows, const std::string& target) {
  auto c = collect_upgrade(r, RevArg::of(target), RevArg::of_rows(rows), false, true, true,
                           fmt::format("Destination {} is not a valid upgrade target from current head(s)", target));
  auto newest_first = r.graph().topological(c.revisions, c.heads);
  return {newest_first.rbegin(), newest_first.rend()};
}

std::vector<Index> alembic_downgrade(const Resolver& r, const std::vector<std::string>& rows, const std::string& target) {
  auto c = collect_downgrade(r, rows, target);
  return r.graph().topological(c.revisions, c.heads);
}

/// The exact-count rule's plan: the first n steps of the whole plan `all`, which must be sound.
Plan first_steps(const Graph& g, const std::vector<std::string>& rows, std::vector<Index> all, std::size_t n, bool up,
                 const std::string& shortfall, const std::string& target) {
  if (all.size() < n) {
    throw plan_error(fmt::format("Relative revision {} didn't produce {} migrations: {}", target, n, shortfall));
  }
  (void)(up ? build_upgrade(g, rows, all) : build_downgrade(g, rows, all));
  all.resize(n);
  return up ? build_upgrade(g, rows, all) : build_downgrade(g, rows, all);
}

bool is_ambiguous_walk(const Error& e) { return std::string_view(e.what()).find(ambiguous_walk) != std::string_view::npos; }

}  // namespace

std::vector<RowChange> pair_changes(const std::vector<std::string>& removed, const std::vector<std::string>& added) {
  // Alembic's shape: at a merge, DELETE all parent rows but the last and UPDATE that one; at an
  // un-merge, UPDATE to the first parent and INSERT the others.
  std::vector<RowChange> out;
  std::size_t m = removed.size(), k = added.size();
  std::size_t pairs = std::min(m, k);
  for (std::size_t i = 0; i + pairs < m; ++i) out.push_back({RowChange::Op::Delete, removed[i], ""});
  for (std::size_t i = 0; i < pairs; ++i) out.push_back({RowChange::Op::Update, removed[m - pairs + i], added[i]});
  for (std::size_t i = pairs; i < k; ++i) out.push_back({RowChange::Op::Insert, "", added[i]});
  return out;
}

std::vector<RowChange> row_changes(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  std::vector<std::string> removed, added;
  for (const auto& b : before) {
    if (!contains(after, b)) removed.push_back(b);
  }
  for (const auto& a : after) {
    if (!contains(before, a)) added.push_back(a);
  }
  return pair_changes(removed, added);
}

RevSet applied_from_rows(const Graph& g, const std::vector<std::string>& rows) {
  std::vector<Index> revs;
  for (const auto& row : rows) {
    auto i = g.find(row);
    if (!i && row.empty()) {
      throw Error(ErrorCode::Plan,
                  "The version table holds an empty (NULL) row; fix it with 'retort stamp --purge <revision>'");
    }
    if (!i) {
      throw Error(ErrorCode::Plan, fmt::format("The database is at revision '{}', which no migration file defines; "
                                               "restore the file or fix the version table with 'retort stamp --purge'",
                                               text::shown(row)))
          .at_revision(row);
    }
    revs.push_back(*i);
  }
  auto applied = g.ancestors(revs);
  auto heads = g.heads_of(applied);
  for (Index r : revs) {
    if (std::find(heads.begin(), heads.end(), r) == heads.end()) {
      throw Error(ErrorCode::Plan,
                  fmt::format("The version table lists {} together with a revision that descends from it; "
                              "its rows ({}) overlap. Fix them with 'retort stamp --purge <revisions>'",
                              g.id(r), text::join(rows, ", ")))
          .at_revision(g.id(r));
    }
  }
  return applied;
}

std::vector<std::string> rows_after(std::vector<std::string> rows, const PlanStep& step) {
  for (const auto& c : step.rows) {
    if (c.op != RowChange::Op::Insert) std::erase(rows, c.from);
    if (c.op != RowChange::Op::Delete) rows.push_back(c.to);
  }
  return rows;
}

Plan plan_towards(const Graph& g, const std::vector<std::string>& rows, const std::vector<std::string>& target_rows) {
  auto applied = applied_from_rows(g, rows);
  auto target = applied_from_rows(g, target_rows);
  RevSet undo(g.size()), apply(g.size());
  for (Index i = 0; i < g.size(); ++i) {
    if (applied.contains(i) && !target.contains(i)) undo.insert(i);
    if (target.contains(i) && !applied.contains(i)) apply.insert(i);
  }
  std::vector<Index> current, target_heads;
  for (const auto& row : rows) current.push_back(*g.find(row));
  for (const auto& row : target_rows) target_heads.push_back(*g.find(row));
  StepBuilder builder(g, rows);
  for (Index i : g.topological(undo, current)) builder.downgrade(i);
  auto up = g.topological(apply, target_heads);
  for (auto it = up.rbegin(); it != up.rend(); ++it) builder.upgrade(*it);
  return builder.finish(rows);
}

std::vector<Index> history_range(const Resolver& resolver, const RevArg& lower, const RevArg& upper,
                                 std::string_view shown) {
  auto c = collect_upgrade(resolver, upper, lower, true, false, false,
                           fmt::format("Requested range {} does not refer to ancestor/descendant revisions along the "
                                       "same branch",
                                       shown));
  return resolver.graph().topological(c.revisions, c.heads);
}

Plan plan_upgrade(const Graph& g, const std::vector<std::string>& rows, std::string_view target_text) {
  (void)applied_from_rows(g, rows);
  Resolver resolver(g);
  const std::string target(text::trim(target_text));
  auto rel = match_relative(target);
  if (!rel || rel->symbol || rel->steps <= 0) return build_upgrade(g, rows, alembic_upgrade(resolver, rows, target));
  // +N and label@+N (SPEC §5): exactly N migrations. Where Alembic's walk gives N, it is used;
  // where it is ambiguous or drags in more, the first N that `upgrade [label@]heads` would apply.
  const auto n = static_cast<std::size_t>(rel->steps);
  try {
    auto order = alembic_upgrade(resolver, rows, target);
    if (order.size() == n) return build_upgrade(g, rows, order);
  } catch (const Error& e) {
    if (!is_ambiguous_walk(e)) throw;
  }
  auto all = alembic_upgrade(resolver, rows, rel->branch ? *rel->branch + "@heads" : "heads");
  return first_steps(g, rows, all, n, true, fmt::format("only {} can be applied", all.size()), target);
}

Plan plan_downgrade(const Graph& g, const std::vector<std::string>& rows, std::string_view target_text) {
  (void)applied_from_rows(g, rows);
  Resolver resolver(g);
  const std::string target(text::trim(target_text));
  auto rel = match_relative(target);
  if (rel && !rel->symbol && rel->steps >= 0) {
    throw plan_error(fmt::format("Relative revision {} moves up; use 'upgrade {}'", target, target));
  }
  if (!rel || rel->symbol) return build_downgrade(g, rows, alembic_downgrade(resolver, rows, target));
  // -N and label@-N (SPEC §5): exactly N migrations. From one current head Alembic's walk is used
  // when it gives N; from several heads, or where the walk is ambiguous (a merge below) or undoes
  // more, the first N that `downgrade [label@]base` would undo.
  const auto n = static_cast<std::size_t>(-rel->steps);
  std::vector<std::string> distinct = rows;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  if (rel->branch || distinct.size() <= 1) {
    try {
      auto order = alembic_downgrade(resolver, rows, target);
      if (order.size() == n) return build_downgrade(g, rows, order);
    } catch (const Error& e) {
      if (!is_ambiguous_walk(e)) throw;
    }
  }
  auto all = alembic_downgrade(resolver, rows, rel->branch ? *rel->branch + "@base" : "base");
  return first_steps(g, rows, all, n, false,
                     fmt::format("only {} {} applied", all.size(), all.size() == 1 ? "is" : "are"), target);
}

}  // namespace retort::revisions
