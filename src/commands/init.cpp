#include <fmt/format.h>

#include "migrations/templates.hpp"
#include "retort/commands.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort {

namespace fs = std::filesystem;

std::vector<TemplateInfo> list_templates() {
  std::vector<TemplateInfo> out;
  for (const auto& t : migrations::project_templates()) out.push_back({t.name, t.description});
  return out;
}

InitResult init(const InitOptions& options, EventSink& sink) {
  const migrations::ProjectTemplate* chosen = nullptr;
  for (const auto& t : migrations::project_templates()) {
    if (t.name == options.template_name) chosen = &t;
  }
  if (!chosen) {
    std::vector<std::string> names;
    for (const auto& t : migrations::project_templates()) names.push_back(t.name);
    throw Error(ErrorCode::Usage,
                fmt::format("No such template '{}'; available: {}", options.template_name, text::join(names, ", ")));
  }
  auto dir = fs::absolute(options.directory).lexically_normal();
  if (fs::exists(dir) && !fs::is_empty(dir)) {
    throw Error(ErrorCode::Io, fmt::format("Directory {} already exists and is not empty", options.directory.string()));
  }
  auto versions = dir / "versions";
  for (const auto& d : {dir, versions}) {
    if (!fs::exists(d)) {
      fs::create_directories(d);
      sink.on(FileWritten{d.string(), true, false});
    }
  }
  auto tmpl = dir / "script.sql.tmpl";
  text::write_file(tmpl.string(), chosen->script_template);
  sink.on(FileWritten{tmpl.string(), false, false});
  auto readme = dir / "README";
  text::write_file(readme.string(), chosen->readme);
  sink.on(FileWritten{readme.string(), false, false});
  auto config = fs::absolute(options.config_file).lexically_normal();
  if (fs::exists(config)) {
    sink.on(FileWritten{config.string(), false, true});
  } else {
    // script_location is written relative to the config file so the project can move.
    auto rel = dir.lexically_relative(config.parent_path());
    text::write_file(config.string(), migrations::config_file_text(rel.empty() ? dir.string() : rel.string(), options.template_name));
    sink.on(FileWritten{config.string(), false, false});
  }
  return {dir, config};
}

}  // namespace retort
