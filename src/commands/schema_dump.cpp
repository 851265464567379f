// schema dump: the live schema rendered as the statements that create it, from an empty schema.
// Rendering through the same renderer as autogenerate means a dump runs wherever a migration does,
// and any loss in the model shows up as a difference in `check` against the dump (tested).

#include <fmt/format.h>

#include "diff/differ.hpp"
#include "retort/commands.hpp"
#include "runtime/schemas.hpp"
#include "support/text.hpp"

namespace retort {

std::string schema_dump(const Config& config) {
  runtime::Project project(config);
  const auto& inspector = runtime::inspector_of(project);
  const auto* renderer = project.dialect().renderer();
  auto live = runtime::live_schema(project, {});
  const schema::Schema empty;
  std::string out = fmt::format("-- Schema of {} ({}), written by retort schema dump\n", project.url().masked(),
                                project.dialect().name());
  for (const auto& n : live.skipped) out += fmt::format("-- not included (not modelled): {}\n", n);
  out += "\n";
  for (const auto& s : renderer->render(empty, live, diff::compare(empty, live, inspector.hooks()))) {
    out += text::sql_terminated(s.sql) + "\n";
  }
  return out;
}

}  // namespace retort
