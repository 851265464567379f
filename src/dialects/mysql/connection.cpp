#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <set>
#include <utility>

#include "dialects/mysql/libmariadb.hpp"
#include "dialects/mysql/mysql_dialect.hpp"
#include "dialects/statements.hpp"
#include "retort/config.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects::mysql {

namespace {

using Result = std::unique_ptr<MYSQL_RES, ResultDeleter>;

const std::set<std::string>& known_parameters() {
  static const std::set<std::string> names = {"charset",  "unix_socket", "connect_timeout",     "ssl_mode",
                                              "ssl_ca",   "ssl_cert",    "ssl_key",             "ssl_verify_cert",
                                              "ssl_verify_identity"};
  return names;
}

}  // namespace

Error server_error(MYSQL* conn, std::string_view sql, int line) {
  const auto& l = libmariadb();
  std::string message(text::trim(l.error(conn)));
  while (!message.empty() && message.back() == '.') message.pop_back();  // the caller ends the sentence
  const std::string sqlstate = l.sqlstate(conn);
  Error e(ErrorCode::Database, fmt::format("Statement failed: {} (error {})", message, l.errno_of(conn)));
  e.with_dialect("mysql");
  if (!sql.empty()) e.with_statement(std::string(sql));
  if (line > 0) e.at_line(line);
  if (!sqlstate.empty() && sqlstate != "00000") e.with_sqlstate(sqlstate);
  return e;
}

