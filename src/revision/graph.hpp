#pragma once
// The pure revision graph (no I/O): Alembic's RevisionMap rules, validated up front.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace retort::revisions {

using Index = std::size_t;

/// One revision as declared by its file header.
struct RevisionNode {
  std::string id;
  std::vector<std::string> down_revisions;  ///< parents in declared order
  std::vector<std::string> branch_labels;   ///< labels declared on this revision
  std::vector<std::string> depends_on;      ///< ids, partial ids or branch labels
  std::string source;                       ///< file the revision came from (for errors)
};

/// A set of revisions of one graph, by index.
class RevSet {
 public:
  RevSet() = default;
  explicit RevSet(std::size_t n) : bits_(n, false) {}
  [[nodiscard]] bool contains(Index i) const { return bits_[i]; }
  void insert(Index i) { bits_[i] = true; }
  void erase(Index i) { bits_[i] = false; }
  [[nodiscard]] std::size_t capacity() const { return bits_.size(); }
  [[nodiscard]] std::size_t count() const;
  [[nodiscard]] bool empty() const { return count() == 0; }
  [[nodiscard]] bool operator==(const RevSet&) const = default;

 private:
  std::vector<bool> bits_;
};

/// True when `s` is a legal revision id: letters, digits and '_' up to 255 characters.
[[nodiscard]] bool valid_revision_id(std::string_view s);
/// Why `id` is not a legal revision id (Alembic's wording), for an id valid_revision_id rejects.
[[nodiscard]] std::string invalid_revision_id(std::string_view id);

/// The validated graph. Revisions are kept in the order given (file-name order).
class Graph {
 public:
  /// Builds and validates; throws retort::Error(Graph) naming the files involved.
  static Graph build(std::vector<RevisionNode> nodes);

  [[nodiscard]] std::size_t size() const { return nodes_.size(); }
  [[nodiscard]] const RevisionNode& node(Index i) const { return nodes_[i]; }
  [[nodiscard]] const std::string& id(Index i) const { return nodes_[i].id; }
  [[nodiscard]] std::optional<Index> find(std::string_view id) const;
  /// The ids of `revs`, in the same order.
  [[nodiscard]] std::vector<std::string> ids(const std::vector<Index>& revs) const;
  /// The revision carrying declared label `label`, if any.
  [[nodiscard]] std::optional<Index> find_label(std::string_view label) const;

  [[nodiscard]] const std::vector<Index>& parents(Index i) const { return parents_[i]; }
  /// Normalised dependencies: those no ancestor already depends on.
  [[nodiscard]] const std::vector<Index>& dependencies(Index i) const { return deps_[i]; }
  [[nodiscard]] const std::vector<Index>& children(Index i) const { return children_[i]; }
  [[nodiscard]] const std::vector<Index>& dependents(Index i) const { return dependents_[i]; }
  /// Labels after propagation (declared, inherited from ancestors, spread to the branch root).
  [[nodiscard]] const std::vector<std::string>& labels(Index i) const { return labels_[i]; }

  [[nodiscard]] bool is_head(Index i) const { return children_[i].empty(); }
  [[nodiscard]] bool is_real_head(Index i) const { return children_[i].empty() && dependents_[i].empty(); }
  [[nodiscard]] bool is_base(Index i) const { return parents_[i].empty(); }
  [[nodiscard]] bool is_branch_point(Index i) const { return children_[i].size() > 1; }
  [[nodiscard]] bool is_merge_point(Index i) const { return parents_[i].size() > 1; }

  /// The apply order of the whole graph: the reverse of Alembic's topological walk from every real
  /// head (what `upgrade heads` from base runs; `history` lists it newest first).
  [[nodiscard]] const std::vector<Index>& order() const { return order_; }
  /// Alembic's topological walk over `todo`, newest first: starting from the members of `heads`
  /// (taken in file order), it follows one line down until a revision another pending line still
  /// needs, then switches to that line. An upgrade runs the reverse; a downgrade runs it as is.
  [[nodiscard]] std::vector<Index> topological(const RevSet& todo, const std::vector<Index>& heads) const;
  /// What a revision is applied on top of: its parents, then its dependencies.
  [[nodiscard]] std::vector<Index> down_revisions(Index i) const;
  /// Position of a revision in order().
  [[nodiscard]] std::size_t rank(Index i) const { return rank_[i]; }

  /// Real heads (no child, nothing depends on them), in file order as Alembic lists them.
  [[nodiscard]] std::vector<Index> real_heads() const;
  /// Heads including effective heads (heads only through depends_on), in file order.
  [[nodiscard]] std::vector<Index> heads() const;
  /// Revisions without parents (they may have dependencies), in file order.
  [[nodiscard]] std::vector<Index> bases() const;

  /// `revs` and all their ancestors through parents and dependencies.
  [[nodiscard]] RevSet ancestors(const std::vector<Index>& revs) const;
  /// For each of `targets`, whether it is in ancestors(from). The walk down from `from` stops below
  /// the lowest target's level (ancestors' levels are lower), so it costs what lies between them,
  /// not the whole graph: a planner step asks this once per revision it moves.
  [[nodiscard]] std::vector<bool> among_ancestors(const std::vector<Index>& from, const std::vector<Index>& targets) const;
  /// `revs` and all their descendants through children and dependents.
  [[nodiscard]] RevSet descendants(const std::vector<Index>& revs) const;
  /// `revs` and their ancestors through parents only.
  [[nodiscard]] RevSet parent_ancestors(const std::vector<Index>& revs) const;
  /// `revs` and their descendants through children only.
  [[nodiscard]] RevSet child_descendants(const std::vector<Index>& revs) const;
  /// Members of `set`, in apply order.
  [[nodiscard]] std::vector<Index> ordered(const RevSet& set) const;
  /// The heads of an ancestor-closed set: members no other member descends from.
  [[nodiscard]] std::vector<Index> heads_of(const RevSet& set) const;
  [[nodiscard]] RevSet all() const;

 private:
  std::vector<RevisionNode> nodes_;
  // Looked up by string_view without building a std::string for each lookup.
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using ByName = std::unordered_map<std::string, Index, NameHash, std::equal_to<>>;
  ByName by_id_;
  ByName by_label_;
  std::vector<std::vector<Index>> parents_, deps_, children_, dependents_;
  std::vector<std::vector<std::string>> labels_;
  std::vector<std::size_t> depended_on_;  ///< revisions naming it in Depends On, before normalisation
  std::vector<Index> order_;
  std::vector<std::size_t> rank_;
  /// Longest path from a base through parents and dependencies: every ancestor's is lower. Ancestor
  /// questions (among_ancestors, the topological walk) are pruned with it; rank_ is made by that walk.
  std::vector<std::uint32_t> level_;

  [[nodiscard]] RevSet closure(const std::vector<Index>& revs, const std::vector<std::vector<Index>>& first,
                               const std::vector<std::vector<Index>>* second) const;
  void link();
  void check_cycles(bool with_dependencies) const;
  void normalise_dependencies();
  void propagate_labels();
  void compute_levels();
  void compute_order();
  friend class LazyAncestors;
};

}  // namespace retort::revisions
