#include "migrations/templates.hpp"

#include <fmt/format.h>

namespace retort::migrations {

namespace {

const char* const kGenericScript = R"(-- {{message}}
--
-- Revision ID: {{rev}}
-- Revises: {{revises}}
-- Create Date: {{create_date}}
-- Branch Labels: {{branch_labels}}
-- Depends On: {{depends_on}}

-- migrate:upgrade
{{upgrade}}
-- migrate:downgrade
{{downgrade}}
)";

const char* const kMultiDialectScript = R"(-- {{message}}
--
-- Revision ID: {{rev}}
-- Revises: {{revises}}
-- Create Date: {{create_date}}
-- Branch Labels: {{branch_labels}}
-- Depends On: {{depends_on}}

-- migrate:upgrade dialect:sqlite
{{upgrade}}
-- migrate:downgrade dialect:sqlite
{{downgrade}}
-- migrate:upgrade dialect:postgresql
{{upgrade}}
-- migrate:downgrade dialect:postgresql
{{downgrade}}
)";

const char* const kReadme = R"(Migrations managed by retort.

versions/         one .sql file per revision (header + -- migrate:upgrade / -- migrate:downgrade)
script.sql.tmpl   the template 'retort revision' fills in for a new file
)";

}  // namespace

const std::vector<ProjectTemplate>& project_templates() {
  static const std::vector<ProjectTemplate> templates = {
      {"generic", "Generic single-database configuration.", kGenericScript, kReadme},
      {"multidialect", "One migration set for SQLite and PostgreSQL, a section per dialect.", kMultiDialectScript,
       kReadme},
  };
  return templates;
}

const std::string& default_script_template() {
  static const std::string text = kGenericScript;
  return text;
}

std::string config_file_text(const std::string& script_location, const std::string& template_name) {
  // The multidialect template's sections are filled per dialect: the project declares both, and
  // PostgreSQL's sections are rendered from a replay into its dev_url.
  const std::string dialects = template_name == "multidialect"
                                   ? "dialects = [\"sqlite\", \"postgresql\"]\n"
                                     "# [retort.postgresql]\n"
                                     "# dev_url = \"postgresql:///scratch\"   # where autogenerate replays for PostgreSQL\n"
                                     "# schema = [\"schema.pg.sql\"]          # when the shared schema does not load there\n"
                                   : "";
  return fmt::format(R"(# retort configuration. Relative paths are relative to this file.
[retort]
script_location = "{}"
url = "${{DATABASE_URL:-sqlite:///app.db}}"
version_table = "retort_version"
# version_table_schema = "public"
# version_locations = ["{}/versions"]
# recursive_version_locations = false
file_template = "{{rev}}_{{slug}}"
truncate_slug_length = 40
timezone = "UTC"
transaction_per_migration = false
# schema = ["schema.sql"]
# migrator_wait = "5m"
# lock_timeout = "10s"
# statement_timeout = "0"
{})",
                     script_location, script_location, dialects);
}

}  // namespace retort::migrations
