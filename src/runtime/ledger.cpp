#include "runtime/ledger.hpp"

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>

#include "retort/retort.hpp"
#include "support/text.hpp"

namespace retort::runtime {

namespace {

std::string literal_or_null(const dialects::Dialect& d, const std::string& s) {
  return s.empty() ? "NULL" : d.string_literal(s);
}
std::string number_or_null(const std::optional<long long>& n) { return n ? std::to_string(*n) : "NULL"; }

std::optional<long long> number(const std::optional<std::string>& s) {
  if (!s || s->empty()) return std::nullopt;
  return std::stoll(*s);
}

}  // namespace

Ledger::Ledger(const dialects::Dialect& dialect, std::string schema, std::string name)
    : dialect_(dialect), schema_(std::move(schema)), name_(std::move(name)) {}

std::string Ledger::qualified() const { return dialect_.quote_qualified({schema_, name_}); }

std::string Ledger::create_sql() const {
  // Portable types only: times are ISO 8601 text, which sorts and reads the same on every dialect.
  return fmt::format(
      "CREATE TABLE IF NOT EXISTS {} (\n"
      "    id {},\n"
      "    revision VARCHAR(255) NOT NULL,\n"
      "    direction VARCHAR(16) NOT NULL,\n"
      "    checksum VARCHAR(64),\n"
      "    started_at VARCHAR(32) NOT NULL,\n"
      "    finished_at VARCHAR(32),\n"
      "    duration_ms BIGINT,\n"
      "    statements_run INTEGER,\n"
      "    statements_total INTEGER,\n"
      "    host VARCHAR(255),\n"
      "    os_user VARCHAR(255),\n"
      "    retort_version VARCHAR(64),\n"
      "    outcome VARCHAR(16) NOT NULL\n"
      ")",
      qualified(), dialect_.numbered_key_sql());
}

bool Ledger::exists(dialects::Connection& conn) const { return conn.table_exists(schema_, name_); }

void Ledger::ensure(dialects::Connection& conn) const {
  if (!exists(conn)) conn.execute(create_sql());
}

namespace {

constexpr std::string_view kColumns =
    "(revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, statements_total, host, "
    "os_user, retort_version, outcome)";

}  // namespace

std::string Ledger::values(const LedgerEntry& e) const {
  const auto now = dialect_.utc_now_sql();
  return fmt::format("({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})", dialect_.string_literal(e.revision),
                     dialect_.string_literal(e.direction), literal_or_null(dialect_, e.checksum),
                     e.started_at.empty() ? now : dialect_.string_literal(e.started_at),
                     e.finished_at.empty() ? (e.outcome == "started" ? "NULL" : now) : dialect_.string_literal(e.finished_at),
                     number_or_null(e.duration_ms), number_or_null(e.statements_run),
                     number_or_null(e.statements_total), literal_or_null(dialect_, e.host),
                     literal_or_null(dialect_, e.os_user), literal_or_null(dialect_, e.retort_version),
                     dialect_.string_literal(e.outcome));
}

std::string Ledger::insert_sql(const LedgerEntry& e) const {
  return fmt::format("INSERT INTO {} {} VALUES {}", qualified(), kColumns, values(e));
}

std::string Ledger::insert_sql(const std::vector<LedgerEntry>& entries) const {
  std::string sql = fmt::format("INSERT INTO {} {} VALUES ", qualified(), kColumns);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += values(entries[i]);
  }
  return sql;
}

std::string Ledger::finish_sql(const LedgerEntry& e) const {
  return fmt::format(
      "UPDATE {0} SET finished_at = {1}, duration_ms = {2}, statements_run = {3}, statements_total = {4}, outcome = {5} "
      "WHERE id = (SELECT newest FROM (SELECT MAX(id) AS newest FROM {0} WHERE revision = {6} AND outcome = "
      "'started') AS started)",
      qualified(), e.finished_at.empty() ? dialect_.utc_now_sql() : dialect_.string_literal(e.finished_at),
      number_or_null(e.duration_ms), number_or_null(e.statements_run), number_or_null(e.statements_total),
      dialect_.string_literal(e.outcome), dialect_.string_literal(e.revision));
}

std::string Ledger::progress_sql(const std::string& revision, long long statements_run) const {
  // The derived table: MySQL refuses a subquery on the table an UPDATE writes.
  return fmt::format(
      "UPDATE {0} SET statements_run = {1} WHERE id = (SELECT newest FROM (SELECT MAX(id) AS newest FROM {0} WHERE "
      "revision = {2} AND outcome = 'started') AS started)",
      qualified(), statements_run, dialect_.string_literal(revision));
}

std::optional<LedgerEntry> Ledger::newest(dialects::Connection& conn) const {
  auto rows = read(conn, "ORDER BY id DESC LIMIT 1");
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::vector<LedgerEntry> Ledger::entries(dialects::Connection& conn) const { return read(conn, "ORDER BY id"); }

std::vector<LedgerEntry> Ledger::read(dialects::Connection& conn, const std::string& order) const {
  if (!exists(conn)) return {};
  std::vector<LedgerEntry> out;
  for (const auto& r : conn.query(fmt::format(
           "SELECT id, revision, direction, checksum, started_at, finished_at, duration_ms, statements_run, "
           "statements_total, host, os_user, retort_version, outcome FROM {} {}",
           qualified(), order))) {
    auto s = [&](std::size_t i) { return r[i].value_or(""); };
    LedgerEntry e;
    e.id = std::stoll(s(0));
    e.revision = s(1);
    e.direction = s(2);
    e.checksum = s(3);
    e.started_at = s(4);
    e.finished_at = s(5);
    e.duration_ms = number(r[6]);
    e.statements_run = number(r[7]);
    e.statements_total = number(r[8]);
    e.host = s(9);
    e.os_user = s(10);
    e.retort_version = s(11);
    e.outcome = s(12);
    out.push_back(std::move(e));
  }
  return out;
}

const RunContext& run_context() {
  static const RunContext context = [] {
    RunContext c;
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) == 0) c.host = host;
    passwd pw{};
    passwd* found = nullptr;
    char buffer[4096];
    if (getpwuid_r(geteuid(), &pw, buffer, sizeof buffer, &found) == 0 && found) c.os_user = found->pw_name;
    if (c.os_user.empty()) {
      const char* user = std::getenv("USER");
      if (user) c.os_user = user;
    }
    return c;
  }();
  return context;
}

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const auto secs = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

}  // namespace retort::runtime
