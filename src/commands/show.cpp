#include <fmt/format.h>

#include "commands/entries.hpp"
#include "retort/error.hpp"

namespace retort {

std::vector<RevisionEntry> show(const Config& config, const std::string& revision) {
  runtime::Project project(config);
  const auto revs = commands::resolve_for_listing(project, revision);
  auto out = commands::make_entries(project, revs);
  project.scripts().load_sections(revs);
  for (std::size_t k = 0; k < revs.size(); ++k) {
    // What runs: the sections as written, from the first directive line on.
    const auto& script = project.scripts().script(revs[k]);
    if (script.sections.empty() || !script.text) continue;
    const auto& text = *script.text;
    std::size_t at = 0;
    for (int line = 1; line < script.sections.front().directive_line && at != std::string::npos; ++line) {
      at = text.find('\n', at);
      if (at != std::string::npos) ++at;
    }
    if (at != std::string::npos) out[k].sql = text.substr(at);
  }
  return out;
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
