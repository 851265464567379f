// The scratch place for a desired schema or a replay of migrations: a schema of its own (in
// dev_url, or in a transaction on the target that is always rolled back), plus one more per schema
// the scripts create or name. SQL run through the scratch connection has its schema names mapped
// (schema_names.hpp), and the inspector is told the real names back.

#include <fmt/format.h>
#include <unistd.h>
#include <random>

#include "dialects/postgres/postgres_dialect.hpp"
#include "dialects/postgres/schema_names.hpp"
#include "retort/error.hpp"

namespace retort::dialects::postgres {

namespace {

/// A connection whose SQL has its schema names mapped to scratch names first.
class MappedConnection final : public Connection {
 public:
  MappedConnection(PostgresConnection& conn, SchemaNames& names) : conn_(conn), names_(names) {}
  void run_script(std::string_view script, int first_line, const StatementCallback& on_statement) override {
    conn_.run_script(names_.rewrite(script), first_line, on_statement);
  }
  long long execute(std::string_view sql) override { return conn_.execute(names_.rewrite(sql)); }
  std::vector<Row> query(std::string_view sql) override { return conn_.query(names_.rewrite(sql)); }
  bool table_exists(const std::string& schema, const std::string& table) override {
    const auto* mapped = names_.find(schema);
    return conn_.table_exists(mapped ? *mapped : schema, table);
  }
  void begin() override { conn_.begin(); }
  void commit() override { conn_.commit(); }
  void rollback() override { conn_.rollback(); }
  [[nodiscard]] bool in_transaction() const override { return conn_.in_transaction(); }

 private:
  PostgresConnection& conn_;
  SchemaNames& names_;
};

std::string current_schema(PostgresConnection& conn) {
  auto rows = conn.query("SELECT current_schema()");
  return rows.empty() || !rows.front().front() ? std::string("public") : *rows.front().front();
}

class SchemaScratch final : public Scratch {
 public:
  SchemaScratch(std::unique_ptr<PostgresConnection> conn, const std::string& prefix, bool on_target)
      : conn_(std::move(conn)), names_(prefix, current_schema(*conn_)), mapped_(*conn_, names_), on_target_(on_target) {
    if (on_target_) conn_->begin();  // everything below is rolled back in the destructor
    conn_->execute(fmt::format("CREATE SCHEMA {}", names_.default_scratch()));
    conn_->execute(fmt::format("SET {}search_path TO {}", on_target_ ? "LOCAL " : "", names_.default_scratch()));
  }
  ~SchemaScratch() override {
    try {
      if (on_target_) {
        conn_->rollback();
      } else {
        if (conn_->in_transaction()) conn_->rollback();
        // Every schema a script created or was given, mapped or not yet.
        auto rows =
            conn_->query(fmt::format("SELECT quote_ident(nspname) FROM pg_namespace WHERE starts_with(nspname, '{}')",
                                     names_.default_scratch()));
        for (const auto& row : rows) conn_->execute(fmt::format("DROP SCHEMA {} CASCADE", row.front().value_or("")));
      }
    } catch (...) {
      // Cleaning up must not hide the error that got us here.
    }
  }
  Connection& connection() override { return mapped_; }
  InspectOptions inspect_options() const override {
    InspectOptions o;
    o.schema = names_.default_scratch();
    o.schemas = names_.others();
    return o;
  }
  void provide_schemas(const std::vector<std::string>& names) override {
    for (const auto& name : names) {
      if (!names_.find(name)) conn_->execute(fmt::format("CREATE SCHEMA {}", names_.provide(name)));
    }
  }

 private:
  std::unique_ptr<PostgresConnection> conn_;
  SchemaNames names_;
  MappedConnection mapped_;
  bool on_target_;
};

}  // namespace

std::unique_ptr<Scratch> scratch(const Url& target, const std::string& dev_url, const ConnectOptions& options,
                                 bool autocommit) {
  std::random_device rd;
  auto prefix = fmt::format("retort_scratch_{}_{:08x}", ::getpid(), rd());
  if (!dev_url.empty()) {
    return std::make_unique<SchemaScratch>(std::make_unique<PostgresConnection>(Url::parse(dev_url), options), prefix,
                                           false);
  }
  if (autocommit) {
    throw Error(ErrorCode::Config,
                "Replaying the migrations on PostgreSQL needs a scratch database: set dev_url in the config "
                "(transaction:false sections cannot run inside the rolled-back transaction used otherwise)")
        .with_dialect("postgresql");
  }
  return std::make_unique<SchemaScratch>(std::make_unique<PostgresConnection>(target, options), prefix, true);
}

}  // namespace retort::dialects::postgres
