#include <cstdlib>
#include <algorithm>
#include <fmt/format.h>
#include <chrono>
#include <memory>

#include "dialects/postgres/libpq.hpp"
#include "dialects/postgres/postgres_dialect.hpp"
#include "dialects/statements.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects::postgres {

namespace {

using Result = std::unique_ptr<PGresult, ResultDeleter>;

std::string field(const PGresult* res, int code) {
  const char* v = libpq().result_error_field(res, code);
  return v ? v : "";
}

/// Line within `sql` of a 1-based character position (PostgreSQL counts characters, not bytes).
int line_of_position(std::string_view sql, int position) {
  int line = 0, chars = 0;
  for (unsigned char c : sql) {
    if ((c & 0xC0) != 0x80) ++chars;  // a UTF-8 lead byte starts a character
    if (chars >= position) break;
    if (c == '\n') ++line;
  }
  return line;
}

/// The server's error as retort::Error: message, detail, hint, SQLSTATE, line of the position.
Error statement_error(const PGresult* res, PGconn* conn, std::string_view sql, int first_line) {
  std::string message = res ? field(res, PG_DIAG_MESSAGE_PRIMARY) : std::string();
  if (message.empty()) message = text::trim(libpq().error_message(conn));
  auto detail = res ? field(res, PG_DIAG_MESSAGE_DETAIL) : std::string();
  auto hint = res ? field(res, PG_DIAG_MESSAGE_HINT) : std::string();
  auto sqlstate = res ? field(res, PG_DIAG_SQLSTATE) : std::string();
  if (!detail.empty()) message += " (" + detail + ")";
  while (!hint.empty() && hint.back() == '.') hint.pop_back();  // more follows, or the caller's period
  if (!hint.empty()) message += "; hint: " + hint;
  // 25001: cannot run inside a transaction block; 55P04: unsafe use of a new enum value.
  if (sqlstate == "25001" || sqlstate == "55P04") {
    message += "; put the statement in a block marked transaction:false (-- migrate:upgrade transaction:false, "
               "or -- migrate:downgrade transaction:false in a downgrade)";
  }
  // The caller ends the sentence: a server text ending with a period would print "..".
  while (!message.empty() && message.back() == '.') message.pop_back();
  int line = first_line;
  auto position = res ? field(res, PG_DIAG_STATEMENT_POSITION) : std::string();
  if (!position.empty()) line += line_of_position(sql, std::stoi(position));
  Error e(ErrorCode::Database, "Statement failed: " + message);
  e.with_statement(std::string(sql)).with_dialect("postgresql").at_line(line);
  if (!sqlstate.empty()) e.with_sqlstate(sqlstate);
  return e;
}

void ignore_notice(void*, const char*) {}

}  // namespace

