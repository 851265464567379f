#pragma once
// MySQL and MariaDB: a MariaDB Connector/C connection, a statement splitter that knows routine
// bodies and DELIMITER, and a GET_LOCK migrator lock. DDL commits implicitly: the executor runs
// such blocks as it runs transaction:false ones and reports what stayed applied.

#include <mysql.h>

#include <functional>

#include "dialects/dialect.hpp"
#include "retort/error.hpp"

namespace retort::dialects::mysql {

[[nodiscard]] const Dialect& dialect();

/// Splits as the mysql client does (quotes, backticks, #, -- and /* */ comments, DELIMITER
/// lines, compound bodies of CREATE PROCEDURE / FUNCTION / TRIGGER / EVENT). Throws Error(Parse)
/// naming the line of an unclosed quote or comment.
[[nodiscard]] std::vector<Statement> split(std::string_view script, int first_line);

/// Opens a connection for `url` (`?charset=`, default utf8mb4; `?unix_socket=`;
/// `?connect_timeout=`); throws Error(Url) for another parameter, Error(Database) when the
/// server refuses.
[[nodiscard]] MYSQL* open(const Url& url, const ConnectOptions& options);

/// The server's error on `conn` as retort::Error: message, error number and SQLSTATE.
[[nodiscard]] Error server_error(MYSQL* conn, std::string_view sql, int line);

[[nodiscard]] std::unique_ptr<MigratorLock> lock_migrator(const Url& url, const std::string& key,
                                                          const ConnectOptions& options);
/// The migrator lock on a session the caller owns (GET_LOCK is the session's), released at the end.
[[nodiscard]] std::unique_ptr<MigratorLock> lock_on(MYSQL* borrowed, const std::string& key,
                                                    const ConnectOptions& options);
/// mysql://user@host:port/db of a connection the caller opened (no password).
[[nodiscard]] Url url_of(MYSQL* conn);

class MysqlConnection final : public Connection {
 public:
  MysqlConnection(const Url& url, const ConnectOptions& options);
  /// A connection the caller opened and keeps: never closed; the session settings retort changes
  /// are put back. Throws Error(Usage) when it is inside a transaction.
  MysqlConnection(MYSQL* borrowed, const ConnectOptions& options);
  ~MysqlConnection() override;
  MysqlConnection(const MysqlConnection&) = delete;
  MysqlConnection& operator=(const MysqlConnection&) = delete;

  void run_script(std::string_view script, int first_line, const StatementCallback& on_statement) override;
  long long execute(std::string_view sql) override;
  std::vector<Row> query(std::string_view sql) override;
  bool table_exists(const std::string& schema, const std::string& table) override;
  void begin() override;
  void commit() override;
  void rollback() override;
  /// The server's own flag: false again after a DDL statement committed implicitly.
  [[nodiscard]] bool in_transaction() const override;

 private:
  /// Runs `sql`, draining every result a CALL may return; throws the server's error.
  long long run(std::string_view sql, int line);
  /// Sends `sql` and reads every result it returns, handing each result set to `on_result`;
  /// returns the rows changed.
  long long drain(std::string_view sql, int line, const std::function<void(MYSQL_RES*)>& on_result);
  /// The config's session settings (lock_timeout, statement_timeout).
  void apply(const ConnectOptions& options);
  MYSQL* conn_;
  bool owned_ = true;
  std::vector<std::pair<std::string, std::string>> restore_;  // borrowed: setting -> value it had
};

/// A string literal as MySQL reads it without NO_BACKSLASH_ESCAPES: quotes doubled, backslashes
/// escaped.
[[nodiscard]] std::string literal(std::string_view s);
/// A name between backticks, as mysqldump writes every name: MySQL's reserved words are not the
/// standard's, and grow with each release.
[[nodiscard]] std::string backticked(std::string_view name);

[[nodiscard]] const Inspector& inspector();
[[nodiscard]] const Renderer& renderer();
/// A database created on the server of `dev_url`, or else of `target`, for one run and dropped
/// afterwards, with the default character set and collation of the database it is created from.
[[nodiscard]] std::unique_ptr<Scratch> scratch(const Url& target, const std::string& dev_url,
                                               const ConnectOptions& options);

/// True when every statement of `statements` only reads or writes rows (INSERT, UPDATE, DELETE,
/// REPLACE, SELECT, SET, ...): a block that MySQL can run in one transaction.
[[nodiscard]] bool data_only(const std::vector<Statement>& statements);

}  // namespace retort::dialects::mysql
