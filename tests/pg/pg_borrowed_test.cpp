// Commands on a PostgreSQL session the program owns (SPEC §8): the migrator lock is taken on that
// session, session settings are put back, and the session is never closed.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "retort/retort.hpp"
#include "support/pg.hpp"
#include "support/temp_dir.hpp"

namespace retort {
namespace {

struct Session {
  explicit Session(const std::string& url) : conn(PQconnectdb(url.c_str())) {}
  ~Session() { PQfinish(conn); }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  std::string scalar(const std::string& sql) const {
    PGresult* r = PQexec(conn, sql.c_str());
    std::string out = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
    PQclear(r);
    return out;
  }
  PGconn* conn;
};

TEST(PgBorrowed, MigratedUpAndDownOnTheCallersSession) {
  ASSERT_FALSE(test::pg_admin_url().empty()) << "no test cluster (run through ctest)";
  test::recreate_pg_database("borrowed");
  test::TempDir dir;
  dir.write("versions/r1.sql",
            "-- one\n--\n-- Revision ID: r1\n-- Revises:\n\n-- migrate:upgrade\nCREATE TABLE one (id serial "
            "PRIMARY KEY);\n-- migrate:downgrade\nDROP TABLE one;\n");
  Session s(test::pg_database_url("borrowed"));
  ASSERT_EQ(PQstatus(s.conn), CONNECTION_OK) << PQerrorMessage(s.conn);
  auto config = Config::for_directory(dir.path(), "");
  config.lock_timeout = "3s";
  const auto pid = s.scalar("SELECT pg_backend_pid()");
  upgrade(config, s.conn, "head");
  // Same session, still open, still idle, its settings back, and no advisory lock left on it.
  ASSERT_EQ(PQstatus(s.conn), CONNECTION_OK);
  EXPECT_EQ(s.scalar("SELECT pg_backend_pid()"), pid);
  EXPECT_EQ(PQtransactionStatus(s.conn), PQTRANS_IDLE);
  EXPECT_EQ(s.scalar("SHOW lock_timeout"), "0");
  // This session's locks only: scenarios running beside this test hold advisory locks of their own.
  EXPECT_EQ(s.scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"), "0");
  EXPECT_EQ(s.scalar("SELECT version_num FROM retort_version"), "r1");
  EXPECT_EQ(s.scalar("INSERT INTO one DEFAULT VALUES RETURNING id"), "1");
  auto cur = current(config, s.conn);
  EXPECT_EQ(cur.revisions.at(0).id, "r1");
  EXPECT_EQ(cur.url.find("postgresql://"), 0u) << cur.url;
  downgrade(config, s.conn, "base");
  EXPECT_EQ(s.scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'one'"), "0");

  // Inside a transaction: refused, and the caller's transaction is left as it was.
  PQclear(PQexec(s.conn, "BEGIN"));
  EXPECT_THROW(upgrade(config, s.conn, "head"), Error);
  EXPECT_EQ(PQtransactionStatus(s.conn), PQTRANS_INTRANS);
  PQclear(PQexec(s.conn, "ROLLBACK"));
}

}  // namespace
}  // namespace retort