std::string search_path_option(const std::string& path) {
  // libpq splits `options` at spaces; a backslash keeps one (or itself) in the value.
  std::string out = "-c search_path=";
  for (char c : path) {
    if (c == ' ' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

PGconn* open(const Url& url, const ConnectOptions& options) {
  std::vector<std::pair<std::string, std::string>> params;
  auto add = [&](const char* k, const std::string& v) {
    if (!v.empty()) params.emplace_back(k, v);
  };
  add("host", url.host);
  if (url.port) add("port", std::to_string(url.port));
  add("user", url.user);
  if (url.has_password) params.emplace_back("password", url.password);
  add("dbname", url.database);
  bool has_app = false;
  std::string timeout;
  std::string server_options;  // libpq's `options`: command-line switches for the server session
  for (const auto& [k, v] : url.query) {
    if (k == "search_path") {
      server_options += (server_options.empty() ? "" : " ") + search_path_option(v);
      continue;
    }
    if (k == "options") {
      server_options = v + (server_options.empty() ? "" : " " + server_options);
      continue;
    }
    params.emplace_back(k, v);  // sslmode, host (a socket directory), connect_timeout, ...
    has_app = has_app || k == "application_name";
    if (k == "connect_timeout") timeout = v;
  }
  add("options", server_options);
  if (!has_app) add("application_name", options.application_name);
  // A server that accepts the connection and never answers would hold retort forever: the
  // connection gets a bound unless the URL or PGCONNECT_TIMEOUT sets one.
  if (timeout.empty()) {
    const char* env = std::getenv("PGCONNECT_TIMEOUT");
    timeout = env && *env ? env : "10";
    if (!(env && *env)) params.emplace_back("connect_timeout", timeout);
  }
  std::vector<const char*> keys, values;
  for (const auto& [k, v] : params) {
    keys.push_back(k.c_str());
    values.push_back(v.c_str());
  }
  keys.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* conn = libpq().connectdb_params(keys.data(), values.data(), 0);
  if (!conn || libpq().status(conn) != CONNECTION_OK) {
    std::string why = conn ? std::string(text::trim(libpq().error_message(conn))) : "out of memory";
    if (conn) libpq().finish(conn);
    if (why.find("timeout expired") != std::string::npos) {
      why += fmt::format(
          " (waited connect_timeout = {} s for the server to accept the connection and answer; set "
          "?connect_timeout=N in the URL to wait longer)",
          timeout);
    }
    throw Error(ErrorCode::Database, fmt::format("Cannot connect to {}: {}", url.masked(), why))
        .with_dialect("postgresql");
  }
  libpq().set_notice_processor(conn, &ignore_notice, nullptr);
  if (auto path = url.query.find("search_path"); path != url.query.end()) {
    // A tenant whose schema is missing would otherwise fail later, as "no schema has been
    // selected to create in", or read another schema's tables.
    std::unique_ptr<PGresult, ResultDeleter> res(libpq().exec(conn, "SELECT current_schema() IS NULL"));
    const bool ok = libpq().result_status(res.get()) == PGRES_TUPLES_OK && libpq().ntuples(res.get()) == 1;
    if (!ok || std::string_view(libpq().getvalue(res.get(), 0, 0)) == "t") {
      std::string why = ok ? "" : std::string(text::trim(libpq().error_message(conn)));
      libpq().finish(conn);
      throw Error(ErrorCode::Database,
                  ok ? fmt::format("No schema on the URL's search_path ({}) exists in database '{}' of {}; create the "
                                   "tenant's schema first, or fix the URL",
                                   path->second, url.database, url.masked())
                     : fmt::format("Cannot read the current schema of {}: {}", url.masked(), why))
          .with_dialect("postgresql");
    }
  }
  return conn;
}

PostgresConnection::PostgresConnection(const Url& url, const ConnectOptions& options) : conn_(open(url, options)) {
  try {
    apply_timeouts(options);
  } catch (...) {
    libpq().finish(conn_);
    conn_ = nullptr;
    throw;
  }
}

PostgresConnection::PostgresConnection(PGconn* conn, const ConnectOptions& options) : conn_(conn), owned_(false) {
  if (!conn_ || libpq().status(conn_) != CONNECTION_OK) {
    throw Error(ErrorCode::Usage, "The borrowed PostgreSQL connection is null or not connected")
        .with_dialect("postgresql");
  }
  if (libpq().transaction_status(conn_) != PQTRANS_IDLE) {
    throw Error(ErrorCode::Usage,
                "The borrowed PostgreSQL connection is inside a transaction (or busy); retort begins and commits "
                "its own: commit or roll back before calling it")
        .with_dialect("postgresql");
  }
  apply_timeouts(options);
}

void PostgresConnection::apply_timeouts(const ConnectOptions& options) {
  // Timeouts are session settings, so every migration statement runs under them.
  auto set = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    if (!owned_) restore_.emplace_back(name, query_column(fmt::format("SHOW {}", name)).front());
    auto sql = fmt::format("SET {} = {}", name, text::sql_literal(value));
    Result res(libpq().exec(conn_, sql.c_str()));
    if (libpq().result_status(res.get()) != PGRES_COMMAND_OK) {
      std::string why = field(res.get(), PG_DIAG_MESSAGE_PRIMARY);
      throw Error(ErrorCode::Config, fmt::format("Invalid {} '{}' in the config: {}", name, value, why))
          .with_statement(sql)
          .with_dialect("postgresql");
    }
  };
  set("lock_timeout", options.lock_timeout);
  set("statement_timeout", options.statement_timeout);
}

PostgresConnection::~PostgresConnection() {
  if (!conn_) return;
  if (owned_) {
    libpq().finish(conn_);  // an open transaction is rolled back by the server
    return;
  }
  if (libpq().transaction_status(conn_) != PQTRANS_IDLE) libpq().clear(libpq().exec(conn_, "ROLLBACK"));
  for (const auto& [name, value] : restore_) {
    libpq().clear(libpq().exec(conn_, fmt::format("SET {} = {}", name, text::sql_literal(value)).c_str()));
  }
}

Url url_of(PGconn* conn) {
  Url url;
  url.scheme = "postgresql";
  auto get = [](const char* v) { return std::string(v ? v : ""); };
  url.user = get(libpq().user(conn));
  url.database = get(libpq().db(conn));
  const auto host = get(libpq().host(conn));
  const auto port = get(libpq().port(conn));
  // A socket directory is a host starting with '/', which goes in the query as SQLAlchemy writes it.
  const bool socket = host.starts_with("/");
  if (!socket) url.host = host;
  url.original = fmt::format("postgresql://{}@{}{}/{}", url.user, socket ? "" : host, port.empty() ? "" : ":" + port,
                             url.database);
  if (socket) {
    url.query["host"] = host;
    url.original += "?host=" + host;
  }
  if (!port.empty()) url.port = std::atoi(port.c_str());
  return url;
}

void PostgresConnection::run_script(std::string_view script, int first_line, const StatementCallback& on_statement) {
  reject_nul(script, first_line, "postgresql");
  const bool was_in_transaction = in_transaction();
  // A long script (a data migration) is split a few MB at a time, so memory stays bounded: a piece
  // ends after a ";" at the end of a line, and one that ends inside a string, comment or body
  // does not split, so it grows until it does (the whole script at worst, as for a short one).
  constexpr std::size_t kPiece = 4u << 20;
  std::size_t pos = 0;
  int line = first_line;
  while (pos < script.size()) {
    std::size_t want = kPiece;
    std::vector<Statement> statements;
    std::size_t end = script.size();
    while (true) {
      end = script.size();
      if (script.size() - pos > want) {
        auto cut = script.find(";\n", pos + want);
        end = cut == std::string_view::npos ? script.size() : cut + 2;
      }
      try {
        statements = split(script.substr(pos, end - pos), line);
        break;
      } catch (const Error&) {
        if (end == script.size()) throw;
        want *= 2;
      }
    }
    run_statements(statements, was_in_transaction, on_statement);
    line += static_cast<int>(std::count(script.begin() + static_cast<long>(pos), script.begin() + static_cast<long>(end), '\n'));
    pos = end;
  }
}

void PostgresConnection::run_statements(const std::vector<Statement>& statements, bool was_in_transaction,
                                        const StatementCallback& on_statement) {
  for (const auto& stmt : statements) {
    if (was_in_transaction) refuse_ending_transaction(stmt.sql, stmt.line, "postgresql");
    auto began = std::chrono::steady_clock::now();
    Result res(libpq().exec(conn_, stmt.sql.c_str()));
    auto status = libpq().result_status(res.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
      throw statement_error(res.get(), conn_, stmt.sql, stmt.line);
    }
    on_statement(stmt, std::chrono::steady_clock::now() - began);
  }
}

long long PostgresConnection::execute(std::string_view sql) {
  std::string q(sql);
  Result res(libpq().exec(conn_, q.c_str()));
  auto status = libpq().result_status(res.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw statement_error(res.get(), conn_, sql, 0);
  const char* n = libpq().cmd_tuples(res.get());
  return n && *n ? std::stoll(n) : 0;
}

std::vector<Connection::Row> PostgresConnection::query(std::string_view sql) {
  std::string q(sql);
  Result res(libpq().exec(conn_, q.c_str()));
  if (libpq().result_status(res.get()) != PGRES_TUPLES_OK) throw statement_error(res.get(), conn_, sql, 0);
  std::vector<Row> out;
  const int rows = libpq().ntuples(res.get());
  const int columns = libpq().nfields(res.get());
  for (int r = 0; r < rows; ++r) {
    Row row;
    for (int c = 0; c < columns; ++c) {
      if (libpq().getisnull(res.get(), r, c))
        row.emplace_back(std::nullopt);
      else
        row.emplace_back(libpq().getvalue(res.get(), r, c));
    }
    out.push_back(std::move(row));
  }
  return out;
}

bool PostgresConnection::table_exists(const std::string& schema, const std::string& table) {
  auto schema_expr = schema.empty() ? std::string("current_schema()") : text::sql_literal(schema);
  auto rows = query_column(
      fmt::format("SELECT c.relkind::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = "
                  "c.relnamespace WHERE n.nspname = {} AND c.relname = {} AND c.relkind IN ('r', 'p', 'v', 'm')",
                  schema_expr, text::sql_literal(table)));
  if (!rows.empty() && (rows.front() == "v" || rows.front() == "m")) {
    // A view cannot take the version rows; saying so beats "relation already exists" later.
    throw Error(ErrorCode::Config, fmt::format("{} is a view, not a table: it cannot hold the version rows", table))
        .with_dialect("postgresql");
  }
  return !rows.empty();
}

void PostgresConnection::begin() { execute("BEGIN"); }

void PostgresConnection::commit() { execute("COMMIT"); }

void PostgresConnection::rollback() {
  if (in_transaction()) Result(libpq().exec(conn_, "ROLLBACK"));
}

bool PostgresConnection::in_transaction() const { return libpq().transaction_status(conn_) != PQTRANS_IDLE; }

}  // namespace retort::dialects::postgres
