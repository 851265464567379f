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

/// Emits steps that move the applied set through `sequence`, tracking version rows.
class StepBuilder {
 public:
  StepBuilder(const Graph& g, const RevSet& applied, std::vector<std::string> rows)
      : g_(g), applied_(applied), rows_(std::move(rows)) {}

  void upgrade(Index r) {
    std::vector<std::string> covered;  // rows replaced by r: dependencies first, then parents
    for (Index d : g_.dependencies(r)) covered.push_back(g_.id(d));
    for (Index p : g_.parents(r)) covered.push_back(g_.id(p));
    std::vector<std::string> removed;
    for (const auto& c : covered) {
      if (contains(rows_, c)) removed.push_back(c);
    }
    PlanStep step{StepKind::Upgrade, r, g_.ids(g_.parents(r)), {g_.id(r)}, {}};
    step.rows = pair_changes(removed, {g_.id(r)});
    apply_rows(removed, {g_.id(r)});
    applied_.insert(r);
    steps_.push_back(std::move(step));
  }

  void downgrade(Index r) {
    applied_.erase(r);
    std::vector<std::string> added;  // parents (declared order), then dependencies, left uncovered
    auto uncovered = [&](Index p) {
      const auto& cs = g_.children(p);
      const auto& ds = g_.dependents(p);
      return applied_.contains(p) &&
             std::none_of(cs.begin(), cs.end(), [&](Index c) { return applied_.contains(c); }) &&
             std::none_of(ds.begin(), ds.end(), [&](Index c) { return applied_.contains(c); });
    };
    for (Index p : g_.parents(r)) {
      if (uncovered(p)) added.push_back(g_.id(p));
    }
    for (Index d : g_.dependencies(r)) {
      if (uncovered(d) && !contains(added, g_.id(d))) added.push_back(g_.id(d));
    }
    PlanStep step{StepKind::Downgrade, r, {g_.id(r)}, g_.ids(g_.parents(r)), {}};
    step.rows = pair_changes({g_.id(r)}, added);
    apply_rows({g_.id(r)}, added);
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
  RevSet applied_;
  std::vector<std::string> rows_;
  std::vector<PlanStep> steps_;

  void apply_rows(const std::vector<std::string>& removed, const std::vector<std::string>& added) {
    std::erase_if(rows_, [&](const std::string& r) { return contains(removed, r); });
    for (const auto& a : added) rows_.push_back(a);
  }
};

/// First `n` members of `pending` in apply order; errors when there are fewer.
std::vector<Index> first_n(const Graph& g, const RevSet& pending, long n, std::string_view shown) {
  auto order = g.ordered(pending);
  if (static_cast<long>(order.size()) < n) {
    throw plan_error(fmt::format("Relative revision {} didn't produce {} migrations: only {} can be applied", shown, n,
                                 order.size()));
  }
  order.resize(static_cast<std::size_t>(n));
  return order;
}

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
  StepBuilder builder(g, applied, rows);
  auto order = g.order();
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (applied.contains(*it) && !target.contains(*it)) builder.downgrade(*it);
  }
  for (Index r : order) {
    if (target.contains(r) && !applied.contains(r)) builder.upgrade(r);
  }
  return builder.finish(rows);
}

Plan plan_upgrade(const Graph& g, const std::vector<std::string>& rows, std::string_view target) {
  auto applied = applied_from_rows(g, rows);
  Resolver resolver(g);
  auto id = parse_identifier(target);
  std::vector<Index> to_apply;
  RevSet wanted(g.size());
  if (id.relative) {
    if (*id.relative < 0) {
      throw plan_error(
          fmt::format("Relative revision {} moves down; use 'downgrade {}'", text::trim(target), text::trim(target)));
    }
    if (id.symbol.empty()) {
      // +N and label@+N: exactly N migrations, the first pending ones in apply order.
      RevSet scope = id.has_branch ? g.ancestors(resolver.resolve({id.branch, true, "heads", {}}).revisions) : g.all();
      RevSet pending(g.size());
      for (Index i = 0; i < g.size(); ++i) {
        if (scope.contains(i) && !applied.contains(i)) pending.insert(i);
      }
      to_apply = first_n(g, pending, *id.relative, text::trim(target));
    } else {
      auto base = resolver.resolve(Identifier{id.branch, id.has_branch, id.symbol, {}});
      if (base.revisions.size() != 1) {
        throw plan_error(fmt::format("Relative revision {} needs a single starting revision", text::trim(target)));
      }
      auto dest = resolver.walk(base.revisions.front(), *id.relative, text::trim(target));
      if (dest) wanted = g.ancestors({*dest});
    }
  } else {
    auto resolved = resolver.resolve(id);
    wanted = g.ancestors(resolved.revisions);
  }
  if (to_apply.empty()) {
    RevSet pending(g.size());
    for (Index i = 0; i < g.size(); ++i) {
      if (wanted.contains(i) && !applied.contains(i)) pending.insert(i);
    }
    to_apply = g.ordered(pending);
  }
  StepBuilder builder(g, applied, rows);
  for (Index r : to_apply) builder.upgrade(r);
  return builder.finish(rows);
}

