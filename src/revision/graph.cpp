#include "revision/graph.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <queue>
#include <unordered_set>

#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::revisions {

std::size_t RevSet::count() const { return static_cast<std::size_t>(std::count(bits_.begin(), bits_.end(), true)); }

namespace {

// ASCII only, whatever the locale: ids are compared byte for byte with Alembic's.
bool id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool valid_revision_id(std::string_view s) {
  if (s.empty() || s.size() > 255) return false;
  return std::all_of(s.begin(), s.end(), id_char);
}

std::string invalid_revision_id(std::string_view id) {
  if (id.empty()) return "Revision identifier is empty";
  if (id.size() > 255) return fmt::format("Revision identifier '{}' is longer than 255 characters", text::shown(id));
  std::string bad;
  for (char c : id) {
    if (!id_char(c) && bad.find(c) == std::string::npos) bad += c;
  }
  return fmt::format("Character(s) '{}' not allowed in revision identifier '{}'", text::shown(bad), text::shown(id));
}

namespace {

Error graph_error(std::string message, const std::string& file) {
  Error e(ErrorCode::Graph, std::move(message));
  if (!file.empty()) e.at_file(file);
  return e;
}

}  // namespace

Graph Graph::build(std::vector<RevisionNode> nodes) {
  Graph g;
  g.nodes_ = std::move(nodes);
  const auto n = g.nodes_.size();
  g.by_id_.reserve(n);
  for (Index i = 0; i < n; ++i) {
    const auto& node = g.nodes_[i];
    if (!valid_revision_id(node.id)) {
      throw graph_error(fmt::format("{} ({}); use letters, digits and '_'", invalid_revision_id(node.id), node.source),
                        node.source);
    }
    auto [it, inserted] = g.by_id_.emplace(node.id, i);
    if (!inserted) {
      throw graph_error(fmt::format("Revision {} is present more than once: {} and {}", node.id,
                                    g.nodes_[it->second].source, node.source),
                        node.source);
    }
  }
  for (Index i = 0; i < n; ++i) {
    for (const auto& label : g.nodes_[i].branch_labels) {
      if (!valid_revision_id(label)) {
        throw graph_error(fmt::format("Branch label '{}' in revision {} ({}) must use letters, digits and '_'", label,
                                      g.nodes_[i].id, g.nodes_[i].source),
                          g.nodes_[i].source);
      }
      if (auto rev = g.by_id_.find(label); rev != g.by_id_.end()) {
        throw graph_error(fmt::format("Branch name '{}' in revision {} ({}) is also a revision id ({})", label,
                                      g.nodes_[i].id, g.nodes_[i].source, g.nodes_[rev->second].source),
                          g.nodes_[i].source);
      }
      auto [it, inserted] = g.by_label_.emplace(label, i);
      if (!inserted && it->second != i) {
        throw graph_error(
            fmt::format("Branch name '{}' in revision {} ({}) already used by revision {} ({})", label, g.nodes_[i].id,
                        g.nodes_[i].source, g.nodes_[it->second].id, g.nodes_[it->second].source),
            g.nodes_[i].source);
      }
    }
  }
  g.link();
  g.check_cycles(false);
  g.check_cycles(true);
  g.compute_levels();  // with the dependencies as declared; again below, with those that stay
  g.normalise_dependencies();
  g.propagate_labels();
  g.compute_levels();
  g.compute_order();
  return g;
}

std::optional<Index> Graph::find(std::string_view id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Graph::ids(const std::vector<Index>& revs) const {
  std::vector<std::string> out;
  out.reserve(revs.size());
  for (auto r : revs) out.push_back(nodes_[r].id);
  return out;
}

std::optional<Index> Graph::find_label(std::string_view label) const {
  auto it = by_label_.find(label);
  if (it == by_label_.end()) return std::nullopt;
  return it->second;
}

void Graph::link() {
  const auto n = nodes_.size();
  parents_.assign(n, {});
  deps_.assign(n, {});
  children_.assign(n, {});
  dependents_.assign(n, {});
  for (Index i = 0; i < n; ++i) {
    const auto& node = nodes_[i];
    for (const auto& p : node.down_revisions) {
      if (p == node.id) {
        throw graph_error(
            fmt::format("Self-loop is detected in revisions ({}): {} lists itself in Revises", node.id, node.source),
            node.source);
      }
      auto pi = find(p);
      if (!pi) {
        throw graph_error(fmt::format("Revision {} referenced from {} ({}) is not present", p, node.id, node.source),
                          node.source);
      }
      if (std::find(parents_[i].begin(), parents_[i].end(), *pi) != parents_[i].end()) {
        throw graph_error(fmt::format("Revision {} ({}) lists parent {} twice", node.id, node.source, p), node.source);
      }
      parents_[i].push_back(*pi);
      children_[*pi].push_back(i);
    }
    for (const auto& d : node.depends_on) {
      std::optional<Index> di = find(d);
      if (!di) di = find_label(d);
      if (!di) {
        // A unique prefix of a revision id is accepted, as Alembic resolves them.
        std::vector<Index> matches;
        for (const auto& [id, idx] : by_id_) {
          if (id.starts_with(d)) matches.push_back(idx);
        }
        if (matches.size() == 1)
          di = matches.front();
        else if (matches.size() > 1) {
          std::vector<std::string> ids;
          for (auto m : matches) ids.push_back(nodes_[m].id);
          std::sort(ids.begin(), ids.end());
          throw graph_error(fmt::format("Depends On '{}' in revision {} ({}) is ambiguous: {}", d, node.id, node.source,
                                        text::join(ids, ", ")),
                            node.source);
        }
      }
      if (!di) {
        throw graph_error(fmt::format("Dependency {} referenced from {} ({}) is not present", d, node.id, node.source),
                          node.source);
      }
      if (*di == i) {
        throw graph_error(fmt::format("Dependency self-loop is detected in revisions ({}) ({})", node.id, node.source),
                          node.source);
      }
      if (std::find(deps_[i].begin(), deps_[i].end(), *di) == deps_[i].end()) deps_[i].push_back(*di);
    }
  }
}

void Graph::check_cycles(bool with_dependencies) const {
  // Iterative three-colour DFS; a grey node reached again closes a cycle. Run over parents alone
  // first, so a cycle that needs a Depends On edge is reported as a dependency cycle (as Alembic).
  const auto n = nodes_.size();
  std::vector<int> colour(n, 0);
  std::vector<std::pair<Index, std::size_t>> stack;
  for (Index start = 0; start < n; ++start) {
    if (colour[start]) continue;
    stack.push_back({start, 0});
    colour[start] = 1;
    while (!stack.empty()) {
      auto& [v, edge] = stack.back();
      const auto& ps = parents_[v];
      static const std::vector<Index> no_deps;
      const auto& ds = with_dependencies ? deps_[v] : no_deps;
      if (edge < ps.size() + ds.size()) {
        Index w = edge < ps.size() ? ps[edge] : ds[edge - ps.size()];
                ++edge;
        if (colour[w] == 1) {
          std::vector<std::string> ids, files;
          bool in_cycle = false;
          for (auto& [u, _] : stack) {
            if (u == w) in_cycle = true;
            if (in_cycle) {
              ids.push_back(nodes_[u].id);
              files.push_back(nodes_[u].source);
            }
          }
          throw graph_error(
              fmt::format("{} is detected in revisions ({}); files: {}", with_dependencies ? "Dependency cycle" : "Cycle",
                          text::join(ids, ", "), text::join(files, ", ")),
              nodes_[w].source);
        }
        if (colour[w] == 0) {
          colour[w] = 1;
          stack.push_back({w, 0});
        }
      } else {
        colour[v] = 2;
        stack.pop_back();
      }
    }
  }
}

void Graph::normalise_dependencies() {
  // Alembic's rule: a dependency that an ancestor already depends on is dropped. A dependency that
  // is already an ancestor through Revises orders nothing either, so it is dropped as well.
  // Both questions are about ancestors above the dependency's level (levels count the declared
  // dependencies, so every ancestor still sits lower), so each walk stops at the lowest one's: a
  // revision costs the part of the graph between it and what it depends on, not all below it.
  const auto n = nodes_.size();
  std::vector<std::vector<Index>> normalised(n);
  depended_on_.assign(n, 0);
  // Marked with the walk's number rather than cleared for each walk.
  std::vector<std::size_t> seen(n, 0), inherited(n, 0);
  std::vector<Index> stack;
  for (Index i = 0; i < n; ++i) {
    if (deps_[i].empty()) continue;
    const std::size_t walk = i + 1;
    auto floor = level_[deps_[i].front()];
    for (Index d : deps_[i]) floor = std::min(floor, level_[d]);
    // Ancestors through parents only, excluding i.
    stack.assign(parents_[i].begin(), parents_[i].end());
    while (!stack.empty()) {
      Index v = stack.back();
      stack.pop_back();
      if (seen[v] == walk || level_[v] < floor) continue;
      seen[v] = walk;
      for (Index d : deps_[v]) inherited[d] = walk;
      for (Index p : parents_[v]) stack.push_back(p);
    }
    for (Index d : deps_[i]) {
      if (inherited[d] != walk && seen[d] != walk) normalised[i].push_back(d);
      if (seen[d] != walk) ++depended_on_[d];  // Alembic counts it as a "real" next revision all the same
    }
  }
  deps_ = std::move(normalised);
  for (Index i = 0; i < n; ++i) {
    for (Index d : deps_[i]) dependents_[d].push_back(i);
  }
}

void Graph::propagate_labels() {
  const auto n = nodes_.size();
  labels_.assign(n, {});
  auto add = [&](Index i, const std::string& label) {
    auto& ls = labels_[i];
    if (std::find(ls.begin(), ls.end(), label) == ls.end()) ls.push_back(label);
  };
  for (Index i = 0; i < n; ++i) {
    const auto& declared = nodes_[i].branch_labels;
    if (declared.empty()) continue;
    // Down to every descendant through Revises (not through dependencies).
    std::vector<bool> seen(n, false);
    std::vector<Index> stack{i};
    while (!stack.empty()) {
      Index v = stack.back();
      stack.pop_back();
      if (seen[v]) continue;
      seen[v] = true;
      for (const auto& l : declared) add(v, l);
      for (Index c : children_[v]) stack.push_back(c);
    }
    // Up through ancestors until the nearest branch point or merge point. Alembic starts that walk
    // at the last descendant it visited, so it reaches i (and goes on above it) only when i's
    // descendants form one line without branch points or merge points.
    bool line = true;
    for (Index d = 0; d < n && line; ++d) {
      if (seen[d]) line = children_[d].size() + depended_on_[d] <= 1 && !is_merge_point(d);
    }
    if (!line) continue;
    Index v = i;
    while (true) {
      bool real_branch_point = children_[v].size() + depended_on_[v] > 1;
      if (real_branch_point || is_merge_point(v)) break;
      for (const auto& l : declared) add(v, l);
      if (parents_[v].empty()) break;
      v = parents_[v].front();
    }
  }
}

void Graph::compute_levels() {
  // Depth-first, children after their parents and dependencies; the graph is acyclic by now.
  const auto n = nodes_.size();
  constexpr auto kUnset = static_cast<std::uint32_t>(-1);
  level_.assign(n, kUnset);
  std::vector<std::pair<Index, bool>> stack;
  for (Index root = 0; root < n; ++root) {
    if (level_[root] != kUnset) continue;
    stack.push_back({root, false});
    while (!stack.empty()) {
      auto [v, expanded] = stack.back();
      stack.pop_back();
      if (level_[v] != kUnset) continue;
      if (!expanded) {
        stack.push_back({v, true});
        for (Index w : parents_[v]) {
          if (level_[w] == kUnset) stack.push_back({w, false});
        }
        for (Index w : deps_[v]) {
          if (level_[w] == kUnset) stack.push_back({w, false});
        }
        continue;
      }
      std::uint32_t level = 0;
      for (Index w : parents_[v]) level = std::max(level, level_[w] + 1);
      for (Index w : deps_[v]) level = std::max(level, level_[w] + 1);
      level_[v] = level;
    }
  }
}

/// ancestors(starts) as a question asks about it: found downwards in level order only as deep as
/// the question needs (every ancestor's level is lower), so a line of the topological walk, or a
/// planner step, costs what lies between, not the whole graph below (Alembic computes the whole set).
class LazyAncestors {
 public:
  LazyAncestors(const Graph& g, Index start) : g_(&g) { add(start); }
  LazyAncestors(const Graph& g, const std::vector<Index>& starts) : g_(&g) {
    for (Index v : starts) add(v);
  }

  [[nodiscard]] bool contains(Index c) {
    const auto floor = g_->level_[c];
    while (!frontier_.empty() && frontier_.top().first >= floor) {
      const Index v = frontier_.top().second;
      frontier_.pop();
      for (Index w : g_->parents_[v]) add(w);
      for (Index w : g_->deps_[v]) add(w);
    }
    // Everything found is an ancestor; every ancestor at c's level or above has been found.
    return found_.contains(c);
  }

 private:
  const Graph* g_;
  std::priority_queue<std::pair<std::uint32_t, Index>> frontier_;
  std::unordered_set<Index> found_;

  void add(Index v) {
    if (found_.insert(v).second) frontier_.push({g_->level_[v], v});
  }
};

void Graph::compute_order() {
  auto newest_first = topological(all(), real_heads());
  order_.assign(newest_first.rbegin(), newest_first.rend());
  rank_.assign(size(), 0);
  for (std::size_t r = 0; r < order_.size(); ++r) rank_[order_[r]] = r;
}

std::vector<Index> Graph::down_revisions(Index i) const {
  std::vector<Index> out = parents_[i];
  for (Index d : deps_[i]) {
    if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
  }
  return out;
}

std::vector<Index> Graph::topological(const RevSet& todo_in, const std::vector<Index>& heads) const {
  // Alembic's walk (RevisionMap._topological_sort), rule for rule, so that independent branches run
  // in the order Alembic runs them: a line is followed down until its next revision is still an
  // ancestor of another pending line, which is then walked first.
  RevSet todo = todo_in;
  std::vector<Index> current;
  for (Index h : heads) {
    if (todo.contains(h) && std::find(current.begin(), current.end(), h) == current.end()) current.push_back(h);
  }
  std::sort(current.begin(), current.end());
  std::vector<LazyAncestors> above;  // ancestors of each line's starting point (stale on purpose, as Alembic's)
  above.reserve(current.size());
  for (Index h : current) above.emplace_back(*this, h);
  std::vector<Index> out;
  std::vector<Index> next;  // reused: one walk step per revision, no allocation in the loop
  std::size_t at = 0;
  std::size_t guard = 0;
  const std::size_t limit = (size() + 1) * (size() + 1) * 4 + 64;
  while (!current.empty()) {
    if (++guard > limit) throw Error(ErrorCode::Internal, "topological walk did not finish");
    const Index candidate = current[at];
    bool switched = false;
    for (std::size_t j = 0; j < above.size(); ++j) {
      if (j != at && above[j].contains(candidate)) {
        at = j;
        switched = true;
        break;
      }
    }
    if (switched) continue;
    if (todo.contains(candidate)) {
      out.push_back(candidate);
      todo.erase(candidate);
    }
    // down_revisions(candidate) in its order: the parents, then dependencies that are not parents.
    next.clear();
    const auto& parents = parents_[candidate];
    auto consider = [&](Index d) {
      if (todo.contains(d) && std::find(current.begin(), current.end(), d) == current.end()) next.push_back(d);
    };
    for (Index d : parents) consider(d);
    for (Index d : deps_[candidate]) {
      if (std::find(parents.begin(), parents.end(), d) == parents.end() &&
          std::find(next.begin(), next.end(), d) == next.end())
        consider(d);
    }
    if (next.empty()) {
      current.erase(current.begin() + static_cast<long>(at));
      above.erase(above.begin() + static_cast<long>(at));
      at = at > 0 ? at - 1 : 0;
    } else if (deps_[candidate].empty() && parents_[candidate].size() == 1) {
      // Alembic also drops the candidate from this line's ancestors here. Only revisions still to
      // walk are ever looked up in them, and the candidate is walked, so that is left out.
      current[at] = next.front();
    } else {
      current[at] = next.front();
      above[at] = LazyAncestors(*this, next.front());
      for (std::size_t k = 1; k < next.size(); ++k) {
        current.push_back(next[k]);
        above.emplace_back(*this, next[k]);
      }
    }
  }
  if (!todo.empty()) {
    // Alembic asserts here: a revision of the set is not below any of the given heads.
    std::vector<std::string> left;
    for (Index i = 0; i < size(); ++i) {
      if (todo.contains(i)) left.push_back(nodes_[i].id);
    }
    throw Error(ErrorCode::Plan, fmt::format("Revisions {} are not below the requested end ({})", text::join(left, ", "),
                                             text::join(ids(heads), ", ")));
  }
  return out;
}

std::vector<Index> Graph::real_heads() const {
  std::vector<Index> out;
  for (Index i = 0; i < size(); ++i) {
    if (is_real_head(i)) out.push_back(i);
  }
  return out;
}

std::vector<Index> Graph::heads() const {
  std::vector<Index> out;
  for (Index i = 0; i < size(); ++i) {
    if (is_head(i)) out.push_back(i);
  }
  return out;
}

std::vector<Index> Graph::bases() const {
  std::vector<Index> out;
  for (Index i = 0; i < size(); ++i) {
    if (is_base(i)) out.push_back(i);
  }
  return out;
}

RevSet Graph::closure(const std::vector<Index>& revs, const std::vector<std::vector<Index>>& first,
                      const std::vector<std::vector<Index>>* second) const {
  RevSet set(size());
  std::vector<Index> stack(revs.begin(), revs.end());
  while (!stack.empty()) {
    Index v = stack.back();
    stack.pop_back();
    if (set.contains(v)) continue;
    set.insert(v);
    for (Index w : first[v]) stack.push_back(w);
    if (second) {
      for (Index w : (*second)[v]) stack.push_back(w);
    }
  }
  return set;
}

RevSet Graph::ancestors(const std::vector<Index>& revs) const { return closure(revs, parents_, &deps_); }

std::vector<bool> Graph::among_ancestors(const std::vector<Index>& from, const std::vector<Index>& targets) const {
  LazyAncestors below(*this, from);
  std::vector<bool> hit(targets.size(), false);
  for (std::size_t k = 0; k < targets.size(); ++k) hit[k] = below.contains(targets[k]);
  return hit;
}

RevSet Graph::descendants(const std::vector<Index>& revs) const { return closure(revs, children_, &dependents_); }

RevSet Graph::parent_ancestors(const std::vector<Index>& revs) const {
  return closure(revs, parents_, nullptr);
}

RevSet Graph::child_descendants(const std::vector<Index>& revs) const {
  return closure(revs, children_, nullptr);
}

std::vector<Index> Graph::ordered(const RevSet& set) const {
  std::vector<Index> out;
  for (Index v : order_) {
    if (set.contains(v)) out.push_back(v);
  }
  return out;
}

std::vector<Index> Graph::heads_of(const RevSet& set) const {
  std::vector<Index> out;
  for (Index v : order_) {
    if (!set.contains(v)) continue;
    bool covered = std::any_of(children_[v].begin(), children_[v].end(), [&](Index c) { return set.contains(c); }) ||
                   std::any_of(dependents_[v].begin(), dependents_[v].end(), [&](Index c) { return set.contains(c); });
    if (!covered) out.push_back(v);
  }
  return out;
}

RevSet Graph::all() const {
  RevSet set(size());
  for (Index i = 0; i < size(); ++i) set.insert(i);
  return set;
}

}  // namespace retort::revisions
