#pragma once
// The revision identifier grammar of SPEC §5 with Alembic 1.8.1's meaning (its RevisionMap lookups:
// get_revisions, get_revision, filter_for_lineage, _walk): head, heads, base, ids, partial ids of
// ids longer than three characters, branch labels, label@head|heads|base|rev, and relative forms
// anchored anywhere (+N, -N, rev+N, rev-N, head-1, base+N, label@-N, label@rev+N). Ranges are split
// by callers.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "revision/graph.hpp"

namespace retort::revisions {

/// A relative target as Alembic's pattern reads it: `[label@][symbol](+|-)N`.
struct Relative {
  std::optional<std::string> branch;
  std::optional<std::string> symbol;
  long steps = 0;
  std::string shown;  ///< the "+N" / "-N" text
};
/// The relative reading of `text`, if it is one.
[[nodiscard]] std::optional<Relative> match_relative(std::string_view text);

/// Where a walk or lookup ends: a revision, Alembic's "base" marker (walked down past a base), or
/// nothing (Alembic's None: "base" as a symbol, or a walk past the ends).
struct Spot {
  enum class Kind { Revision, Base, None };
  Kind kind = Kind::None;
  Index rev = 0;
  static Spot at(Index i) { return {Kind::Revision, i}; }
  static Spot base() { return {Kind::Base, 0}; }
  static Spot none() { return {}; }
  [[nodiscard]] bool is_revision() const { return kind == Kind::Revision; }
  bool operator==(const Spot&) const = default;
};

/// What a (non-relative) symbol resolves to.
struct Resolved {
  std::vector<Index> revisions;  ///< empty together with is_base
  bool is_base = false;
};

/// Resolves identifiers against one graph. `current` (the applied heads) enables the symbol
/// "current"; without it "current" is an error.
class Resolver {
 public:
  explicit Resolver(const Graph& graph, const std::vector<Index>* current = nullptr)
      : graph_(graph), current_(current) {}

  /// Alembic's get_revisions: every revision `text` names; a bare or labelled -N walks down from
  /// the heads. Entries may be Base or None where a walk ends there.
  [[nodiscard]] std::vector<Spot> revisions(std::string_view text) const;
  /// The same for several identifiers, concatenated.
  [[nodiscard]] std::vector<Spot> revisions(const std::vector<std::string>& texts) const;
  /// Alembic's get_revision: one revision or None ("base"); several is the multiple-heads error.
  [[nodiscard]] std::optional<Index> revision(std::string_view text) const;

  /// The revisions a text names (relative forms anchored on a symbol are walked).
  [[nodiscard]] Resolved resolve(std::string_view text) const;
  /// A single revision id, partial id or label (no keywords).
  [[nodiscard]] Index resolve_single(std::string_view symbol) const;
  /// The revision a branch name stands for: a label's declaring revision, or a revision.
  [[nodiscard]] Index resolve_branch(std::string_view name) const;

  /// True when `target` is an ancestor or a descendant of one of `against` (through Revises, and
  /// through Depends On as well when `dependencies`).
  [[nodiscard]] bool shares_lineage(Index target, const std::vector<Index>& against, bool dependencies) const;
  /// Alembic's filter_for_lineage: the members of `targets` that share lineage with what
  /// `check_against` names (its branch and its revisions).
  [[nodiscard]] std::vector<Index> filter_for_lineage(const std::vector<Index>& targets, std::string_view check_against,
                                                      bool dependencies = false) const;
  /// The single head (of branch `label` when given), None when there is none.
  [[nodiscard]] std::optional<Index> current_head(const std::optional<std::string>& label) const;

  /// Alembic's _walk: |steps| steps up (children, filtered to `label`'s lineage) or down (parents)
  /// from `start`. Past the ends it returns None when `no_overwalk`, else where it stopped; a
  /// branch point going up or a merge point going down is the "Ambiguous walk" error.
  [[nodiscard]] Spot walk(Spot start, long steps, const std::optional<std::string>& label, bool no_overwalk) const;

  /// Revisions carrying `label` after propagation.
  [[nodiscard]] bool has_label(Index i, std::string_view label) const;

  [[nodiscard]] const Graph& graph() const { return graph_; }

 private:
  const Graph& graph_;
  const std::vector<Index>* current_;

  struct Number {
    std::vector<std::string> ids;  ///< resolved ids, or the raw symbol to look up
    std::optional<std::string> branch;
  };
  [[nodiscard]] Number resolve_number(std::string_view text) const;
  [[nodiscard]] std::optional<Index> for_ident(std::string_view id, const std::optional<std::string>& branch) const;
  [[nodiscard]] std::vector<Index> partial_matches(std::string_view prefix) const;
};

/// Alembic's "Ambiguous walk" error text: callers with a rule of their own for it test for it.
inline constexpr std::string_view ambiguous_walk = "Ambiguous walk";

}  // namespace retort::revisions
