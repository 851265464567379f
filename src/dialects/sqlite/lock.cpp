// The SQLite migrator lock: an flock(2) on a file beside the database, held for the whole run, so
// per-step commits and transaction:false sections are covered too. A separate file (not the
// database itself) because closing any descriptor of the database file would drop SQLite's own
// POSIX locks held by this process. The kernel releases it when the process dies.

#include <filesystem>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

#include "dialects/sqlite/sqlite_dialect.hpp"
#include "dialects/statements.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::dialects::sqlite {

namespace {

class FileLock final : public MigratorLock {
 public:
  explicit FileLock(int fd) : fd_(fd) {}
  ~FileLock() override {
    if (fd_ >= 0) {
      flock(fd_, LOCK_UN);
      close(fd_);
    }
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

class NoLock final : public MigratorLock {};

/// "process 1234" for the holder of the flock on `fd`'s file, read from /proc/locks (Linux).
std::string holder_of(int fd) {
  struct stat st {};
  if (fstat(fd, &st) != 0) return "another process";
  auto id = fmt::format("{:02x}:{:02x}:{}", major(st.st_dev), minor(st.st_dev), st.st_ino);
  std::ifstream locks("/proc/locks");
  for (std::string line; std::getline(locks, line);) {
    // "1: FLOCK  ADVISORY  WRITE 4242 08:01:1311 0 EOF"
    std::istringstream in(line);
    std::string n, kind, mode, access, pid, file;
    if (in >> n >> kind >> mode >> access >> pid >> file && kind == "FLOCK" && file == id) return "process " + pid;
  }
  return "another process";
}

}  // namespace

std::string lock_path(const Url& url) { return url.database + ".retort-lock"; }

std::unique_ptr<MigratorLock> lock_migrator(const Url& url, const ConnectOptions& options) {
  // Nobody else can see an in-memory database (":memory:", or a URI with mode=memory): no file.
  if (url.is_memory()) return std::make_unique<NoLock>();
  std::error_code ec;
  if (std::filesystem::is_directory(url.database, ec)) {
    // Refused before a lock file is left beside it.
    throw Error(ErrorCode::Config, fmt::format("The SQLite database {} is a directory", url.database))
        .at_file(url.database)
        .with_dialect("sqlite");
  }
  auto path = lock_path(url);
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw Error(ErrorCode::Lock, fmt::format("Cannot open the migrator lock file {}: {}", path, std::strerror(errno)))
        .at_file(path)
        .with_dialect("sqlite");
  }
  auto started = std::chrono::steady_clock::now();
  for (int attempt = 0;; ++attempt) {
    if (flock(fd, LOCK_EX | LOCK_NB) == 0) break;
    if (errno != EWOULDBLOCK && errno != EINTR) {
      auto err = std::strerror(errno);
      close(fd);
      throw Error(ErrorCode::Lock, fmt::format("Cannot lock {}: {}", path, err)).at_file(path).with_dialect("sqlite");
    }
    auto holder = holder_of(fd);
    if (attempt == 0 && options.on_wait) {
      options.on_wait(fmt::format("Waiting for another migrator ({}) holding {} (up to {})", holder, path,
                                  wait_text(options.wait)));
    }
    if (std::chrono::steady_clock::now() - started >= options.wait) {
      close(fd);
      throw Error(ErrorCode::Lock, fmt::format("Gave up after {} waiting for another migrator ({}) holding {}; nothing "
                                               "was changed",
                                               wait_text(options.wait), holder, path))
          .with_dialect("sqlite");
    }
    back_off(attempt);
  }
  return std::make_unique<FileLock>(fd);
}

}  // namespace retort::dialects::sqlite
