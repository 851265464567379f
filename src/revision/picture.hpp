#pragma once
// Pictures of the revision graph (pure): Graphviz DOT or Mermaid text, drawn from the graph alone.

#include <string>
#include <vector>

#include "revision/graph.hpp"

namespace retort::revisions {

enum class PictureFormat { Dot, Mermaid };

/// Parses "dot" / "mermaid"; throws Error(Usage) naming the known formats.
[[nodiscard]] PictureFormat picture_format(const std::string& name);

/// The revision graph: one node per revision (id, message, labels, and marks for base, head,
/// branch point, merge point and current), an edge from each parent to its child and a dashed one
/// from each dependency to its dependent. `messages` is indexed like the graph; `current` holds the
/// database's revisions, empty when no database was read.
[[nodiscard]] std::string draw_graph(const Graph& g, const std::vector<std::string>& messages,
                                     const std::vector<Index>& current, PictureFormat format);

}  // namespace retort::revisions
