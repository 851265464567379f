#include <fmt/format.h>

#include "commands/entries.hpp"
#include "retort/error.hpp"
#include "revision/identifiers.hpp"
#include "revision/planner.hpp"
#include "support/text.hpp"

namespace retort {

using commands::Index;

std::vector<RevisionEntry> history(const Config& config, const HistoryOptions& options) {
  runtime::Project project(config);
  const auto& g = project.graph();
  std::string start, end;
  if (!options.range.empty()) {
    auto colon = options.range.find(':');
    if (colon == std::string::npos) {
      throw Error(ErrorCode::Usage, "History range requires [start]:[end], [start]:, or :[end]");
    }
    start = std::string(text::trim(options.range.substr(0, colon)));
    end = std::string(text::trim(options.range.substr(colon + 1)));
  }
  std::vector<Index> current;
  std::vector<std::string> rows;
  const bool needs_db = options.indicate_current || start.find("current") != std::string::npos ||
                        end.find("current") != std::string::npos;
  if (needs_db) {
    rows = runtime::read_rows(project);
    current = commands::current_revisions(g, rows);
  }
  revisions::Resolver resolver(g, needs_db ? &current : nullptr);
  // Alembic's walk_revisions(start or "base", end or "heads"); "current" as a whole end is the
  // version rows (none: the default end).
  auto arg = [&](const std::string& text, const char* fallback) {
    if (text == "current" && !rows.empty()) return revisions::RevArg::of_rows(rows);
    if (text.empty() || text == "current") return revisions::RevArg::of(fallback);
    return revisions::RevArg::of(text);
  };
  auto newest_first = revisions::history_range(resolver, arg(start, "base"), arg(end, "heads"),
                                               options.range.empty() ? "base:heads" : options.range);
  // The project ends here: its scripts' texts move into the entries (each revision is listed once).
  return commands::take_entries(project, newest_first, options.indicate_current ? current : std::vector<Index>{});
}

}  // namespace retort
