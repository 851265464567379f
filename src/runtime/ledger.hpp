#pragma once
// The ledger (SPEC §12): one row per step beside the version table, written in the step's own
// transaction, so a rolled-back run leaves no row. SQL is rendered without a connection, for the
// offline script too.

#include <optional>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"
#include "retort/commands.hpp"

namespace retort::runtime {

class Ledger {
 public:
  Ledger(const dialects::Dialect& dialect, std::string schema, std::string name);

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] std::string qualified() const;
  [[nodiscard]] std::string create_sql() const;
  [[nodiscard]] bool exists(dialects::Connection& conn) const;
  void ensure(dialects::Connection& conn) const;
  /// Inserts `entry` (the database numbers it); an empty started_at / finished_at is the
  /// database's now (offline scripts).
  [[nodiscard]] std::string insert_sql(const LedgerEntry& entry) const;
  /// Inserts `entries` in order with one statement (a multi-row VALUES list).
  [[nodiscard]] std::string insert_sql(const std::vector<LedgerEntry>& entries) const;
  /// Completes the newest `started` row of the entry's revision (the running step's: the migrator
  /// lock makes it ours).
  [[nodiscard]] std::string finish_sql(const LedgerEntry& entry) const;
  /// Records how many statements of the running step's `started` row have run: where DDL commits
  /// as it goes (MySQL), a killed run's row says how far it got.
  [[nodiscard]] std::string progress_sql(const std::string& revision, long long statements_run) const;
  /// Every row, oldest first; nothing when the table does not exist.
  [[nodiscard]] std::vector<LedgerEntry> entries(dialects::Connection& conn) const;
  /// The last row written, if any.
  [[nodiscard]] std::optional<LedgerEntry> newest(dialects::Connection& conn) const;

 private:
  /// One entry's parenthesised VALUES tuple.
  [[nodiscard]] std::string values(const LedgerEntry& entry) const;
  [[nodiscard]] std::vector<LedgerEntry> read(dialects::Connection& conn, const std::string& order) const;
  const dialects::Dialect& dialect_;
  std::string schema_;
  std::string name_;
};

/// What the ledger records about where and by whom a step runs.
struct RunContext {
  std::string host, os_user;
};
[[nodiscard]] const RunContext& run_context();
/// Now, UTC, ISO 8601 with milliseconds.
[[nodiscard]] std::string utc_now();

}  // namespace retort::runtime
