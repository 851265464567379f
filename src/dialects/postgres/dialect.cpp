#include <fmt/format.h>
#include "dialects/postgres/postgres_dialect.hpp"
#include "support/text.hpp"

namespace retort::dialects::postgres {

namespace {

class PostgresDialect final : public Dialect {
 public:
  std::string_view name() const override { return "postgresql"; }
  bool transactional_ddl() const override { return true; }
  std::unique_ptr<Connection> connect(const Url& url, const ConnectOptions& options) const override {
    return std::make_unique<PostgresConnection>(url, options);
  }
  std::vector<Statement> split(std::string_view script, int first_line) const override {
    return postgres::split(script, first_line);
  }
  // pg_dump output holds psql meta-commands (`\restrict KEY` since 15.14, `\connect`), which
  // only psql understands: those lines are blanked (so line numbers stay true), the SQL runs.
  std::string utc_now_sql() const override {
    return R"(to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))";
  }
  std::optional<std::string> text_width_sql(const std::string& table, const std::string& column) const override {
    // varchar(n) keeps n + 4 in atttypmod; text and varchar without a length keep -1.
    return fmt::format(
        "SELECT atttypmod - 4 FROM pg_attribute WHERE attrelid = to_regclass({}) AND attname = {} AND atttypmod > 4",
        text::sql_literal(table), text::sql_literal(column));
  }

  void load_schema(Connection& conn, std::string_view script) const override {
    std::string sql;
    sql.reserve(script.size());
    std::size_t pos = 0;
    while (pos < script.size()) {
      auto end = script.find('\n', pos);
      if (end == std::string_view::npos) end = script.size();
      auto line = script.substr(pos, end - pos);
      auto first = line.find_first_not_of(" \t");
      if (first == std::string_view::npos || line[first] != '\\') sql += line;
      if (end < script.size()) sql += '\n';
      pos = end + 1;
    }
    conn.run_script(sql, 1, [](const Statement&, std::chrono::nanoseconds) {});
  }
  const Inspector* inspector() const override { return &postgres::inspector(); }
  const Renderer* renderer() const override { return &postgres::renderer(); }
  std::unique_ptr<Scratch> scratch(const Url& target, const std::string& dev_url, const ConnectOptions& options,
                                   bool autocommit) const override {
    return postgres::scratch(target, dev_url, options, autocommit);
  }
  std::unique_ptr<MigratorLock> lock_migrator(const Url& url, const std::string& key,
                                              const ConnectOptions& options) const override {
    return postgres::lock_migrator(url, key, options);
  }
  std::unique_ptr<Connection> borrow(void* handle, const ConnectOptions& options) const override {
    return std::make_unique<PostgresConnection>(static_cast<PGconn*>(handle), options);
  }
  Url borrowed_url(void* handle) const override { return url_of(static_cast<PGconn*>(handle)); }
  // On the caller's session: a second connection would need credentials retort does not have.
  std::unique_ptr<MigratorLock> lock_borrowed(void* handle, const Url&, const std::string& key,
                                              const ConnectOptions& options) const override {
    return postgres::lock_on(static_cast<PGconn*>(handle), key, options);
  }
};

}  // namespace

const Dialect& dialect() {
  static const PostgresDialect instance;
  return instance;
}

}  // namespace retort::dialects::postgres
