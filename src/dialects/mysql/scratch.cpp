// A scratch database on a MySQL server: `CREATE DATABASE retort_scratch_<pid>_<random>` with the
// character set and collation of the database it is made beside, so tables loaded into it inherit
// what they would inherit on the target, and dropped when the run ends. MySQL has no transactional
// DDL, so there is no cheaper way to try a schema out.

#include <fmt/format.h>
#include <unistd.h>
#include <random>

#include "dialects/mysql/mysql_dialect.hpp"
#include "support/text.hpp"

namespace retort::dialects::mysql {

namespace {

class TemporaryDatabase final : public Scratch {
 public:
  TemporaryDatabase(const Url& server, const ConnectOptions& options, std::string name)
      : admin_(std::make_unique<MysqlConnection>(server, options)), name_(std::move(name)) {
    const auto rows = admin_->query(
        "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA "
        "WHERE SCHEMA_NAME = DATABASE()");
    std::string defaults;
    if (!rows.empty() && rows.front()[0] && rows.front()[1])
      defaults = fmt::format(" CHARACTER SET {} COLLATE {}", *rows.front()[0], *rows.front()[1]);
    try {
      admin_->execute(fmt::format("CREATE DATABASE {}{}", dialect().quote_identifier(name_), defaults));
    } catch (const Error& e) {
      throw Error(ErrorCode::Config,
                  fmt::format("Loading a schema on MySQL needs a scratch database: set dev_url in the config to a "
                              "server where the user may create databases, or grant CREATE (CREATE DATABASE failed "
                              "on {}: {})",
                              server.masked(), e.message()))
          .with_dialect("mysql");
    }
    Url url = server;
    url.database = name_;
    url.original = fmt::format("{} (temporary database {})", server.masked(), name_);
    conn_ = std::make_unique<MysqlConnection>(url, options);
  }
  ~TemporaryDatabase() override {
    conn_.reset();
    try {
      admin_->execute(fmt::format("DROP DATABASE IF EXISTS {}", dialect().quote_identifier(name_)));
    } catch (const Error&) {
      // Best effort: a leftover retort_scratch_* database is harmless and named for its process.
    }
  }
  TemporaryDatabase(const TemporaryDatabase&) = delete;
  TemporaryDatabase& operator=(const TemporaryDatabase&) = delete;
  Connection& connection() override { return *conn_; }
  InspectOptions inspect_options() const override {
    InspectOptions o;
    o.schema = name_;
    return o;
  }

 private:
  std::unique_ptr<MysqlConnection> admin_;
  std::string name_;
  std::unique_ptr<MysqlConnection> conn_;
};

}  // namespace

std::unique_ptr<Scratch> scratch(const Url& target, const std::string& dev_url, const ConnectOptions& options) {
  std::random_device rd;
  const auto name = fmt::format("retort_scratch_{}_{:08x}", ::getpid(), rd());
  return std::make_unique<TemporaryDatabase>(dev_url.empty() ? target : Url::parse(dev_url), options, name);
}

}  // namespace retort::dialects::mysql
