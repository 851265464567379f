#pragma once
// Writing new migration files from the project's template (`script.sql.tmpl`).

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "retort/config.hpp"

namespace retort::migrations {

/// Everything a new file's header and body are made of.
struct NewRevision {
  std::string id;
  std::string message;
  std::vector<std::string> parents;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string upgrade_sql;  ///< body of the upgrade section (empty for a blank migration)
  std::string downgrade_sql;
  /// Bodies for the template's `dialect:<name>` sections (autogenerate for several dialects);
  /// when set, a section for a dialect without one, or a section for every dialect, is an error.
  std::map<std::string, std::pair<std::string, std::string>> by_dialect;  ///< dialect -> (upgrade, downgrade)
  /// The dialects the project declares, when several: a template whose sections are for every
  /// dialect is written with one section per dialect and direction, and a template with
  /// `dialect:` sections must have one for each.
  std::vector<std::string> dialects{};
};

/// 12 random lowercase hex characters.
[[nodiscard]] std::string generate_revision_id();
/// Alembic's slug: the message's words joined by '_', lower-cased, cut at a word boundary.
[[nodiscard]] std::string slugify(const std::string& message, int truncate_length);

/// Local date and time in a named zone ("UTC", "local" or an IANA name).
struct Timestamp {
  int year, month, day, hour, minute, second, microsecond;
  long long epoch;
};
[[nodiscard]] Timestamp now_in(const std::string& timezone);

/// Renders the template text; `{{x.key}}` comes from `x`. Throws naming `template_name` and line.
[[nodiscard]] std::string render_template(const std::string& template_text, const std::string& template_name,
                                          const NewRevision& rev, const std::string& create_date,
                                          const std::map<std::string, std::string>& x);

/// Writes the file for `rev` into `directory` using config's file_template; returns its path.
std::filesystem::path write_revision(const Config& config, const std::filesystem::path& directory,
                                     const NewRevision& rev);

}  // namespace retort::migrations
