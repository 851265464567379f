#pragma once
// Step planning (pure): given the graph, the version-table rows and a target, compute the ordered
// steps and the version-row change of each, by Alembic 1.8.1's rules: which revisions a target
// needs or undoes (_collect_upgrade/_downgrade_revisions), their order (Graph::topological) and
// the rows each step writes (HeadMaintainer). Deliberate differences (SPEC §5) are marked where
// they are made.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retort/events.hpp"
#include "revision/graph.hpp"
#include "revision/identifiers.hpp"

namespace retort::revisions {

/// One change to the version table.
struct RowChange {
  enum class Op { Insert, Update, Delete };
  Op op;
  std::string from;  ///< Update, Delete
  std::string to;    ///< Insert, Update
  bool operator==(const RowChange&) const = default;
};

/// One step of a plan: a migration to run (or a stamp) and its version-row changes.
struct PlanStep {
  StepKind kind = StepKind::Upgrade;
  std::optional<Index> revision;  ///< the migration; empty for stamp steps
  std::vector<std::string> from;  ///< shown as "Running upgrade <from> -> <to>"
  std::vector<std::string> to;
  std::vector<RowChange> rows;
  /// Statements of the migration that already ran and stay (upgrade --resume of one that stopped
  /// half-way where DDL commits as it goes): they are skipped.
  long long skip = 0;
};

struct Plan {
  std::vector<PlanStep> steps;
  std::vector<std::string> rows_before;
  std::vector<std::string> rows_after;
  bool purge = false;  ///< stamp --purge: delete every row before the steps
};

/// The version rows after `step` runs on `rows`.
[[nodiscard]] std::vector<std::string> rows_after(std::vector<std::string> rows, const PlanStep& step);

/// The applied set named by version-table rows; throws when a row is unknown or rows overlap.
[[nodiscard]] RevSet applied_from_rows(const Graph& g, const std::vector<std::string>& rows);

/// One end of a range as Alembic takes it: an identifier, or the version rows themselves.
struct RevArg {
  std::optional<std::string> text;
  std::vector<std::string> rows;
  static RevArg of(std::string t) { return {std::move(t), {}}; }
  static RevArg of_rows(std::vector<std::string> r) { return {std::nullopt, std::move(r)}; }
};

/// Alembic's walk_revisions(lower, upper): the revisions of a history range, newest first.
[[nodiscard]] std::vector<Index> history_range(const Resolver& resolver, const RevArg& lower, const RevArg& upper,
                                               std::string_view shown);

/// Plans `upgrade <target>` from `rows`.
[[nodiscard]] Plan plan_upgrade(const Graph& g, const std::vector<std::string>& rows, std::string_view target);
/// Plans `downgrade <target>` from `rows`.
[[nodiscard]] Plan plan_downgrade(const Graph& g, const std::vector<std::string>& rows, std::string_view target);
/// Plans `stamp <targets...>` from `rows`; refuses to forget applied revisions unless `purge`.
[[nodiscard]] Plan plan_stamp(const Graph& g, const std::vector<std::string>& rows,
                              const std::vector<std::string>& targets, bool purge);

/// Plans the way from `rows` to the state whose heads are `target_rows`: undo what the target
/// lacks (reverse order), then apply what it adds. Used to re-plan between steps of a run.
[[nodiscard]] Plan plan_towards(const Graph& g, const std::vector<std::string>& rows,
                                const std::vector<std::string>& target_rows);

/// Row changes replacing rows `removed` by rows `added`: updates where possible (the last removed
/// rows become the first added ones), deletes before them, inserts after.
[[nodiscard]] std::vector<RowChange> pair_changes(const std::vector<std::string>& removed,
                                                  const std::vector<std::string>& added);
/// Row changes turning `before` into `after`: updates where possible, then deletes and inserts.
[[nodiscard]] std::vector<RowChange> row_changes(const std::vector<std::string>& before,
                                                 const std::vector<std::string>& after);

}  // namespace retort::revisions
