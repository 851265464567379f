// The MySQL migrator lock: GET_LOCK on a dedicated connection, polled with a zero timeout and
// jittered back-off (as the PostgreSQL lock is), so the waiting message can name the holder
// (IS_USED_LOCK and the process list). The server releases it when that connection ends.
// Lock names are server-wide, so the name holds the database as well as the version table.

#include <fmt/format.h>

#include <chrono>

#include "dialects/mysql/libmariadb.hpp"
#include "dialects/mysql/mysql_dialect.hpp"
#include "dialects/statements.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects::mysql {

namespace {

class NamedLock final : public MigratorLock {
 public:
  NamedLock(std::unique_ptr<MysqlConnection> conn, std::string name) : conn_(std::move(conn)), name_(std::move(name)) {}
  ~NamedLock() override {
    try {
      conn_->execute(fmt::format("DO RELEASE_LOCK({})", literal(name_)));
    } catch (...) {
      // Closing the connection releases it anyway.
    }
  }

 private:
  std::unique_ptr<MysqlConnection> conn_;
  std::string name_;
};

/// "connection 42, user 'app'@'10.0.0.5', for 3 s" for the session holding `name`.
std::string holder(MysqlConnection& conn, const std::string& name) {
  auto rows = conn.query(fmt::format(
      "SELECT CONCAT('connection ', id, ', user ''', user, '''@''', host, ''', for ', time, ' s') FROM "
      "information_schema.processlist WHERE id = IS_USED_LOCK({})",
      literal(name)));
  return rows.empty() || !rows.front().front() ? std::string("a session that just finished") : *rows.front().front();
}

}  // namespace

namespace {

std::unique_ptr<MigratorLock> take(std::unique_ptr<MysqlConnection> conn, const std::string& key,
                                   const ConnectOptions& options) {
  const auto database = conn->query_column("SELECT DATABASE()").front();
  // GET_LOCK names are at most 64 characters: a long one is shortened to a stable hash.
  auto name = fmt::format("retort:{}.{}", database, key);
  if (name.size() > 64) name = fmt::format("retort:{:016x}", text::Fnv1a().add(name).value());
  const auto shown = fmt::format("{}.{}", database, key);
  const auto started = std::chrono::steady_clock::now();
  for (int attempt = 0;; ++attempt) {
    if (conn->query_column(fmt::format("SELECT GET_LOCK({}, 0)", literal(name))).front() == "1")
      return std::make_unique<NamedLock>(std::move(conn), name);
    if (attempt == 0 && options.on_wait) {
      options.on_wait(fmt::format("Waiting for another migrator ({}) holding the lock on {} (up to {})",
                                  holder(*conn, name), shown, wait_text(options.wait)));
    }
    if (std::chrono::steady_clock::now() - started >= options.wait) {
      throw Error(ErrorCode::Lock, fmt::format("Gave up after {} waiting for another migrator ({}) holding the lock "
                                               "on {}; nothing was changed",
                                               wait_text(options.wait), holder(*conn, name), shown))
          .with_dialect("mysql");
    }
    back_off(attempt);
  }
}

}  // namespace

std::unique_ptr<MigratorLock> lock_migrator(const Url& url, const std::string& key, const ConnectOptions& options) {
  return take(std::make_unique<MysqlConnection>(url, options), key, options);
}

std::unique_ptr<MigratorLock> lock_on(MYSQL* borrowed, const std::string& key, const ConnectOptions& options) {
  // A wrapper of the caller's session that changes no setting: the lock is the session's own.
  ConnectOptions plain;
  plain.wait = options.wait;
  plain.on_wait = options.on_wait;
  return take(std::make_unique<MysqlConnection>(borrowed, plain), key, options);
}

Url url_of(MYSQL* conn) {
  const auto* db = conn->db;
  auto text = fmt::format("mysql://{}@{}{}/{}", conn->user ? conn->user : "",
                          conn->unix_socket ? "" : (conn->host ? conn->host : ""),
                          conn->unix_socket || !conn->port ? std::string() : fmt::format(":{}", conn->port),
                          db ? db : "");
  if (conn->unix_socket) text += fmt::format("?unix_socket={}", conn->unix_socket);
  return Url::parse(text);
}

}  // namespace retort::dialects::mysql
