#pragma once
// Backups before a run (SPEC §12): SQLite's online copy beside the database, or the configured
// backup_command on any dialect.

#include <filesystem>
#include <string>
#include <vector>

#include "runtime/project.hpp"

namespace retort::runtime {

/// Backs up the database the run is about to change (`rows`: where it is now). Throws, so that
/// nothing runs, when the copy or the command fails.
void backup_before_run(Project& project, const std::vector<std::string>& rows, EventSink& sink);
/// This project's SQLite backups (`<db>.<UTC time>.<revision>.bak`), newest first.
[[nodiscard]] std::vector<std::filesystem::path> backups(Project& project);

}  // namespace retort::runtime
