#pragma once
// SQLite: connection (sqlite3 C API), statement splitter and dialect facts.

#include <sqlite3.h>

#include <chrono>
#include <filesystem>

#include "dialects/dialect.hpp"

namespace retort::dialects::sqlite {

[[nodiscard]] const Dialect& dialect();

/// Reads an SQLite database into the schema model (sqlite_master and the pragma_* functions).
[[nodiscard]] const Inspector& inspector();

/// Renders changes as SQLite statements, with the table rebuild where ALTER TABLE falls short.
[[nodiscard]] const Renderer& renderer();

/// Splits by SQLite's own tokenizer (sqlite3_complete), so triggers and quoted ';' stay whole.
[[nodiscard]] std::vector<Statement> split(std::string_view script, int first_line);
/// One past the ';' that ends the statement starting at `from` (as sqlite3_complete() decides);
/// npos when it does not end (an unterminated string or comment, or no final ';').
[[nodiscard]] std::size_t statement_end(std::string_view script, std::size_t from);
/// The first statement of `script`, without its ';' (for messages).
[[nodiscard]] std::string first_statement(std::string_view script);

/// What a borrowed connection has open, as a URL: `sqlite://` for a database in memory.
[[nodiscard]] Url url_of(sqlite3* db);

/// Consistent copies of the database file while others read, and putting one back (the online
/// backup API).
[[nodiscard]] const FileBackups& file_backups();

/// The migrator lock: flock on `<database>.retort-lock`.
[[nodiscard]] std::unique_ptr<MigratorLock> lock_migrator(const Url& url, const ConnectOptions& options);

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const Url& url, const ConnectOptions& options);
  /// The caller's connection (Dialect::borrow): its busy handler stays, foreign-key enforcement
  /// is off while this object lives (a rebuild must not cascade) and put back after.
  SqliteConnection(sqlite3* db, const Url& url, const ConnectOptions& options);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  void run_script(std::string_view script, int first_line, const StatementCallback& on_statement) override;
  long long execute(std::string_view sql) override;
  std::vector<Row> query(std::string_view sql) override;
  bool table_exists(const std::string& schema, const std::string& table) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  [[nodiscard]] bool in_transaction() const override;

 private:
  sqlite3* db_ = nullptr;
  std::string shown_;  // the URL with the password masked, for messages
  ConnectOptions options_;
  std::chrono::steady_clock::time_point wait_started_{};
  bool waiting_ = false;
  bool owned_ = true;
  bool restore_foreign_keys_ = false;

  static int on_busy(void* self, int attempt);
};

}  // namespace retort::dialects::sqlite
