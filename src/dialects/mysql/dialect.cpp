#include <fmt/format.h>

#include "dialects/mysql/mysql_dialect.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects::mysql {

namespace {

class MysqlDialect final : public Dialect {
 public:
  std::string_view name() const override { return "mysql"; }
  std::string_view title() const override { return "MySQL"; }
  // Every DDL statement commits the transaction it runs in (and the one before it).
  bool transactional_ddl() const override { return false; }
  bool transactional_block(const std::vector<Statement>& statements) const override { return data_only(statements); }
  std::unique_ptr<Connection> connect(const Url& url, const ConnectOptions& options) const override {
    return std::make_unique<MysqlConnection>(url, options);
  }
  std::vector<Statement> split(std::string_view script, int first_line) const override {
    return mysql::split(script, first_line);
  }
  std::unique_ptr<MigratorLock> lock_migrator(const Url& url, const std::string& key,
                                              const ConnectOptions& options) const override {
    return mysql::lock_migrator(url, key, options);
  }
  std::unique_ptr<Connection> borrow(void* handle, const ConnectOptions& options) const override {
    return std::make_unique<MysqlConnection>(static_cast<MYSQL*>(handle), options);
  }
  Url borrowed_url(void* handle) const override { return url_of(static_cast<MYSQL*>(handle)); }
  // On the caller's session: a second connection would need credentials retort does not have.
  std::unique_ptr<MigratorLock> lock_borrowed(void* handle, const Url&, const std::string& key,
                                              const ConnectOptions& options) const override {
    return lock_on(static_cast<MYSQL*>(handle), key, options);
  }
  const Inspector* inspector() const override { return &mysql::inspector(); }
  const Renderer* renderer() const override { return &mysql::renderer(); }
  std::unique_ptr<Scratch> scratch(const Url& target, const std::string& dev_url, const ConnectOptions& options,
                                   bool /*autocommit: a scratch database always is*/) const override {
    return mysql::scratch(target, dev_url, options);
  }
  // The mysql client would end a routine body at its first ';': such a statement goes between
  // DELIMITER lines, with a delimiter the body does not hold.
  std::string script_statement(const std::string& sql) const override {
    if (sql.find(';') == std::string::npos) return text::sql_terminated(sql);
    std::string delimiter = "$$";
    while (sql.find(delimiter) != std::string::npos) delimiter += "$";
    return fmt::format("DELIMITER {}\n{}\n{}\nDELIMITER ;", delimiter, sql, delimiter);
  }
  std::string string_literal(std::string_view s) const override { return literal(s); }
  std::string numbered_key_sql() const override { return "BIGINT AUTO_INCREMENT PRIMARY KEY"; }
  std::string utc_now_sql() const override {
    return "CONCAT(SUBSTRING(DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%dT%H:%i:%s.%f'), 1, 23), 'Z')";
  }
  /// Backticks: double quotes are strings unless the session has ANSI_QUOTES.
  std::string quote_identifier(std::string_view name) const override {
    const auto standard = Dialect::quote_identifier(name);
    if (standard.empty() || standard.front() != '"') return standard;
    return backticked(name);
  }
};

}  // namespace

std::string literal(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + "'";
}

std::string backticked(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  return out + "`";
}

const Dialect& dialect() {
  static const MysqlDialect d;
  return d;
}

}  // namespace retort::dialects::mysql