Plan plan_downgrade(const Graph& g, const std::vector<std::string>& rows, std::string_view target) {
  auto applied = applied_from_rows(g, rows);
  Resolver resolver(g);
  auto id = parse_identifier(target);
  auto shown = text::trim(target);
  std::vector<Index> to_remove;  // in removal order
  RevSet removal(g.size());

  auto remove_descendants_of = [&](const std::vector<Index>& keep, bool inclusive) {
    auto down = g.descendants(keep);
    auto protect = inclusive ? RevSet(g.size()) : g.ancestors(keep);
    for (Index i = 0; i < g.size(); ++i) {
      if (applied.contains(i) && down.contains(i) && !protect.contains(i)) removal.insert(i);
    }
  };

  if (id.relative && *id.relative > 0) {
    throw plan_error(fmt::format("Relative revision {} moves up; use 'upgrade {}'", shown, shown));
  }
  if (id.relative && id.symbol.empty()) {
    // -N and label@-N: undo exactly N migrations, the last applied ones in apply order.
    long n = -*id.relative;
    auto applied_order = g.ordered(applied);
    std::vector<Index> candidates;
    if (id.has_branch) {
      auto members = resolver.branch_members(id.branch);
      for (Index r : applied_order) {
        if (members.contains(r)) candidates.push_back(r);
      }
    } else {
      candidates = applied_order;
    }
    if (static_cast<long>(candidates.size()) < n) {
      throw plan_error(fmt::format("Relative revision {} didn't produce {} migrations: only {} {} applied", shown, n,
                                   candidates.size(), candidates.size() == 1 ? "is" : "are"));
    }
    for (auto it = candidates.end() - n; it != candidates.end(); ++it) removal.insert(*it);
    // Undoing them must not strand an applied descendant outside the branch.
    for (Index i = 0; i < g.size(); ++i) {
      if (!removal.contains(i)) continue;
      auto down = g.descendants({i});
      for (Index d : applied_order) {
        if (down.contains(d) && !removal.contains(d)) {
          throw plan_error(fmt::format("Cannot undo {} alone: applied revision {} descends from it", g.id(i), g.id(d)));
        }
      }
    }
  } else {
    std::vector<Index> keep;
    bool inclusive = false;
    if (id.relative) {
      auto base = resolver.resolve(Identifier{id.branch, id.has_branch, id.symbol, {}});
      if (base.revisions.size() != 1) {
        throw plan_error(fmt::format("Relative revision {} needs a single starting revision", shown));
      }
      auto dest = resolver.walk(base.revisions.front(), *id.relative, shown);
      if (dest) {
        keep = {*dest};
      } else {
        // Walking just past a base means "before that base": only its line goes, not every branch.
        keep = {*resolver.walk(base.revisions.front(), *id.relative + 1, shown)};
        inclusive = true;
      }
    } else {
      auto resolved = resolver.resolve(id);
      keep = resolved.revisions;
      // label@base means "before the branch's first revision": the bases go as well.
      inclusive = id.has_branch && id.symbol == "base";
      if (resolved.is_base && !id.has_branch) keep.clear();
    }
    if (keep.empty() && !inclusive) {
      removal = applied;
    } else {
      if (!inclusive) {
        for (Index k : keep) {
          if (!applied.contains(k)) {
            throw plan_error(fmt::format(
                "Destination {} is not a valid downgrade target from current head(s): it is not applied ({})", g.id(k),
                rows.empty() ? "the database is at base" : "current: " + text::join(rows, ", ")));
          }
        }
      }
      remove_descendants_of(keep, inclusive);
    }
  }
  auto order = g.ordered(removal);
  to_remove.assign(order.rbegin(), order.rend());
  StepBuilder builder(g, applied, rows);
  for (Index r : to_remove) builder.downgrade(r);
  return builder.finish(rows);
}

}  // namespace retort::revisions
