#pragma once
/// Fleets (SPEC §12): one command over many databases (a SQLite file per device or tenant, a
/// PostgreSQL database per customer), each target run exactly as if migrated alone (its own lock,
/// transaction and ledger), several at a time in one process.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retort/commands.hpp"

namespace retort::fleet {

/// One database of a fleet.
struct Target {
  std::string url;
  std::string name;  ///< what reports show: the URL with its password masked
};

/// Targets from a file: one URL per line, `${VAR}` expanded, blank lines and lines starting with
/// `#` skipped. Throws Error(Io) when the file cannot be read, Error(Config) naming the line of an
/// unset variable.
[[nodiscard]] std::vector<Target> targets_from_file(const std::filesystem::path& file);
/// SQLite files matching a glob pattern (`devices/*.db`), sorted; the retort lock files and
/// backups beside them are left out.
[[nodiscard]] std::vector<Target> targets_from_glob(const std::string& pattern);

/// What the values of a targets query name, when they are not URLs.
enum class QueryNames {
  Databases,  ///< a database per tenant, on the server of the query's URL
  Schemas,    ///< a schema per tenant, in the query's database: the URL gains `?search_path=`
};

/// Targets from a query run on `url` (PostgreSQL: `SELECT datname FROM pg_database WHERE ...`, or
/// a table of tenants): each value of its first column is a URL when it holds "://", else a
/// database (or schema) name on the same server as `url`.
[[nodiscard]] std::vector<Target> targets_from_query(const std::string& url, const std::string& sql,
                                                     QueryNames names = QueryNames::Databases);

enum class Command { Upgrade, Downgrade, Current, Check, Status };
/// "upgrade", "downgrade", "current", "check", "status"; throws Error(Usage) for another name.
[[nodiscard]] Command command_named(std::string_view name);

struct Options {
  std::string revision = "heads";  ///< upgrade / downgrade target
  unsigned jobs = 1;               ///< targets run at once
  bool fail_fast = false;          ///< after the first failure, start no other target
  std::size_t canary = 0;          ///< run the first N targets first; stop everything if one fails
  bool plan = false;               ///< upgrade / downgrade --plan: list what each would run
  CancelToken cancel;              ///< cancels the targets running and skips the rest
};

struct TargetResult {
  enum class State { Done, Failed, Skipped };
  Target target;
  State state = State::Skipped;
  /// The version rows before the command (empty: base); unset when they could not be read.
  std::optional<std::vector<std::string>> before;
  /// After it (a failed run: where the database was left); unset when they could not be read.
  std::optional<std::vector<std::string>> after;
  std::vector<StepInfo> steps;      ///< what ran (with plan: what would run)
  std::vector<std::string> pending;      ///< status: revisions not applied
  std::vector<std::string> differences;  ///< check: one line per difference (the target fails)
  std::chrono::milliseconds duration{0};
  std::string error;       ///< the error as `FAILED:` would print it
  std::string error_kind;  ///< ErrorCode name ("lock", "migration", "connection", ...)
};

struct Report {
  std::vector<TargetResult> targets;  ///< in the order the targets were given
  std::chrono::milliseconds duration{0};
  [[nodiscard]] std::size_t count(TargetResult::State state) const;
};

/// Hears about targets as they start and finish; calls come from worker threads, one at a time.
class Listener {
 public:
  virtual ~Listener() = default;
  virtual void started(const Target& target) { (void)target; }
  virtual void finished(const TargetResult& result) { (void)result; }
};

/// Runs `command` on every target with `options.jobs` workers. A target's failure never stops or
/// changes the others unless `fail_fast` or a failing canary says so; the targets not started
/// then are reported as skipped. `base` gives everything but the URL.
Report run(const Config& base, const std::vector<Target>& targets, Command command, const Options& options,
           Listener& listener);

}  // namespace retort::fleet
