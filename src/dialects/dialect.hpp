#pragma once
// The capability interfaces every dialect implements. Algorithms live elsewhere and ask these
// narrow questions; adding a dialect is one folder and one line in registry.cpp.

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diff/differ.hpp"
#include "retort/url.hpp"
#include "schema/model.hpp"
#include "support/text.hpp"

namespace retort::dialects {

/// One statement of a script, with the file line it starts on.
struct Statement {
  std::string sql;
  int line = 0;
};

/// Called after each statement a connection runs.
using StatementCallback = std::function<void(const Statement&, std::chrono::nanoseconds)>;

struct ConnectOptions {
  std::chrono::milliseconds wait{std::chrono::minutes(5)};  ///< how long to wait for locks
  std::string application_name = "retort";
  /// False for read-only commands: a database that does not exist is not created (it reads as empty).
  bool create = true;
  /// Called once when the connection starts waiting for another process's lock.
  std::function<void(const std::string&)> on_wait;
  /// Session settings for migration statements (PostgreSQL); empty = server default.
  std::string lock_timeout;
  std::string statement_timeout;
};

/// The one-migrator-at-a-time lock, held for a whole run (SPEC §6). Released by the destructor,
/// or by the operating system / server when the process dies.
class MigratorLock {
 public:
  virtual ~MigratorLock() = default;
};

/// A live connection (RAII: closing happens in the destructor).
class Connection {
 public:
  virtual ~Connection() = default;
  /// Runs every statement of `script`, whose first line is line `first_line` of its file.
  /// Throws Error(Migration) carrying the line, the statement and the database's message.
  virtual void run_script(std::string_view script, int first_line, const StatementCallback& on_statement) = 0;
  /// Runs one statement and returns the number of rows it changed.
  virtual long long execute(std::string_view sql) = 0;
  /// Runs a query and returns its first column as text.
  [[nodiscard]] std::vector<std::string> query_column(std::string_view sql);
  /// Runs a query and returns every row; NULL is an empty optional.
  using Row = std::vector<std::optional<std::string>>;
  virtual std::vector<Row> query(std::string_view sql) = 0;
  virtual bool table_exists(const std::string& schema, const std::string& table) = 0;
  /// Starts a transaction that holds the write lock from the start (SQLite: BEGIN IMMEDIATE).
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  [[nodiscard]] virtual bool in_transaction() const = 0;
};

/// What an inspection reads and leaves out.
struct InspectOptions {
  std::vector<std::string> exclude_tables;  ///< the version table, the ledger
  /// PostgreSQL: the default schema, read as unqualified names; empty = current_schema().
  std::string schema;
  /// PostgreSQL: further schemas to read, each as the name it has in the database -> the name to
  /// report (they differ in a scratch database). Expressions naming one are reported likewise.
  std::map<std::string, std::string> schemas;
  /// PostgreSQL: the schemas holding extensions whose objects print unqualified (quoted), as the
  /// scratch found them on its path before a script could change it; unset = those on the
  /// connection's search path.
  std::optional<std::vector<std::string>> extension_schemas{};
  /// PostgreSQL: extensions to leave out — a dev_url database's own, which neither the target nor
  /// the scripts run in its scratch created.
  std::vector<std::string> ignore_extensions{};
};

/// Reads a live database into the schema model, with few queries.
class Inspector {
 public:
  virtual ~Inspector() = default;
  [[nodiscard]] virtual schema::Schema inspect(Connection& conn, const InspectOptions& options) const = 0;
  /// The server's version, which decides how it normalises what it reflects.
  [[nodiscard]] virtual std::string server_version(Connection& conn) const = 0;
  /// A text that decides inspect(conn, options) entirely, where the dialect can read one much
  /// faster than it inspects (SQLite: its stored CREATE statements and its version), so a
  /// reflection can be reused while the text is the same; nullopt where it cannot.
  [[nodiscard]] virtual std::optional<std::string> fingerprint(Connection& conn, const InspectOptions& options) const {
    (void)conn;
    (void)options;
    return std::nullopt;
  }
  /// The dialect's answers to the differ's narrow questions (type and default equality).
  [[nodiscard]] virtual diff::Hooks hooks() const = 0;
};

/// A database nobody else sees, for loading a desired schema or replaying migrations; cleaned up
/// by the destructor.
class Scratch {
 public:
  virtual ~Scratch() = default;
  [[nodiscard]] virtual Connection& connection() = 0;
  /// What to pass to Inspector::inspect to read the scratch objects.
  [[nodiscard]] virtual InspectOptions inspect_options() const = 0;
  /// Schemas (PostgreSQL) that scripts may use without creating them: they exist in the scratch
  /// from now on, each under a scratch name that SQL run through connection() is mapped to.
  virtual void provide_schemas(const std::vector<std::string>& names) { (void)names; }
};

/// One rendered statement, with an optional comment written above it (warnings, hints).
struct RenderedStatement {
  std::string sql;
  std::string comment;
  /// Runs in a block of its own without a transaction, committed before what follows (PostgreSQL's
  /// ALTER TYPE ... ADD VALUE: a label cannot be used in the transaction that adds it).
  bool outside_transaction = false;
};

/// Turns changes into ordered statements, without a connection (SPEC §9).
class Renderer {
 public:
  virtual ~Renderer() = default;
  /// `from` and `to` are the whole schemas the changes lead between (a table rebuild needs them).
  [[nodiscard]] virtual std::vector<RenderedStatement> render(const schema::Schema& from, const schema::Schema& to,
                                                              const std::vector<diff::Change>& changes) const = 0;
};

/// One database dialect: facts, a connection factory and a statement splitter.
/// A dialect whose database can be copied to a file and put back from one.
class FileBackups {
 public:
  virtual ~FileBackups() = default;
  /// Copies the database into `file` while others may go on reading it.
  virtual void backup(const Url& url, const std::filesystem::path& file, const ConnectOptions& options) const = 0;
  /// Puts `file`, a backup(), back as the database's content.
  virtual void restore(const Url& url, const std::filesystem::path& file, const ConnectOptions& options) const = 0;
};

class Dialect {
 public:
  virtual ~Dialect() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  /// The database's own name, for sentences ("SQLite", "PostgreSQL", "MySQL").
  [[nodiscard]] virtual std::string_view title() const = 0;
  /// True when DDL can run inside a transaction (SQLite, PostgreSQL; not MySQL).
  [[nodiscard]] virtual bool transactional_ddl() const = 0;
  /// Where DDL cannot: true when a block of `statements` still runs in one transaction that a
  /// failure rolls back whole (MySQL: no statement commits implicitly).
  [[nodiscard]] virtual bool transactional_block(const std::vector<Statement>& /*statements*/) const {
    return transactional_ddl();
  }
  [[nodiscard]] virtual std::unique_ptr<Connection> connect(const Url& url, const ConnectOptions& options) const = 0;
  /// Splits a script into statements without a connection (offline --sql).
  [[nodiscard]] virtual std::vector<Statement> split(std::string_view script, int first_line) const = 0;
  /// Takes the migrator lock named by `key` (derived from the version table), waiting up to
  /// options.wait and calling options.on_wait once with who holds it; throws Error(Lock) on timeout.
  [[nodiscard]] virtual std::unique_ptr<MigratorLock> lock_migrator(const Url& url, const std::string& key,
                                                                    const ConnectOptions& options) const = 0;
  /// A connection the caller opened and keeps (sqlite3*, PGconn*): used as it is and never
  /// closed; what retort changes on it for a run is put back when the returned object goes.
  /// Throws Error(Usage) when it is inside a transaction.
  [[nodiscard]] virtual std::unique_ptr<Connection> borrow(void* handle, const ConnectOptions& options) const;
  /// What a borrowed connection is connected to, as a URL (messages, SQLite's lock file).
  [[nodiscard]] virtual Url borrowed_url(void* handle) const;
  /// The migrator lock for a run on a borrowed connection (PostgreSQL takes it on that session).
  [[nodiscard]] virtual std::unique_ptr<MigratorLock> lock_borrowed(void* handle, const Url& url,
                                                                    const std::string& key,
                                                                    const ConnectOptions& options) const;
  /// A URL for a throw-away database of this dialect that needs no server (SQLite in memory), or
  /// nullopt (PostgreSQL needs dev_url).
  [[nodiscard]] virtual std::optional<std::string> serverless_url() const { return std::nullopt; }
  /// The inspector, or nullptr where the dialect has none yet.
  [[nodiscard]] virtual const Inspector* inspector() const { return nullptr; }
  /// A scratch database: `dev_url` when given, else (where the dialect can) a throw-away place on
  /// the target. `autocommit` asks for one that can run transaction:false sections.
  [[nodiscard]] virtual std::unique_ptr<Scratch> scratch(const Url& target, const std::string& dev_url,
                                                         const ConnectOptions& options, bool autocommit) const = 0;
  /// The renderer, or nullptr where the dialect has none yet.
  [[nodiscard]] virtual const Renderer* renderer() const { return nullptr; }
  /// Runs a desired-schema file on a scratch connection, taking a dump of the dialect's own tool
  /// as is: what such a dump holds that no script can run (SQLite's sqlite_sequence) is skipped.
  virtual void load_schema(Connection& conn, std::string_view script) const;
  /// What an offline script sets before its first BEGIN and restores after its last COMMIT, so a
  /// client applying it by hand runs it as retort would against `url` (SQLite: foreign-key
  /// enforcement off, which a rebuild needs and which PRAGMA cannot change inside a transaction;
  /// PostgreSQL: the URL's search_path).
  struct ScriptFrame {
    std::string comment;
    std::vector<std::string> before, after;
  };
  [[nodiscard]] virtual ScriptFrame offline_frame(const Url& /*url*/) const { return {}; }
  /// One statement of an offline script, terminated so the dialect's own client runs it as one
  /// (the ';' on a line of its own after a trailing -- comment; MySQL: DELIMITER around a body
  /// holding ';').
  [[nodiscard]] virtual std::string script_statement(const std::string& sql) const { return text::sql_terminated(sql); }
  /// The longest text column `column` of `table` (quoted, qualified) holds, where the database
  /// enforces it (PostgreSQL's varchar(n); SQLite does not): a query returning it, or nullopt.
  [[nodiscard]] virtual std::optional<std::string> text_width_sql(const std::string& /*table*/,
                                                                  const std::string& /*column*/) const {
    return std::nullopt;
  }
  /// Backups to a file of its own, where the dialect has them (SQLite); none elsewhere
  /// (PostgreSQL backs up through the config's backup_command).
  [[nodiscard]] virtual const FileBackups* file_backups() const { return nullptr; }
  /// The column type of an integer primary key the database numbers itself, safe under concurrent
  /// inserts (the ledger's id: several projects may share one ledger under different locks).
  [[nodiscard]] virtual std::string numbered_key_sql() const = 0;
  /// An expression for the current UTC time as ISO 8601 text with milliseconds
  /// ("2026-12-01T10:44:39.123Z"): what an offline script writes into the ledger.
  [[nodiscard]] virtual std::string utc_now_sql() const = 0;
  /// A string literal the database reads back as `s` ('...' with quotes doubled; MySQL also
  /// escapes backslashes, which it reads as escapes).
  [[nodiscard]] virtual std::string string_literal(std::string_view s) const { return text::sql_literal(s); }
  /// Quotes an identifier when it needs quoting.
  [[nodiscard]] virtual std::string quote_identifier(std::string_view name) const;
  /// "schema"."name", or the name alone in the default schema; each part quoted as needed.
  [[nodiscard]] std::string quote_qualified(const schema::QualifiedName& name) const;
  /// "a, b, c" with each name quoted as needed.
  [[nodiscard]] std::string quote_list(const std::vector<std::string>& names) const;
};

/// The dialect serving `url`'s scheme; throws Error(Url) listing the known schemes.
[[nodiscard]] const Dialect& dialect_for(const Url& url);
/// The dialect called `name` ("sqlite", "postgresql"); throws Error(Config) listing the known ones.
[[nodiscard]] const Dialect& dialect_named(std::string_view name);
/// Names of all registered dialects.
[[nodiscard]] std::vector<std::string> dialect_names();

}  // namespace retort::dialects
