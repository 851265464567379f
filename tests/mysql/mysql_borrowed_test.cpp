// Commands on a MySQL session the program owns (SPEC §8), as on PostgreSQL: the migrator lock is
// taken on that session and released, session settings are put back, and the session is never
// closed. The program links MariaDB Connector/C itself, as such a program would.
#include <gtest/gtest.h>
#include <mysql.h>

#include "dialects/mysql/mysql_dialect.hpp"
#include "retort/retort.hpp"
#include "support/mariadb.hpp"
#include "support/temp_dir.hpp"

namespace retort {
namespace {

struct Session {
  Session() : conn(mysql_init(nullptr)) {}
  ~Session() { mysql_close(conn); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  std::string scalar(const std::string& sql) const {
    if (mysql_query(conn, sql.c_str()) != 0) return "error: " + std::string(mysql_error(conn));
    MYSQL_RES* r = mysql_store_result(conn);
    std::string out;
    if (r) {
      if (MYSQL_ROW row = mysql_fetch_row(r); row && row[0]) out = row[0];
      mysql_free_result(r);
    }
    return out;
  }
  MYSQL* conn;
};

TEST(MysqlBorrowed, MigratedUpAndDownOnTheCallersSession) {
  const auto socket = test::mariadb_socket();
  ASSERT_FALSE(socket.empty()) << "no MariaDB test server (RETORT_TEST_MARIADB_STATE); run through ctest";
  Session s;
  ASSERT_TRUE(mysql_real_connect(s.conn, nullptr, "root", nullptr, nullptr, 0, socket.c_str(), 0))
      << mysql_error(s.conn);
  s.scalar("DROP DATABASE IF EXISTS borrowed");
  s.scalar("CREATE DATABASE borrowed");
  ASSERT_EQ(mysql_select_db(s.conn, "borrowed"), 0);
  test::TempDir dir;
  dir.write("versions/r1.sql",
            "-- one\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE one (id INT AUTO_INCREMENT "
            "PRIMARY KEY);\n-- migrate:downgrade\nDROP TABLE one;\n");
  auto config = Config::for_directory(dir.path(), "");
  config.lock_timeout = "3s";
  const auto id = s.scalar("SELECT CONNECTION_ID()");
  const auto wait = s.scalar("SELECT @@SESSION.lock_wait_timeout");
  upgrade(config, s.conn, "head");
  // Same session, still open, not in a transaction, its settings back, and no named lock left.
  EXPECT_EQ(s.scalar("SELECT CONNECTION_ID()"), id);
  EXPECT_EQ(s.conn->server_status & SERVER_STATUS_IN_TRANS, 0u);
  EXPECT_EQ(s.scalar("SELECT @@SESSION.lock_wait_timeout"), wait);
  EXPECT_NE(wait, "3");
  EXPECT_EQ(s.scalar("SELECT IS_USED_LOCK('retort:borrowed.retort_version') IS NULL"), "1");
  EXPECT_EQ(s.scalar("SELECT version_num FROM retort_version"), "r1");
  s.scalar("INSERT INTO one () VALUES ()");
  EXPECT_EQ(s.scalar("SELECT LAST_INSERT_ID()"), "1");
  auto cur = current(config, s.conn);
  EXPECT_EQ(cur.revisions.at(0).id, "r1");
  EXPECT_EQ(cur.url.find("mysql://root@/borrowed"), 0u) << cur.url;
  downgrade(config, s.conn, "base");
  EXPECT_EQ(s.scalar("SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'borrowed' AND "
                     "TABLE_NAME = 'one'"),
            "0");

  // Inside a transaction: refused, and the caller's transaction is left as it was.
  s.scalar("START TRANSACTION");
  EXPECT_THROW(upgrade(config, s.conn, "head"), Error);
  EXPECT_NE(s.conn->server_status & SERVER_STATUS_IN_TRANS, 0u);
  s.scalar("ROLLBACK");
  s.scalar("DROP DATABASE borrowed");
}

}  // namespace
}  // namespace retort

namespace retort {
namespace {

// The config's timeouts as the session's settings: lock_timeout in whole seconds (rounded up),
// statement_timeout as MariaDB's max_statement_time.
TEST(MysqlSettings, TimeoutsBecomeSessionSettings) {
  ASSERT_FALSE(test::mariadb_socket().empty()) << "no MariaDB test server (RETORT_TEST_MARIADB_STATE); run through ctest";
  dialects::ConnectOptions options;
  options.lock_timeout = "2500ms";
  options.statement_timeout = "1500ms";
  dialects::mysql::MysqlConnection conn(Url::parse(test::mariadb_url("mysql")), options);
  EXPECT_EQ(conn.query_column("SELECT @@SESSION.lock_wait_timeout").front(), "3");
  EXPECT_EQ(conn.query_column("SELECT @@SESSION.innodb_lock_wait_timeout").front(), "3");
  EXPECT_EQ(conn.query_column("SELECT @@SESSION.max_statement_time").front(), "1.500000");
  options.lock_timeout = "soon";
  EXPECT_THROW(dialects::mysql::MysqlConnection(Url::parse(test::mariadb_url("mysql")), options), Error);
}

}  // namespace
}  // namespace retort
