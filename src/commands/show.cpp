#include <fmt/format.h>

#include "commands/entries.hpp"
#include "retort/error.hpp"

namespace retort {

std::vector<RevisionEntry> show(const Config& config, const std::string& revision) {
  runtime::Project project(config);
  return commands::make_entries(project, commands::resolve_for_listing(project, revision));
}

std::vector<std::filesystem::path> edit_paths(const Config& config, const std::string& revision) {
  commands::require_files(config, "edit");
  runtime::Project project(config);
  auto revs = commands::resolve_for_listing(project, revision);
  if (revs.empty()) {
    throw Error(ErrorCode::Resolve, revision == "current"
                                        ? std::string("No current revisions")
                                        : fmt::format("No revision files indicated by symbol '{}'", revision));
  }
  std::vector<std::filesystem::path> out;
  for (auto r : revs) out.emplace_back(project.graph().node(r).source);
  return out;
}

}  // namespace retort
