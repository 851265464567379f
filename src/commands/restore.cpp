// retort restore: a backup put back under the migrator lock.

#include <fmt/format.h>

#include "retort/error.hpp"
#include "runtime/backup.hpp"
#include "support/text.hpp"

namespace retort {

RestoreResult restore(const Config& config, const std::string& file, EventSink& sink) {
  runtime::Project project(config);
  const auto& url = project.url();
  const auto* files = project.dialect().file_backups();
  if (!files) {
    throw Error(ErrorCode::Usage,
                fmt::format("restore puts back SQLite backups; on {} restore what backup_command made with its own tool "
                            "(pg_restore for a pg_dump)",
                            project.dialect().name()));
  }
  if (url.is_memory()) throw Error(ErrorCode::Usage, fmt::format("{} is in memory: there is nothing to restore into", url.masked()));
  std::filesystem::path from = file;
  if (from.empty()) {
    const auto found = runtime::backups(project);
    if (found.empty()) {
      throw Error(ErrorCode::Usage,
                  fmt::format("No backup of {} found (files named {}.<time>.<revision>.bak beside it); name one", url.database,
                              std::filesystem::path(url.database).filename().string()));
    }
    from = found.front();
  }
  if (!std::filesystem::exists(from))
    throw Error(ErrorCode::Io, fmt::format("No such backup file: {}", text::shown(from.string()))).at_file(from.string());
  // Under the lock, so no migrator runs while the content is swapped.
  auto lock = project.lock_migrator(sink);
  files->restore(url, from, project.connect_options());
  RestoreResult result;
  result.file = from.string();
  auto conn = project.connect(false, &sink);
  result.revisions = project.version_table().rows(*conn);
  sink.on(Info{fmt::format("Restored {} from {}: the database is at {}", url.database, result.file,
                           result.revisions.empty() ? std::string("base") : text::join(result.revisions, ", "))});
  return result;
}

}  // namespace retort
