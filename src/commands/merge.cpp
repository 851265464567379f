#include <fmt/format.h>
#include <algorithm>

#include "commands/new_revision.hpp"
#include "retort/error.hpp"
#include "revision/identifiers.hpp"

namespace retort {

namespace fs = std::filesystem;
using commands::Index;

RevisionEntry merge(const Config& config, const MergeOptions& options, EventSink& sink) {
  commands::require_files(config, "merge");
  runtime::Project project(config);
  const auto& g = project.graph();
  revisions::Resolver resolver(g);
  if (options.revisions.empty()) throw Error(ErrorCode::Usage, "merge needs the revisions to merge, e.g. 'heads'");
  std::vector<Index> parents;
  for (const auto& r : options.revisions) {
    for (auto i : resolver.resolve(r).revisions) {
      if (std::find(parents.begin(), parents.end(), i) != parents.end()) {
        throw Error(ErrorCode::Usage, fmt::format("Duplicate head revisions specified: {}", g.id(i)));
      }
      parents.push_back(i);
    }
  }
  if (parents.empty()) throw Error(ErrorCode::Plan, "Nothing to merge: the revisions resolve to base");
  // A parent that is an ancestor of another parent would make the merge meaningless.
  for (auto a : parents) {
    for (auto b : parents) {
      if (a != b && g.ancestors({b}).contains(a)) {
        throw Error(ErrorCode::Plan,
                    fmt::format("Requested revision {} overlaps with other requested revisions {}", g.id(a), g.id(b)));
      }
    }
  }
  migrations::NewRevision rev;
  rev.id = commands::new_revision_id(g, options.rev_id, options.branch_labels);
  rev.message = options.message;
  rev.parents = g.ids(parents);
  rev.branch_labels = options.branch_labels;
  auto dir = commands::version_dir(project, std::nullopt, parents);
  return commands::write_new(project, dir, rev, sink);
}

}  // namespace retort
