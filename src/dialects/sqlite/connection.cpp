#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "dialects/sqlite/sqlite_dialect.hpp"
#include "dialects/statements.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects::sqlite {

namespace {

/// RAII for a prepared statement.
struct Stmt {
  sqlite3_stmt* p = nullptr;
  ~Stmt() { sqlite3_finalize(p); }
};

/// SQLite's result-code names (the C API only gives descriptions).
std::string code_name(int code) {
  switch (code & 0xff) {
    case SQLITE_ERROR:
      return "SQLITE_ERROR";
    case SQLITE_PERM:
      return "SQLITE_PERM";
    case SQLITE_ABORT:
      return "SQLITE_ABORT";
    case SQLITE_BUSY:
      return "SQLITE_BUSY";
    case SQLITE_LOCKED:
      return "SQLITE_LOCKED";
    case SQLITE_NOMEM:
      return "SQLITE_NOMEM";
    case SQLITE_READONLY:
      return "SQLITE_READONLY";
    case SQLITE_INTERRUPT:
      return "SQLITE_INTERRUPT";
    case SQLITE_IOERR:
      return "SQLITE_IOERR";
    case SQLITE_CORRUPT:
      return "SQLITE_CORRUPT";
    case SQLITE_FULL:
      return "SQLITE_FULL";
    case SQLITE_CANTOPEN:
      return "SQLITE_CANTOPEN";
    case SQLITE_CONSTRAINT:
      return "SQLITE_CONSTRAINT";
    case SQLITE_MISMATCH:
      return "SQLITE_MISMATCH";
    case SQLITE_TOOBIG:
      return "SQLITE_TOOBIG";
    case SQLITE_NOTADB:
      return "SQLITE_NOTADB";
    default:
      return fmt::format("SQLITE code {}", code);
  }
}

Error db_error(sqlite3* db, std::string context) {
  int code = sqlite3_extended_errcode(db);
  Error e(ErrorCode::Database, fmt::format("{}: {}", context, sqlite3_errmsg(db)));
  e.with_sqlstate(code_name(code)).with_dialect("sqlite");
  return e;
}

}  // namespace

SqliteConnection::SqliteConnection(const Url& url, const ConnectOptions& options)
    : shown_(url.masked()), options_(options) {
  // The URI form of an in-memory database keeps its name (a shared cache is found by it).
  const bool plain_memory = url.is_memory() && (url.database.empty() || url.database == ":memory:");
  std::string target = plain_memory ? ":memory:" : url.database;
  // A read-only command must not leave an empty database file behind; a missing file reads as empty.
  if (!options.create && !url.is_memory() && !std::filesystem::exists(target)) target = ":memory:";
  // NOMUTEX: a connection is used by one thread at a time, so SQLite's own locking is wasted work.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (!url.query.empty() && !plain_memory) {
    // Query parameters (mode=ro, cache=shared, ...) are passed through SQLite's URI syntax.
    flags |= SQLITE_OPEN_URI;
    // SQLAlchemy writes the URI form as sqlite:///file:name?mode=memory&cache=shared&uri=true.
    std::string uri = (target.starts_with("file:") ? "" : "file:") + target + "?";
    bool first = true;
    for (const auto& [k, v] : url.query) {
      if (k == "uri") continue;  // SQLAlchemy's switch, not SQLite's
      uri += (first ? "" : "&") + k + "=" + v;
      first = false;
    }
    target = uri;
  }
  if (sqlite3_open_v2(target.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    auto e = db_error(db_, fmt::format("Cannot open SQLite database {}", shown_));
    sqlite3_close(db_);
    db_ = nullptr;
    throw e;
  }
  sqlite3_extended_result_codes(db_, 1);
  // SQLite opens lazily: a file that is not a database shows on the first read, which would then
  // name a query instead of the file.
  if (sqlite3_exec(db_, "SELECT 1 FROM sqlite_master LIMIT 1", nullptr, nullptr, nullptr) == SQLITE_NOTADB) {
    auto e = db_error(db_, fmt::format("{} is not an SQLite database", shown_));
    sqlite3_close(db_);
    db_ = nullptr;
    throw e;
  }
  // Another writer (or migrator) holding the lock is waited for, up to migrator_wait, saying so once.
  sqlite3_busy_handler(db_, &SqliteConnection::on_busy, this);
}

