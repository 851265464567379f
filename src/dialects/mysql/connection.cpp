#include <fmt/format.h>

#include <cstdlib>
#include <memory>
#include <set>
#include <utility>

#include "dialects/mysql/libmariadb.hpp"
#include "dialects/mysql/mysql_dialect.hpp"
#include "dialects/statements.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects::mysql {

namespace {

using Result = std::unique_ptr<MYSQL_RES, ResultDeleter>;

const std::set<std::string>& known_parameters() {
  static const std::set<std::string> names = {"charset", "unix_socket", "connect_timeout"};
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

MysqlConnection::MysqlConnection(const Url& url, const ConnectOptions& options) : conn_(open(url, options)) {}

MysqlConnection::~MysqlConnection() { libmariadb().close(conn_); }  // the server rolls back what is open

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
