#include "migrations/script_directory.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <exception>
#include <thread>

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
  // File-name order; the names are computed once, not in every comparison.
  std::vector<std::pair<std::string, fs::path>> keyed;
  keyed.reserve(files.size());
  for (auto& f : files) keyed.emplace_back(f.filename().string(), std::move(f));
  std::sort(keyed.begin(), keyed.end());
  keyed.erase(std::unique(keyed.begin(), keyed.end()), keyed.end());
  files.clear();
  for (auto& [name, path] : keyed) files.push_back(std::move(path));
  return files;
}

ScriptDirectory ScriptDirectory::load(const Config& config) {
  const auto files = discover(config);
  std::vector<Script> scripts(files.size());
  std::vector<std::exception_ptr> errors(files.size());
  auto parse_range = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      try {
        auto path = files[i].string();
        scripts[i] = parse_script(path, text::read_file(path));
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  // Reading and parsing thousands of files is the cost of every command on a large project; two
  // threads halve it. Small projects stay on one thread.
  if (files.size() >= 512) {
    std::thread helper(parse_range, 0, files.size() / 2);
    parse_range(files.size() / 2, files.size());
    helper.join();
  } else {
    parse_range(0, files.size());
  }
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);  // the first broken file in file order, whatever thread saw it
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
