#pragma once
// The script directory: discovers and parses migration files and builds the revision graph.

#include <filesystem>
#include <string>
#include <vector>

#include "migrations/script.hpp"
#include "retort/config.hpp"
#include "revision/graph.hpp"

namespace retort::migrations {

class ScriptDirectory {
 public:
  /// Reads every migration file of `config`; throws on a malformed file or a broken graph.
  static ScriptDirectory load(const Config& config);
  /// Builds from already parsed scripts (embedded migrations, tests).
  static ScriptDirectory from_scripts(std::vector<Script> scripts);

  [[nodiscard]] const revisions::Graph& graph() const { return graph_; }
  [[nodiscard]] const Script& script(revisions::Index i) const { return scripts_[i]; }
  [[nodiscard]] std::size_t size() const { return scripts_.size(); }

 private:
  std::vector<Script> scripts_;
  revisions::Graph graph_;
};

/// The `*.sql` files of the version directories, in file-name order (editor droppings skipped).
[[nodiscard]] std::vector<std::filesystem::path> discover(const Config& config);

}  // namespace retort::migrations