int SqliteConnection::on_busy(void* self, int attempt) {
  auto* conn = static_cast<SqliteConnection*>(self);
  auto now = std::chrono::steady_clock::now();
  if (attempt == 0) {
    conn->wait_started_ = now;
    if (!conn->waiting_ && conn->options_.on_wait) {
      conn->options_.on_wait(fmt::format("Waiting for another process's write lock on {} (up to {})", conn->shown_,
                                         wait_text(conn->options_.wait)));
    }
    conn->waiting_ = true;
  }
  if (now - conn->wait_started_ >= conn->options_.wait) return 0;
  // Short sleeps first so a lock released quickly is noticed quickly.
  std::this_thread::sleep_for(std::chrono::milliseconds(std::min(1 + attempt, 50)));
  return 1;
}

SqliteConnection::SqliteConnection(sqlite3* db, const Url& url, const ConnectOptions& options)
    : db_(db), shown_(url.masked()), options_(options), owned_(false) {
  if (!db_) throw Error(ErrorCode::Usage, "The borrowed SQLite connection is null").with_dialect("sqlite");
  if (!sqlite3_get_autocommit(db_)) {
    throw Error(ErrorCode::Usage,
                fmt::format("The borrowed connection to {} is inside a transaction; retort begins and commits its "
                            "own: commit or roll back before calling it",
                            shown_))
        .with_dialect("sqlite");
  }
  // PRAGMA foreign_keys cannot change inside a transaction, so it is set here, between them.
  auto fk = query_column("PRAGMA foreign_keys");
  if (!fk.empty() && fk.front() == "1") {
    execute("PRAGMA foreign_keys = OFF");
    restore_foreign_keys_ = true;
  }
}

SqliteConnection::~SqliteConnection() {
  if (!db_) return;
  if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  if (owned_) {
    sqlite3_close(db_);
  } else if (restore_foreign_keys_) {
    sqlite3_exec(db_, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
  }
}

Url url_of(sqlite3* db) {
  Url url;
  url.scheme = "sqlite";
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  url.database = file ? file : "";  // "" for a database in memory (or a temporary one)
  url.original = "sqlite:///" + url.database;
  if (url.database.empty()) url.original = "sqlite://";
  return url;
}

void SqliteConnection::run_script(std::string_view script, int first_line, const StatementCallback& on_statement) {
  // sqlite3_prepare_v2 consumes one statement and returns the tail; SQLite's own grammar decides
  // where a statement ends (triggers with BEGIN ... END, quoted semicolons).
  reject_nul(script, first_line, "sqlite");
  const bool was_in_transaction = in_transaction();
  int line = first_line;
  std::size_t pos = 0;
  while (pos < script.size()) {
    int nl = 0;
    pos += skip_space_and_comments(script.substr(pos), nl);
    line += nl;
    if (pos >= script.size()) break;
    const char* start = script.data() + pos;
    const char* tail = nullptr;
    Stmt stmt;
    // Prepare is given this statement alone (it copies what it is given when that is not
    // NUL-terminated): handing it the rest of the section copied the rest for every statement.
    const auto end = statement_end(script, pos);
    const auto length = (end == std::string_view::npos ? script.size() : end) - pos;
    int rc = sqlite3_prepare_v2(db_, start, static_cast<int>(length), &stmt.p, &tail);
    std::size_t consumed = tail ? static_cast<std::size_t>(tail - start) : length;
    consumed = std::min(consumed, length);
    std::string sql(text::trim(std::string_view(start, consumed)));
    if (!sql.empty() && sql.back() == ';') sql = std::string(text::trim(sql.substr(0, sql.size() - 1)));
    if (rc != SQLITE_OK) {
      // On a prepare error the tail points where parsing stopped; show the whole statement.
      auto whole = first_statement(script.substr(pos));
      throw db_error(db_, "Statement failed").with_statement(whole.empty() ? sql : whole).at_line(line);
    }
    if (was_in_transaction) refuse_ending_transaction(sql, line, "sqlite");
    auto began = std::chrono::steady_clock::now();
    if (stmt.p) {
      // In a migration, PRAGMA foreign_key_check fails on the first violation it reports (the
      // table rebuild ends with it), instead of returning rows nobody reads.
      const bool fk_check = sql.size() >= 24 && text::lower(sql.substr(0, 24)) == "pragma foreign_key_check";
      while ((rc = sqlite3_step(stmt.p)) == SQLITE_ROW) {
        if (fk_check) {
          auto col = [&](int i) {
            auto* v = sqlite3_column_text(stmt.p, i);
            return v ? std::string(reinterpret_cast<const char*>(v)) : std::string("?");
          };
          throw Error(ErrorCode::Migration,
                      fmt::format("PRAGMA foreign_key_check: row {} of table {} has no matching row in {}", col(1),
                                  col(0), col(2)))
              .with_statement(sql)
              .with_dialect("sqlite")
              .at_line(line);
        }
      }
      if (rc != SQLITE_DONE) {
        throw db_error(db_, "Statement failed").with_statement(sql).at_line(line);
      }
      if (was_in_transaction && !in_transaction()) {
        throw Error(ErrorCode::Migration,
                    "Statement ended retort's transaction; remove BEGIN/COMMIT from the migration, or put it in a "
                    "'transaction:false' section")
            .with_statement(sql)
            .with_dialect("sqlite")
            .at_line(line);
      }
      on_statement({sql, line}, std::chrono::steady_clock::now() - began);
    }
    if (consumed == 0) {
      // Nothing was read and nothing failed: never loop on the same spot.
      throw Error(ErrorCode::Parse, "SQLite cannot read the SQL here").with_dialect("sqlite").at_line(line);
    }
    line += static_cast<int>(std::count(start, start + consumed, '\n'));
    pos += consumed;
  }
}

long long SqliteConnection::execute(std::string_view sql) {
  Stmt stmt;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt.p, nullptr) != SQLITE_OK) {
    throw db_error(db_, "Statement failed").with_statement(std::string(sql));
  }
  int rc;
  while ((rc = sqlite3_step(stmt.p)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) throw db_error(db_, "Statement failed").with_statement(std::string(sql));
  return sqlite3_changes(db_);
}

