#pragma once
// Project templates for `retort init` (built into the binary).

#include <string>
#include <vector>

namespace retort::migrations {

struct ProjectTemplate {
  std::string name;
  std::string description;
  std::string script_template;  ///< content of script.sql.tmpl
  std::string readme;
};

[[nodiscard]] const std::vector<ProjectTemplate>& project_templates();
[[nodiscard]] const std::string& default_script_template();
/// The retort.toml written by init, with `script_location` filled in.
[[nodiscard]] std::string config_file_text(const std::string& script_location, const std::string& template_name);

}  // namespace retort::migrations
