#include "dialects/sqlite/create_sql.hpp"
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
  std::string_view title() const override { return "SQLite"; }
  // SQLite runs DDL inside transactions; retort uses that (Alembic does not).
  bool transactional_ddl() const override { return true; }
  std::unique_ptr<Connection> connect(const Url& url, const ConnectOptions& options) const override {
    return std::make_unique<SqliteConnection>(url, options);
  }
  std::vector<Statement> split(std::string_view script, int first_line) const override {
    return sqlite::split(script, first_line);
  }
  // `sqlite3 db .schema` prints sqlite_sequence, which only SQLite itself may create (it comes
  // with the first AUTOINCREMENT table); the rest runs as written, statement by statement.
  void load_schema(Connection& conn, std::string_view script) const override {
    for (const auto& s : sqlite::split(script, 1)) {
      const auto words = normalise_sql(s.sql.substr(0, 64));
      if (words.starts_with("create table sqlite_sequence") ||
          words.starts_with("create table if not exists sqlite_sequence"))
        continue;
      conn.run_script(s.sql, s.line, [](const Statement&, std::chrono::nanoseconds) {});
    }
  }
  const FileBackups* file_backups() const override { return &sqlite::file_backups(); }
  std::string numbered_key_sql() const override { return "INTEGER PRIMARY KEY"; }  // the rowid
  std::string utc_now_sql() const override { return "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"; }
  // A table rebuild drops the old table: with enforcement on, that would cascade to child rows.
  ScriptFrame offline_frame(const Url& /*url*/) const override {
    return {"retort runs migrations with foreign-key enforcement off (a table rebuild must not cascade)",
            {"PRAGMA foreign_keys = OFF"},
            {"PRAGMA foreign_keys = ON"}};
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
  std::optional<std::string> serverless_url() const override { return "sqlite://"; }
  std::unique_ptr<Connection> borrow(void* handle, const ConnectOptions& options) const override {
    auto* db = static_cast<sqlite3*>(handle);
    return std::make_unique<SqliteConnection>(db, url_of(db), options);
  }
  Url borrowed_url(void* handle) const override { return url_of(static_cast<sqlite3*>(handle)); }
  // The same lock file as any other migrator of that file (none in memory); the write lock is the
  // caller's connection's BEGIN IMMEDIATE.
  std::unique_ptr<MigratorLock> lock_borrowed(void*, const Url& url, const std::string&,
                                              const ConnectOptions& options) const override {
    return sqlite::lock_migrator(url, options);
  }
};

}  // namespace

const Dialect& dialect() {
  static const SqliteDialect instance;
  return instance;
}

}  // namespace retort::dialects::sqlite
