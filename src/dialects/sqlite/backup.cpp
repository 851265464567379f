// Online backup and restore with SQLite's backup API (https://www.sqlite.org/backup.html): a
// consistent copy while other connections go on reading, without copying files under their feet.

#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "dialects/sqlite/sqlite_dialect.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects::sqlite {

namespace {

struct Db {
  sqlite3* db = nullptr;
  ~Db() { sqlite3_close(db); }
};

void open(Db& d, const std::string& path, int flags, const std::string& what) {
  if (sqlite3_open_v2(path.c_str(), &d.db, flags, nullptr) != SQLITE_OK) {
    throw Error(ErrorCode::Io, fmt::format("Cannot open {} {}: {}", what, text::shown(path),
                                           d.db ? sqlite3_errmsg(d.db) : "out of memory"))
        .at_file(path)
        .with_dialect("sqlite");
  }
}

/// Copies `from` into `to` page by page; a page another connection is writing is retried until
/// `wait` has passed.
void copy(sqlite3* to, sqlite3* from, std::chrono::milliseconds wait, const std::string& named) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) throw Error(ErrorCode::Database, fmt::format("Cannot copy {}: {}", named, sqlite3_errmsg(to)));
  const auto deadline = std::chrono::steady_clock::now() + wait;
  int rc = SQLITE_OK;
  while (true) {
    rc = sqlite3_backup_step(b, -1);
    if (rc == SQLITE_DONE || (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)) break;
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    throw Error(ErrorCode::Database, fmt::format("Copying {} failed: {}", named, sqlite3_errstr(rc)))
        .with_dialect("sqlite");
  }
}

class SqliteBackups final : public FileBackups {
 public:
  void backup(const Url& url, const std::filesystem::path& file, const ConnectOptions& options) const override;
  void restore(const Url& url, const std::filesystem::path& file, const ConnectOptions& options) const override;
};

}  // namespace

const FileBackups& file_backups() {
  static const SqliteBackups instance;
  return instance;
}

void SqliteBackups::backup(const Url& url, const std::filesystem::path& file, const ConnectOptions& options) const {
  Db source, copy_to;
  open(source, url.database, SQLITE_OPEN_READONLY, "the SQLite database");
  open(copy_to, file.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "the backup file");
  copy(copy_to.db, source.db, options.wait, fmt::format("{} to {}", url.database, file.string()));
}

void SqliteBackups::restore(const Url& url, const std::filesystem::path& file, const ConnectOptions& options) const {
  Db target, from;
  open(from, file.string(), SQLITE_OPEN_READONLY, "the backup file");
  if (sqlite3_exec(from.db, "SELECT 1 FROM sqlite_master LIMIT 1", nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw Error(ErrorCode::Io, fmt::format("{} is not an SQLite database", text::shown(file.string())))
        .at_file(file.string());
  }
  open(target, url.database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "the SQLite database");
  copy(target.db, from.db, options.wait, fmt::format("{} into {}", file.string(), url.database));
}

}  // namespace retort::dialects::sqlite
