#pragma once
// Graphs used across the pure-layer tests, written compactly.

#include <string>
#include <vector>

#include "revision/graph.hpp"
#include "support/text.hpp"

namespace retort::test {

/// "id: parent1 parent2 | label1 | dep1 dep2" (parts after '|' optional).
inline revisions::RevisionNode node(const std::string& spec) {
  revisions::RevisionNode n;
  auto colon = spec.find(':');
  n.id = std::string(text::trim(spec.substr(0, colon)));
  auto parts = text::split(spec.substr(colon + 1), '|', true, false);
  auto words = [](const std::string& s) { return text::split(s, ' '); };
  if (!parts.empty()) n.down_revisions = words(parts[0]);
  if (parts.size() > 1) n.branch_labels = words(parts[1]);
  if (parts.size() > 2) n.depends_on = words(parts[2]);
  n.source = "versions/" + n.id + ".sql";
  return n;
}

inline revisions::Graph graph(const std::vector<std::string>& specs) {
  std::vector<revisions::RevisionNode> nodes;
  for (const auto& s : specs) nodes.push_back(node(s));
  return revisions::Graph::build(std::move(nodes));
}

inline std::vector<std::string> ids(const revisions::Graph& g, const std::vector<revisions::Index>& revs) {
  std::vector<std::string> out;
  for (auto r : revs) out.push_back(g.id(r));
  return out;
}

/// a <- b <- c
inline revisions::Graph linear() { return graph({"a1: ", "b2: a1", "c3: b2"}); }

/// Alembic's tutorial graph: a branch point, a merge and one more revision.
inline revisions::Graph merged() {
  return graph({"aaa111: ", "bbb222: aaa111", "ccc333: aaa111", "ddd444: ccc333 bbb222", "eee555: ddd444"});
}

/// Two branches, no merge.
inline revisions::Graph branched() { return graph({"aaa111: ", "bbb222: aaa111", "ccc333: aaa111"}); }

/// Alembic's multiple-bases example: labels, a second base and a dependency (files in id order).
inline revisions::Graph multibase() {
  return graph({"109ec7d132bf: 3cac04ae8714", "1975ea83b712: ", "27c6a30d7c24: 1975ea83b712 | shoppingcart",
                "2a95102259be: 109ec7d132bf | | ae1027a6acf", "3cac04ae8714: | networking",
                "ae1027a6acf: 1975ea83b712"});
}

}  // namespace retort::test