MYSQL* open(const Url& url, const ConnectOptions& /*options*/) {
  for (const auto& [k, v] : url.query) {
    if (!known_parameters().contains(k)) {
      throw Error(ErrorCode::Url, fmt::format("Unknown parameter '{}' in MySQL URL {}; known: {}", k, url.masked(),
                                              text::join(std::vector<std::string>(known_parameters().begin(),
                                                                                  known_parameters().end()),
                                                         ", ")))
          .with_dialect("mysql");
    }
  }
  const auto& l = libmariadb();
  MYSQL* conn = l.init(nullptr);
  if (!conn) throw Error(ErrorCode::Database, "Out of memory opening a MySQL connection").with_dialect("mysql");
  auto param = [&](const char* k) {
    auto it = url.query.find(k);
    return it == url.query.end() ? std::string() : it->second;
  };
  const auto charset = param("charset").empty() ? std::string("utf8mb4") : param("charset");
  l.options(conn, MYSQL_SET_CHARSET_NAME, charset.c_str());
  // A server that accepts the connection and never answers would hold retort forever.
  unsigned timeout = 10;
  if (!param("connect_timeout").empty()) timeout = static_cast<unsigned>(std::atoi(param("connect_timeout").c_str()));
  l.options(conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
  // TLS as the drivers SQLAlchemy names spell it: mysqlclient's ssl_mode, PyMySQL's ssl_ca /
  // ssl_cert / ssl_key (which ask for TLS) and ssl_verify_cert / ssl_verify_identity.
  const auto mode = text::upper(param("ssl_mode"));
  static const std::set<std::string> modes = {"", "DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY"};
  if (!modes.contains(mode)) {
    l.close(conn);
    throw Error(ErrorCode::Url, fmt::format("Unknown ssl_mode '{}' in MySQL URL {}; known: DISABLED, PREFERRED, "
                                            "REQUIRED, VERIFY_CA, VERIFY_IDENTITY",
                                            param("ssl_mode"), url.masked()))
        .with_dialect("mysql");
  }
  auto yes = [&](const char* k) {
    const auto v = text::lower(param(k));
    return v == "true" || v == "1" || v == "yes";
  };
  const bool verify = mode == "VERIFY_CA" || mode == "VERIFY_IDENTITY" || yes("ssl_verify_cert") ||
                      yes("ssl_verify_identity");
  const bool files = !param("ssl_ca").empty() || !param("ssl_cert").empty() || !param("ssl_key").empty();
  const bool enforce = mode == "REQUIRED" || verify || (files && mode != "DISABLED");
  for (const auto& [k, option] : {std::pair{"ssl_ca", MYSQL_OPT_SSL_CA}, std::pair{"ssl_cert", MYSQL_OPT_SSL_CERT},
                                  std::pair{"ssl_key", MYSQL_OPT_SSL_KEY}}) {
    if (!param(k).empty()) l.options(conn, option, param(k).c_str());
  }
  my_bool on = 1;
  if (enforce) l.options(conn, MYSQL_OPT_SSL_ENFORCE, &on);
  if (verify) l.options(conn, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &on);
  const auto socket = param("unix_socket");
  auto c = [](const std::string& s) { return s.empty() ? nullptr : s.c_str(); };
  if (!l.real_connect(conn, c(url.host), c(url.user), url.has_password ? url.password.c_str() : nullptr,
                      c(url.database), static_cast<unsigned>(url.port), c(socket),
                      CLIENT_MULTI_RESULTS | CLIENT_FOUND_ROWS)) {
    std::string why(text::trim(l.error(conn)));
    l.close(conn);
    throw Error(ErrorCode::Database, fmt::format("Cannot connect to {}: {}", url.masked(), why)).with_dialect("mysql");
  }
  return conn;
}

namespace {

/// A PostgreSQL-style duration from the config ("10s", "500ms"; a bare number is milliseconds, as
/// PostgreSQL reads it) in seconds; 0 stays 0 (no limit).
double seconds_of(const std::string& value, const char* name) {
  const bool bare = value.find_first_not_of("0123456789. ") == std::string::npos;
  try {
    const auto ms = bare ? std::stod(value) : static_cast<double>(parse_duration(value).count());
    return ms / 1000.0;
  } catch (const std::exception&) {
    throw Error(ErrorCode::Config, fmt::format("Invalid {} '{}' in the config: write e.g. 10s or 500ms", name, value))
        .with_dialect("mysql");
  }
}

}  // namespace

MysqlConnection::MysqlConnection(const Url& url, const ConnectOptions& options) : conn_(open(url, options)) {
  try {
    apply(options);
  } catch (...) {
    libmariadb().close(conn_);
    throw;
  }
}

MysqlConnection::MysqlConnection(MYSQL* borrowed, const ConnectOptions& options) : conn_(borrowed), owned_(false) {
  if (in_transaction()) {
    throw Error(ErrorCode::Usage,
                "The borrowed MySQL connection is inside a transaction: commit or roll it back before running "
                "retort on it (retort begins and ends its own)")
        .with_dialect("mysql");
  }
  apply(options);
}

void MysqlConnection::apply(const ConnectOptions& options) {
  // A borrowed session gets back what it had: its owner goes on using it.
  auto set = [&](const std::vector<std::string>& names, const std::string& value) {
    if (!owned_) {
      for (const auto& name : names) restore_.emplace_back(name, query_column("SELECT @@SESSION." + name).front());
    }
    std::vector<std::string> assignments;
    for (const auto& name : names) assignments.push_back(name + " = " + value);
    run("SET SESSION " + text::join(assignments, ", "), 0);
  };
  // lock_timeout: how long a statement waits for a table's metadata lock (lock_wait_timeout,
  // what DDL waits on) and for a row lock (innodb_lock_wait_timeout); whole seconds, at least 1.
  if (!options.lock_timeout.empty()) {
    const auto s = seconds_of(options.lock_timeout, "lock_timeout");
    const long long whole = s == 0 ? 31536000 : std::max(1LL, static_cast<long long>(std::ceil(s)));
    set({"lock_wait_timeout", "innodb_lock_wait_timeout"}, std::to_string(whole));
  }
  // statement_timeout: MariaDB's max_statement_time (MySQL's max_execution_time covers SELECT
  // only, so MySQL goes without).
  // The client has the server's version from the handshake: no query needed to tell MariaDB.
  if (!options.statement_timeout.empty() &&
      text::lower(libmariadb().server_info(conn_)).find("mariadb") != std::string::npos) {
    set({"max_statement_time"}, fmt::format("{}", seconds_of(options.statement_timeout, "statement_timeout")));
  }
}

MysqlConnection::~MysqlConnection() {
  if (owned_) {
    libmariadb().close(conn_);  // the server rolls back what is open
    return;
  }
  try {
    if (in_transaction()) rollback();
    for (const auto& [name, value] : restore_) run(fmt::format("SET SESSION {} = {}", name, value), 0);
  } catch (...) {
    // The owner's session is theirs to check; a failing restore must not end the program.
  }
}

long long MysqlConnection::drain(std::string_view sql, int line, const std::function<void(MYSQL_RES*)>& on_result) {
  const auto& l = libmariadb();
  if (l.real_query(conn_, sql.data(), sql.size()) != 0) throw server_error(conn_, sql, line);
  long long changed = 0;
  for (;;) {
    Result res(l.store_result(conn_));
    if (!res && l.field_count(conn_) != 0) throw server_error(conn_, sql, line);
    if (!res) changed += static_cast<long long>(l.affected_rows(conn_));
    if (res && on_result) on_result(res.get());
    const int more = l.next_result(conn_);
    if (more > 0) throw server_error(conn_, sql, line);
    if (more < 0) break;
  }
  return changed;
}

long long MysqlConnection::run(std::string_view sql, int line) { return drain(sql, line, {}); }

void MysqlConnection::run_script(std::string_view script, int first_line, const StatementCallback& on_statement) {
  reject_nul(script, first_line, "mysql");
  const bool was_in_transaction = in_transaction();
  for (const auto& stmt : split(script, first_line)) {
    if (was_in_transaction) refuse_ending_transaction(stmt.sql, stmt.line, "mysql");
    const auto began = std::chrono::steady_clock::now();
    run(stmt.sql, stmt.line);
    on_statement(stmt, std::chrono::steady_clock::now() - began);
  }
}

long long MysqlConnection::execute(std::string_view sql) { return run(sql, 0); }

std::vector<Connection::Row> MysqlConnection::query(std::string_view sql) {
  const auto& l = libmariadb();
  std::vector<Row> out;
  bool first = true;
  drain(sql, 0, [&](MYSQL_RES* res) {
    if (!std::exchange(first, false)) return;  // a CALL's later results are not the answer
    const unsigned columns = l.num_fields(res);
    while (MYSQL_ROW r = l.fetch_row(res)) {
      const unsigned long* lengths = l.fetch_lengths(res);
      Row row;
      for (unsigned c = 0; c < columns; ++c) {
        if (r[c])
          row.emplace_back(std::string(r[c], lengths[c]));
        else
          row.emplace_back(std::nullopt);
      }
      out.push_back(std::move(row));
    }
  });
  return out;
}

bool MysqlConnection::table_exists(const std::string& schema, const std::string& table) {
  auto rows = query_column(fmt::format(
      "SELECT table_type FROM information_schema.tables WHERE table_schema = {} AND table_name = {}",
      schema.empty() ? std::string("DATABASE()") : literal(schema), literal(table)));
  if (!rows.empty() && rows.front() == "VIEW") {
    throw Error(ErrorCode::Config, fmt::format("{} is a view, not a table: it cannot hold the version rows", table))
        .with_dialect("mysql");
  }
  return !rows.empty();
}

void MysqlConnection::begin() { run("START TRANSACTION", 0); }

void MysqlConnection::commit() { run("COMMIT", 0); }

void MysqlConnection::rollback() {
  if (in_transaction()) libmariadb().real_query(conn_, "ROLLBACK", 8);
}

bool MysqlConnection::in_transaction() const { return (conn_->server_status & SERVER_STATUS_IN_TRANS) != 0; }

bool data_only(const std::vector<Statement>& statements) {
  static const std::set<std::string> data = {"insert", "update", "delete", "replace", "select", "with", "set", "do"};
  for (const auto& s : statements) {
    std::size_t end = 0;
    while (end < s.sql.size() && std::isalpha(static_cast<unsigned char>(s.sql[end]))) ++end;
    if (!data.contains(text::lower(std::string_view(s.sql).substr(0, end)))) return false;
  }
  return true;
}

}  // namespace retort::dialects::mysql
