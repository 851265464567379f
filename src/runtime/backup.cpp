#include "runtime/backup.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <ctime>

#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::runtime {

namespace fs = std::filesystem;

namespace {

/// "20261201T114801.123Z": sortable, and no ':' (not allowed in file names everywhere).
std::string stamp_now() {
  const auto now = std::chrono::system_clock::now();
  const auto secs = std::chrono::system_clock::to_time_t(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                     tm.tm_min, tm.tm_sec, ms);
}

std::string rows_name(const std::vector<std::string>& rows) {
  if (rows.empty()) return "base";
  std::string out;
  for (const auto& row : rows) {
    if (!out.empty()) out += '+';
    for (char c : row) out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ? c : '_';
  }
  return out;
}

/// Runs `command` with /bin/sh; its output goes to stderr (stdout may carry --json).
int run_shell(const std::string& command, const std::vector<std::pair<std::string, std::string>>& env) {
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    dup2(2, 1);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace

std::vector<fs::path> backups(Project& project) {
  const fs::path db = project.url().database;
  std::vector<fs::path> out;
  std::error_code ec;
  const auto prefix = db.filename().string() + ".";
  for (const auto& entry : fs::directory_iterator(db.parent_path().empty() ? fs::path(".") : db.parent_path(), ec)) {
    const auto name = entry.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(".bak"))
      out.push_back(db.parent_path().empty() ? entry.path().filename() : entry.path());
  }
  // The name holds the UTC time right after the database's name: newest first by name.
  std::sort(out.begin(), out.end(), [](const fs::path& a, const fs::path& b) { return a.filename() > b.filename(); });
  return out;
}

void backup_before_run(Project& project, const std::vector<std::string>& rows, EventSink& sink) {
  const auto& config = project.config();
  const auto at = rows.empty() ? std::string("base") : text::join(rows, " ");
  if (!config.backup_command.empty()) {
    const int rc = run_shell(config.backup_command,
                             {{"RETORT_URL", project.url().original}, {"RETORT_REVISION", at}});
    if (rc != 0) {
      throw Error(ErrorCode::Migration,
                  fmt::format("backup_command failed (exit {}), so nothing was run; the database is still at {}", rc,
                              at))
          .with_statement(config.backup_command);
    }
    sink.on(Info{fmt::format("Backed up with backup_command (database at {})", at)});
    return;
  }
  const auto& url = project.url();
  if (url.is_memory()) {
    sink.on(Warning{fmt::format("{} is in memory: there is nothing to back up", url.masked())});
    return;
  }
  const auto file = fs::path(url.database + "." + stamp_now() + "." + rows_name(rows) + ".bak");
  const auto* files = project.dialect().file_backups();
  if (!files) {
    throw Error(ErrorCode::Config,
                fmt::format("backup is on, and {} has no built-in backup: set backup_command (for example a pg_dump) "
                            "in the config; nothing was run",
                            project.dialect().name()))
        .at_file(config.config_file.string());
  }
  files->backup(url, file, project.connect_options());
  sink.on(Info{fmt::format("Backed up {} to {} (at {})", url.database, file.string(), at)});
  if (config.backup_keep > 0) {
    auto all = backups(project);
    for (std::size_t i = static_cast<std::size_t>(config.backup_keep); i < all.size(); ++i) {
      std::error_code ec;
      fs::remove(all[i], ec);
    }
  }
}

}  // namespace retort::runtime
