#pragma once
/// The one error type of retort: a message plus the context a user needs to act on it.

#include <optional>
#include <stdexcept>
#include <string>

namespace retort {

/// What kind of failure an Error reports; decides the CLI exit code.
enum class ErrorCode {
  Usage,      ///< bad command-line usage (exit 2)
  Config,     ///< configuration file or values
  Url,        ///< malformed database URL
  Parse,      ///< malformed migration file
  Graph,      ///< broken revision graph (missing parent, cycle, duplicate id or label)
  Resolve,    ///< a revision identifier that cannot be resolved
  Plan,       ///< a target that cannot be reached from the current state
  Database,   ///< the database refused a statement or a connection
  Lock,       ///< another migrator held the lock for longer than migrator_wait
  Migration,  ///< a migration statement failed
  Io,         ///< reading or writing files
  Internal,   ///< a broken invariant inside retort (a bug)
  Cancelled,  ///< the caller cancelled the run (RunOptions::cancel); it was rolled back as a failure is
};

/// "usage", "config", ..., "cancelled": stable names for logs and JSON.
[[nodiscard]] const char* to_string(ErrorCode code) noexcept;

/// A user-facing error carrying context: revision, file:line, statement, SQLSTATE, dialect.
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message);

  [[nodiscard]] ErrorCode code() const noexcept { return code_; }
  [[nodiscard]] const std::string& message() const noexcept { return message_; }
  [[nodiscard]] const std::string& revision() const noexcept { return revision_; }
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] int line() const noexcept { return line_; }
  [[nodiscard]] const std::string& statement() const noexcept { return statement_; }
  [[nodiscard]] const std::string& sqlstate() const noexcept { return sqlstate_; }
  [[nodiscard]] const std::string& dialect() const noexcept { return dialect_; }

  Error& at_revision(std::string revision);
  Error& at_file(std::string file, int line = 0);
  /// Sets the line when none is known yet (the file may come later).
  Error& at_line(int line);
  Error& with_statement(std::string statement);
  Error& with_sqlstate(std::string sqlstate);
  Error& with_dialect(std::string dialect);

  /// A copy with another code and message, keeping every piece of context.
  [[nodiscard]] Error reworded(ErrorCode code, std::string message) const;

  /// The message followed by one indented line per piece of context.
  [[nodiscard]] std::string describe() const;

 private:
  ErrorCode code_;
  std::string message_;
  std::string revision_;
  std::string file_;
  int line_ = 0;
  std::string statement_;
  std::string sqlstate_;
  std::string dialect_;
};

/// Exit codes of the command line (SPEC §5).
namespace exit_code {
inline constexpr int ok = 0;
inline constexpr int error = 1;
inline constexpr int usage = 2;
inline constexpr int differences = 3;
inline constexpr int interrupted = 130;  ///< a fleet stopped by Ctrl-C (128 + SIGINT, as shells report it)
}  // namespace exit_code

}  // namespace retort
