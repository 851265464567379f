#pragma once
// The script directory: discovers and parses migration files and builds the revision graph.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "migrations/script.hpp"
#include "retort/config.hpp"
#include "retort/embedded.hpp"
#include "revision/graph.hpp"

namespace retort::migrations {

class ScriptDirectory {
 public:
  /// Reads every migration file of `config`; throws on a malformed file or a broken graph.
  static ScriptDirectory load(const Config& config);
  /// Builds from already parsed scripts (embedded migrations, tests).
  static ScriptDirectory from_scripts(std::vector<Script> scripts);

  [[nodiscard]] const revisions::Graph& graph() const { return graph_; }
  /// Header fields only (id, parents, labels, message, path): what listings need.
  [[nodiscard]] const Script& script(revisions::Index i) const;
  /// Script i taken out (for a command about to discard the directory) without its node, which
  /// graph() keeps; its place is left empty.
  [[nodiscard]] Script release(revisions::Index i);
  /// The whole script with its sections, read from its file when only the header was cached.
  [[nodiscard]] const Script& with_sections(revisions::Index i) const;
  /// Reads the sections of every script in `revs` that only has its header (in parallel), so a
  /// run does not stop at each step to read a file.
  void load_sections(const std::vector<revisions::Index>& revs) const;
  [[nodiscard]] std::size_t size() const { return scripts_.size(); }
  /// True when script i's whole text came with the header cache (with_sections opens no file).
  [[nodiscard]] bool text_cached(revisions::Index i) const { return i < cached_texts_.size() && !cached_texts_[i].empty(); }

 private:
  void take_details(revisions::Index i) const;

  // Headers from the cache are completed on demand; nodes are the graph's until looked at.
  mutable std::vector<Script> scripts_;
  // Messages and header comments still in the header cache, by revision (empty: in scripts_).
  mutable std::vector<std::string_view> details_;
  revisions::Graph graph_;
  std::vector<std::string_view> cached_texts_;  // whole texts the header cache kept, by revision
  std::shared_ptr<void> keep_texts_;            // the mapped cache they and details_ view
};

/// How messages name a file compiled in: its path in the project, and the set's name.
[[nodiscard]] std::string embedded_path(const EmbeddedSet& set, const EmbeddedFile& file);

/// The `*.sql` files of the version directories, in file-name order (hidden files and editor
/// droppings skipped).
[[nodiscard]] std::vector<std::string> discover(const Config& config);

}  // namespace retort::migrations
