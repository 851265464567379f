#pragma once
// The revision identifier grammar of SPEC §5: head, heads, base, ids, partial ids, branch labels,
// label@head|heads|base|rev, +N, -N, rev+N, label@+N, label@-N. Ranges are split by callers.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "revision/graph.hpp"

namespace retort::revisions {

/// An identifier split into its parts: [branch "@"] [symbol] [("+"|"-") N].
struct Identifier {
  std::string branch;  ///< text before '@', empty when there is no '@'
  bool has_branch = false;
  std::string symbol;            ///< may be empty ("+2", "label@-1")
  std::optional<long> relative;  ///< signed step count
};

/// Splits an identifier; throws Error(Resolve) on malformed text.
[[nodiscard]] Identifier parse_identifier(std::string_view text);

/// What a (non-relative) symbol resolves to.
struct Resolved {
  std::vector<Index> revisions;  ///< empty together with is_base
  bool is_base = false;
};

/// Resolves identifiers against one graph. `current` (the applied set) enables the symbol
/// "current"; without it "current" is an error.
class Resolver {
 public:
  explicit Resolver(const Graph& graph, const std::vector<Index>* current = nullptr)
      : graph_(graph), current_(current) {}

  /// A symbol with an optional branch prefix and no relative part.
  [[nodiscard]] Resolved resolve(const Identifier& id) const;
  /// Convenience: parse + resolve, refusing relative forms.
  [[nodiscard]] Resolved resolve(std::string_view text) const;
  /// A single revision id, partial id or label (no keywords).
  [[nodiscard]] Index resolve_single(std::string_view symbol) const;
  /// Revisions that belong to branch `name` (a branch label, or a revision's whole lineage).
  [[nodiscard]] RevSet branch_members(std::string_view name) const;
  /// Walks |steps| steps up (children) or down (parents) from `from`; nullopt means base.
  [[nodiscard]] std::optional<Index> walk(Index from, long steps, std::string_view shown) const;

  [[nodiscard]] const Graph& graph() const { return graph_; }

 private:
  const Graph& graph_;
  const std::vector<Index>* current_;

  [[nodiscard]] std::vector<Index> single_head(std::string_view symbol, const std::vector<Index>& heads,
                                               std::string_view branch) const;
  [[nodiscard]] std::vector<Index> heads_within(const RevSet& members) const;
  [[nodiscard]] std::vector<Index> bases_within(const RevSet& members) const;
};

}  // namespace retort::revisions
