#include "dialects/sqlite/sqlite_dialect.hpp"

namespace retort::dialects::sqlite {

namespace {

/// SQLite's scratch database is simply one in memory.
class MemoryScratch final : public Scratch {
 public:
  explicit MemoryScratch(const ConnectOptions& options)
      : conn_(std::make_unique<SqliteConnection>(Url::parse("sqlite://"), options)) {}
  Connection& connection() override { return *conn_; }
  InspectOptions inspect_options() const override { return {}; }

 private:
  std::unique_ptr<SqliteConnection> conn_;
};

class SqliteDialect final : public Dialect {
 public:
  std::string_view name() const override { return "sqlite"; }
  // SQLite runs DDL inside transactions; retort uses that (Alembic does not).
  bool transactional_ddl() const override { return true; }
  std::unique_ptr<Connection> connect(const Url& url, const ConnectOptions& options) const override {
    return std::make_unique<SqliteConnection>(url, options);
  }
  std::vector<Statement> split(std::string_view script, int first_line) const override {
    return sqlite::split(script, first_line);
  }
  const Inspector* inspector() const override { return &sqlite::inspector(); }
  const Renderer* renderer() const override { return &sqlite::renderer(); }
  std::unique_ptr<Scratch> scratch(const Url&, const std::string&, const ConnectOptions& options, bool) const override {
    return std::make_unique<MemoryScratch>(options);
  }
  std::unique_ptr<MigratorLock> lock_migrator(const Url& url, const std::string& /*key*/,
                                              const ConnectOptions& options) const override {
    return sqlite::lock_migrator(url, options);  // one file per database: the key is implied
  }
};

}  // namespace

const Dialect& dialect() {
  static const SqliteDialect instance;
  return instance;
}

}  // namespace retort::dialects::sqlite
