#pragma once
/// Migrations compiled into a program (SPEC §8): retort_add_migrations() in CMake, or
/// `retort embed -o migrations.cpp`, generates a source file that registers one EmbeddedSet at
/// start-up; Config::embedded() then reads it instead of files.

#include <cstddef>
#include <string>
#include <vector>

namespace retort {

/// One file as it was in the project, by its path relative to the migrations folder
/// ("versions/r1_first.sql", "schema.sql"), which messages name.
struct EmbeddedFile {
  const char* path;
  const char* text;
  std::size_t size;
};

/// A migrations folder compiled in.
struct EmbeddedSet {
  const char* name;  ///< NAME of retort_add_migrations(), "migrations" by default
  const EmbeddedFile* versions;
  std::size_t version_count;
  const EmbeddedFile* schema;  ///< the desired schema's files, in order (may be none)
  std::size_t schema_count;
};

/// Called by the generated source from a static initialiser; `set` must outlive the program's
/// use of it (the generated data is static). Returns true so it can initialise a constant.
bool register_embedded(const EmbeddedSet& set) noexcept;

/// The names of the sets compiled into this program.
[[nodiscard]] std::vector<std::string> embedded_names();

}  // namespace retort
