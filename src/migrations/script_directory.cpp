#include "migrations/script_directory.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::migrations {

namespace fs = std::filesystem;

namespace {

bool is_migration_file(const fs::path& p) {
  auto name = p.filename().string();
  if (p.extension() != ".sql") return false;
  if (name.starts_with(".#") || name.starts_with(".") || name.ends_with("~")) return false;
  return true;
}

}  // namespace

std::vector<fs::path> discover(const Config& config) {
  std::vector<fs::path> files;
  for (const auto& dir : config.versions_dirs()) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      throw Error(ErrorCode::Config,
                  fmt::format("Version location {} does not exist; create it or fix 'script_location' / "
                              "'version_locations' in the config",
                              dir.string()))
          .at_file(config.config_file.string());
    }
    auto add = [&](const fs::directory_entry& e) {
      if (e.is_regular_file() && is_migration_file(e.path())) files.push_back(e.path());
    };
    if (config.recursive_version_locations) {
      for (const auto& e : fs::recursive_directory_iterator(dir)) add(e);
    } else {
      for (const auto& e : fs::directory_iterator(dir)) add(e);
    }
  }
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    auto fa = a.filename().string(), fb = b.filename().string();
    return fa != fb ? fa < fb : a < b;
  });
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

ScriptDirectory ScriptDirectory::load(const Config& config) {
  std::vector<Script> scripts;
  for (const auto& file : discover(config)) {
    auto path = file.string();
    scripts.push_back(parse_script(path, text::read_file(path)));
  }
  return from_scripts(std::move(scripts));
}

ScriptDirectory ScriptDirectory::from_scripts(std::vector<Script> scripts) {
  ScriptDirectory dir;
  std::vector<revisions::RevisionNode> nodes;
  nodes.reserve(scripts.size());
  for (const auto& s : scripts) nodes.push_back(s.node);
  dir.graph_ = revisions::Graph::build(std::move(nodes));
  dir.scripts_ = std::move(scripts);
  return dir;
}

}  // namespace retort::migrations
