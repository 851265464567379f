#pragma once
// PostgreSQL: libpq connection, libpg_query statement splitter, advisory-lock migrator lock.

#include <libpq-fe.h>

#include "dialects/dialect.hpp"

namespace retort::dialects::postgres {

[[nodiscard]] const Dialect& dialect();
/// Reads a schema with whole-schema catalog queries.
[[nodiscard]] const Inspector& inspector();
/// A temporary schema in dev_url (dropped afterwards), or, without dev_url, one created inside a
/// transaction on the target that is always rolled back.
[[nodiscard]] std::unique_ptr<Scratch> scratch(const Url& target, const std::string& dev_url,
                                               const ConnectOptions& options, bool autocommit);
/// The schemas on the connection's search path that hold extensions (public, usually), quoted
/// and in path order: their objects resolve and print unqualified.
[[nodiscard]] std::vector<std::string> extension_schemas(Connection& conn);
/// Renders changes as ALTER TABLE and friends.
[[nodiscard]] const Renderer& renderer();

/// Splits with libpg_query's scanner (dollar quotes, function bodies, BEGIN ATOMIC).
/// Throws Error(Parse) with the line of a scanner error.
[[nodiscard]] std::vector<Statement> split(std::string_view script, int first_line);

/// Opens a libpq connection for `url` (query parameters become libpq keywords); throws Error.
[[nodiscard]] PGconn* open(const Url& url, const ConnectOptions& options);
/// The libpq `options` switch that sets the session's search_path (the URL's `?search_path=`,
/// one schema per tenant).
[[nodiscard]] std::string search_path_option(const std::string& path);

/// The advisory-lock key for a version table: a stable 64-bit hash of its qualified name.
[[nodiscard]] long long lock_key(const std::string& qualified_name);

[[nodiscard]] std::unique_ptr<MigratorLock> lock_migrator(const Url& url, const std::string& key,
                                                          const ConnectOptions& options);
/// The same lock taken on a session the caller owns, released (not closed) at the end.
[[nodiscard]] std::unique_ptr<MigratorLock> lock_on(PGconn* conn, const std::string& key,
                                                    const ConnectOptions& options);
/// What a borrowed session is connected to, as a URL (no password).
[[nodiscard]] Url url_of(PGconn* conn);

class PostgresConnection final : public Connection {
 public:
  PostgresConnection(const Url& url, const ConnectOptions& options);
  /// The caller's session (Dialect::borrow): lock_timeout and statement_timeout from the config
  /// apply while this object lives and are put back after; it is never closed.
  PostgresConnection(PGconn* conn, const ConnectOptions& options);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  void run_script(std::string_view script, int first_line, const StatementCallback& on_statement) override;
  long long execute(std::string_view sql) override;
  std::vector<Row> query(std::string_view sql) override;
  bool table_exists(const std::string& schema, const std::string& table) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  [[nodiscard]] bool in_transaction() const override;

 private:
  void run_statements(const std::vector<Statement>& statements, bool was_in_transaction,
                      const StatementCallback& on_statement);
  void apply_timeouts(const ConnectOptions& options);
  PGconn* conn_ = nullptr;
  bool owned_ = true;
  std::vector<std::pair<std::string, std::string>> restore_;  // settings to put back on a borrowed session
};

}  // namespace retort::dialects::postgres
