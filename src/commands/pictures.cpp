// graph and schema diagram: pictures of the revision graph and of a schema, as Graphviz DOT or
// Mermaid text to paste into a review or render with `dot -Tsvg`.

#include "commands/entries.hpp"
#include "retort/error.hpp"
#include "revision/picture.hpp"
#include "runtime/schemas.hpp"
#include "schema/diagram.hpp"

namespace retort {

std::string graph(const Config& config, const GraphOptions& options) {
  const auto format = revisions::picture_format(options.format);
  runtime::Project project(config);
  const auto& g = project.graph();
  std::vector<std::string> messages;
  for (revisions::Index i = 0; i < g.size(); ++i) messages.push_back(project.scripts().script(i).message);
  std::vector<revisions::Index> current;
  if (options.current) {
    // The database's revisions when it can be read: a picture of the files alone is still useful
    // without one (no URL, no server, no version table yet).
    try {
      current = commands::current_revisions(g, runtime::read_rows(project));
    } catch (const Error&) {
    }
  }
  return revisions::draw_graph(g, messages, current, format);
}

std::string schema_diagram(const Config& config, const DiagramOptions& options) {
  const auto format = schema::diagram_format(options.format);
  runtime::Project project(config);
  const auto drawn = options.live ? runtime::live_schema(project, {}) : runtime::desired_schema(project);
  return schema::draw_schema(drawn, format);
}

}  // namespace retort
