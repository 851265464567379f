#pragma once
// A migration file as parsed (SPEC §3).

#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "revision/graph.hpp"

namespace retort::migrations {

enum class Direction { Upgrade, Downgrade };

/// One `-- migrate:upgrade` / `-- migrate:downgrade` section (a block of its direction).
struct Section {
  Direction direction = Direction::Upgrade;
  std::string dialect;        ///< empty: every dialect
  bool transactional = true;  ///< false with `transaction:false`
  std::string_view body;      ///< the SQL text after the directive line, in its Script's `text`
  int first_line = 0;         ///< line number (1-based) of the body's first line in the file
  int directive_line = 0;
};

/// One migration file.
struct Script {
  revisions::RevisionNode node;  ///< id, parents, labels, dependencies, source path
  std::string message;           ///< first paragraph of the header comment
  std::string create_date;
  std::string header;  ///< the header comment block without its "-- " prefixes
  std::vector<Section> sections;
  /// The file's text, which the sections' bodies view: one copy of a file however large (a data
  /// migration may be 100 MB), shared by copies of the Script.
  std::shared_ptr<const std::string> text;
  bool complete = true;  ///< false for a header from the cache: sections not loaded yet

  /// The blocks to run for `dialect` and `direction`, in file order: the dialect's own sections
  /// when the file has any for that direction, else the generic ones (SPEC §3: a direction may
  /// hold several blocks, each with its own transaction mode, like Alembic's autocommit_block()).
  [[nodiscard]] std::vector<const Section*> blocks(Direction direction, const std::string& dialect) const;
  /// The first of blocks(), or nullptr when the file has none for that direction and dialect.
  [[nodiscard]] const Section* section(Direction direction, const std::string& dialect) const;
  /// True when the file has an upgrade section usable on `dialect` but no downgrade section.
  [[nodiscard]] bool irreversible(const std::string& dialect) const;
};

/// Parses file `path` with contents `text`; throws retort::Error(Parse) naming the file and line.
/// Takes `text` over (line endings made "\n").
[[nodiscard]] Script parse_script(const std::string& path, std::string text);

}  // namespace retort::migrations
