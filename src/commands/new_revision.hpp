#pragma once
// Shared by revision and merge: id checks, target directory, writing the file.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "commands/entries.hpp"
#include "migrations/writer.hpp"

namespace retort::commands {

/// Checks a new id and labels against the graph; generates an id when none is given.
[[nodiscard]] std::string new_revision_id(const revisions::Graph& g, const std::string& requested,
                                          const std::vector<std::string>& labels);
/// Writes a revision file and returns its entry; a file the parser rejects is removed again.
RevisionEntry write_new(runtime::Project& project, const std::filesystem::path& dir, const migrations::NewRevision& rev,
                        EventSink& sink);
/// The directory for a new file: --version-path, the only location, or the parent's directory.
[[nodiscard]] std::filesystem::path version_dir(const runtime::Project& project,
                                                const std::optional<std::filesystem::path>& requested,
                                                const std::vector<Index>& parents);

}  // namespace retort::commands
