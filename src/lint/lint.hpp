#pragma once
// Lint: rules over a migration's statements and their execution context (SPEC §9: pure, no
// I/O). The caller splits the statements, knows the dialect and server version, and may replay
// the history to say what the schema is before each statement; the rules only read.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "schema/model.hpp"

namespace retort::linter {

enum class Severity { Warning, Error };
[[nodiscard]] std::string_view severity_name(Severity s);

/// A rule as the docs and `--json` list it.
struct Rule {
  std::string_view id;
  Severity severity;
  std::string_view dialects;  ///< "postgresql", "sqlite", "mysql", or several joined by ", "
  std::string_view why;       ///< why it matters
  std::string_view instead;   ///< the safe alternative
};
[[nodiscard]] const std::vector<Rule>& rules();
[[nodiscard]] const Rule* find_rule(std::string_view id);

struct Finding {
  std::string rule;
  Severity severity = Severity::Error;
  int line = 0;         ///< of the statement's first token in its file
  std::string message;  ///< what this statement does, naming its objects
  std::string why, instead;
  std::string statement;  ///< the statement's first line, for output
};

struct Statement {
  std::string sql;
  int line = 0;  ///< the file line `sql` starts on
  bool transactional = true;  ///< its block runs in a transaction
  int block = 0;  ///< which block of the file's direction it is in (0, 1, ...)
};

/// What the rules know about where the statements run.
struct Context {
  std::string dialect;      ///< "postgresql", "sqlite", "mysql"
  int server_version = 0;   ///< PostgreSQL's server_version_num (150004), 0 when unknown
  bool lock_timeout_configured = false;  ///< the config's lock_timeout applies to the run
};

/// The schema just before a statement runs, where the caller knows it (SQLite replays the
/// history in memory); nullptr when it does not. Called only by rules that need it.
using SchemaBefore = std::function<const schema::Schema*()>;

/// Lints one migration file: its statements in run order for one dialect and direction.
class FileLinter {
 public:
  /// `file_text` is the whole file, for its `-- lint:ignore <rule>` comments.
  FileLinter(std::string_view file_text, Context context);
  ~FileLinter();
  FileLinter(const FileLinter&) = delete;
  FileLinter& operator=(const FileLinter&) = delete;

  void statement(const Statement& s, const SchemaBefore& before = {});
  /// `s` failed with `message` when the caller replayed it on the schema the history builds.
  void failed(const Statement& s, std::string_view message);
  /// The findings by line, those a `-- lint:ignore` comment names left out.
  [[nodiscard]] std::vector<Finding> finish();

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace retort::linter
