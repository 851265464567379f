// The PostgreSQL migrator lock: a session-level advisory lock on a dedicated connection, taken by
// polling pg_try_advisory_lock with jittered back-off. A waiting migrator therefore holds no open
// transaction or snapshot, so it can never block a running CREATE INDEX CONCURRENTLY (which waits
// for every older snapshot) — the deadlock of tools that block in pg_advisory_lock instead.

#include <fmt/format.h>
#include <chrono>

#include "dialects/postgres/libpq.hpp"
#include "dialects/postgres/postgres_dialect.hpp"
#include "dialects/statements.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects::postgres {

namespace {

std::string scalar(PGconn* conn, const std::string& sql) {
  std::unique_ptr<PGresult, ResultDeleter> res(libpq().exec(conn, sql.c_str()));
  if (libpq().result_status(res.get()) != PGRES_TUPLES_OK) {
    throw Error(ErrorCode::Lock, fmt::format("Migrator lock query failed: {}", text::trim(libpq().error_message(conn))))
        .with_statement(sql)
        .with_dialect("postgresql");
  }
  return libpq().ntuples(res.get()) > 0 ? libpq().getvalue(res.get(), 0, 0) : "";
}

class AdvisoryLock final : public MigratorLock {
 public:
  AdvisoryLock(PGconn* conn, long long key, bool owned) : conn_(conn), key_(key), owned_(owned) {}
  ~AdvisoryLock() override {
    // Closing the session releases the lock as well; unlocking first makes it immediate.
    libpq().clear(libpq().exec(conn_, fmt::format("SELECT pg_advisory_unlock({})", key_).c_str()));
    if (owned_) libpq().finish(conn_);
  }
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;

 private:
  PGconn* conn_;
  long long key_;
  bool owned_;
};

/// "pid 123, application 'retort', since 10:00:01" for the session holding the lock.
std::string holder(PGconn* conn, long long key) {
  auto k = static_cast<unsigned long long>(key);
  auto sql = fmt::format(
      "SELECT format('pid %s, application ''%s''%s, since %s', a.pid, a.application_name, "
      "coalesce(', client ' || host(a.client_addr), ''), to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS')) "
      "FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = {}::oid AND l.objid = {}::oid AND l.objsubid = 1",
      k >> 32, k & 0xffffffffULL);
  auto who = scalar(conn, sql);
  return who.empty() ? std::string("a session that just finished") : who;
}

}  // namespace

long long lock_key(const std::string& qualified_name) {
  return static_cast<long long>(text::Fnv1a().add("retort:").add(qualified_name).value());
}

namespace {

/// `key` (the version table's name) with the schema it resolves to on `conn` when it names none:
/// tenants sharing a database, one schema (search_path) each, must not wait on one another.
std::string qualified_key(PGconn* conn, const std::string& key) {
  bool quoted = false;
  for (char c : key) {
    if (c == '"') quoted = !quoted;
    if (c == '.' && !quoted) return key;
  }
  auto schema = scalar(conn, "SELECT quote_ident(current_schema())");
  return schema.empty() ? key : schema + "." + key;
}

/// Polls for the lock on `conn`; throws Error(Lock) after options.wait.
void acquire(PGconn* conn, long long k, const std::string& key, const ConnectOptions& options) {
  auto started = std::chrono::steady_clock::now();
  for (int attempt = 0;; ++attempt) {
    if (scalar(conn, fmt::format("SELECT pg_try_advisory_lock({})", k)) == "t") return;
    if (attempt == 0 && options.on_wait) {
      options.on_wait(fmt::format("Waiting for another migrator ({}) holding the lock on {} (up to {})",
                                  holder(conn, k), key, wait_text(options.wait)));
    }
    if (std::chrono::steady_clock::now() - started >= options.wait) {
      throw Error(ErrorCode::Lock, fmt::format("Gave up after {} waiting for another migrator ({}) holding the lock "
                                               "on {}; nothing was changed",
                                               wait_text(options.wait), holder(conn, k), key))
          .with_dialect("postgresql");
    }
    back_off(attempt);
  }
}

}  // namespace

std::unique_ptr<MigratorLock> lock_migrator(const Url& url, const std::string& key, const ConnectOptions& options) {
  auto lock_options = options;
  lock_options.application_name = options.application_name + " (migrator lock)";
  PGconn* conn = open(url, lock_options);
  try {
    const auto qualified = qualified_key(conn, key);
    const long long k = lock_key(qualified);
    acquire(conn, k, qualified, options);
    return std::make_unique<AdvisoryLock>(conn, k, true);
  } catch (...) {
    libpq().finish(conn);
    throw;
  }
}

std::unique_ptr<MigratorLock> lock_on(PGconn* conn, const std::string& key, const ConnectOptions& options) {
  const auto qualified = qualified_key(conn, key);
  const long long k = lock_key(qualified);
  acquire(conn, k, qualified, options);
  return std::make_unique<AdvisoryLock>(conn, k, false);
}

}  // namespace retort::dialects::postgres
