#include <algorithm>

#include "commands/entries.hpp"

namespace retort {

std::vector<RevisionEntry> heads(const Config& config, bool resolve_dependencies) {
  runtime::Project project(config);
  const auto& g = project.graph();
  return commands::make_entries(project, resolve_dependencies ? g.real_heads() : g.heads());
}

std::vector<BranchEntry> branches(const Config& config) {
  runtime::Project project(config);
  const auto& g = project.graph();
  std::vector<BranchEntry> out;
  const auto& order = g.order();
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (!g.is_branch_point(*it)) continue;
    BranchEntry entry{commands::make_entry(project, *it), {}};
    // In file order: Alembic lists them in a set's order, which is no order at all.
    entry.children = commands::make_entries(project, g.children(*it));
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace retort
