#include <fmt/format.h>
#include <unistd.h>
#include <random>

#include "dialects/postgres/postgres_dialect.hpp"
#include "retort/error.hpp"

namespace retort::dialects::postgres {

namespace {

class SchemaScratch final : public Scratch {
 public:
  SchemaScratch(std::unique_ptr<PostgresConnection> conn, std::string schema, bool on_target)
      : conn_(std::move(conn)), schema_(std::move(schema)), on_target_(on_target) {
    if (on_target_) conn_->begin();  // everything below is rolled back in the destructor
    conn_->execute(fmt::format("CREATE SCHEMA {}", schema_));
    conn_->execute(fmt::format("SET {}search_path TO {}", on_target_ ? "LOCAL " : "", schema_));
  }
  ~SchemaScratch() override {
    try {
      if (on_target_) {
        conn_->rollback();
      } else {
        if (conn_->in_transaction()) conn_->rollback();
        conn_->execute(fmt::format("DROP SCHEMA {} CASCADE", schema_));
      }
    } catch (...) {
      // Cleaning up must not hide the error that got us here.
    }
  }
  Connection& connection() override { return *conn_; }
  InspectOptions inspect_options() const override {
    InspectOptions o;
    o.schema = schema_;
    return o;
  }

 private:
  std::unique_ptr<PostgresConnection> conn_;
  std::string schema_;
  bool on_target_;
};

}  // namespace

std::unique_ptr<Scratch> scratch(const Url& target, const std::string& dev_url, const ConnectOptions& options,
                                 bool autocommit) {
  std::random_device rd;
  auto name = fmt::format("retort_scratch_{}_{:08x}", ::getpid(), rd());
  if (!dev_url.empty()) {
    return std::make_unique<SchemaScratch>(std::make_unique<PostgresConnection>(Url::parse(dev_url), options), name,
                                           false);
  }
  if (autocommit) {
    throw Error(ErrorCode::Config,
                "Replaying the migrations on PostgreSQL needs a scratch database: set dev_url in the config "
                "(transaction:false sections cannot run inside the rolled-back transaction used otherwise)")
        .with_dialect("postgresql");
  }
  return std::make_unique<SchemaScratch>(std::make_unique<PostgresConnection>(target, options), name, true);
}

}  // namespace retort::dialects::postgres