std::vector<Connection::Row> SqliteConnection::query(std::string_view sql) {
  Stmt stmt;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt.p, nullptr) != SQLITE_OK) {
    throw db_error(db_, "Query failed").with_statement(std::string(sql));
  }
  std::vector<Row> out;
  const int columns = sqlite3_column_count(stmt.p);
  int rc;
  while ((rc = sqlite3_step(stmt.p)) == SQLITE_ROW) {
    Row row;
    for (int c = 0; c < columns; ++c) {
      auto* v = sqlite3_column_text(stmt.p, c);
      row.push_back(v ? std::optional<std::string>(reinterpret_cast<const char*>(v)) : std::nullopt);
    }
    out.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) throw db_error(db_, "Query failed").with_statement(std::string(sql));
  return out;
}

bool SqliteConnection::table_exists(const std::string& schema, const std::string& table) {
  if (!schema.empty()) {
    // On SQLite a schema is an attached database; without this the user sees "no such table:
    // aux.sqlite_master".
    auto attached = query_column("SELECT name FROM pragma_database_list");
    auto wanted = text::lower(schema);
    if (std::none_of(attached.begin(), attached.end(), [&](const auto& n) { return text::lower(n) == wanted; })) {
      throw Error(ErrorCode::Config,
                  fmt::format("version_table_schema = '{}' names no database attached to {} (attached: {}). On "
                              "SQLite a schema is an attached database: leave version_table_schema unset to keep "
                              "the version table in the database file itself",
                              schema, shown_, text::join(attached, ", ")))
          .with_dialect("sqlite");
    }
  }
  std::string master = "sqlite_master";
  if (!schema.empty()) {
    std::string quoted = "\"";
    for (char c : schema) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    master = quoted + "\".sqlite_master";
  }
  auto rows = query_column(
      fmt::format("SELECT type FROM {} WHERE type IN ('table', 'view') AND name = {}", master, text::sql_literal(table)));
  if (!rows.empty() && rows.front() == "view") {
    // A view cannot take the version rows; saying so beats "table already exists" later.
    throw Error(ErrorCode::Config, fmt::format("{} is a view, not a table: it cannot hold the version rows", table))
        .with_dialect("sqlite");
  }
  return !rows.empty();
}

void SqliteConnection::begin() {
  // IMMEDIATE takes the write lock now, so a second migrator waits here (busy_timeout) rather
  // than failing later with SQLITE_BUSY on its first write.
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    if ((sqlite3_errcode(db_) & 0xff) == SQLITE_BUSY) {
      throw db_error(db_, fmt::format("Another process kept the write lock on {} for longer than migrator_wait "
                                      "({}); nothing was changed",
                                      shown_, wait_text(options_.wait)));
    }
    throw db_error(db_, fmt::format("Cannot start a write transaction on {}", shown_));
  }
}

void SqliteConnection::commit() {
  if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw db_error(db_, "COMMIT failed");
  }
}

void SqliteConnection::rollback() {
  if (in_transaction()) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

bool SqliteConnection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace retort::dialects::sqlite
