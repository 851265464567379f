#include <cctype>
#include <charconv>
#include <fmt/format.h>

#include "commands/entries.hpp"
#include "retort/error.hpp"
#include "revision/identifiers.hpp"

namespace retort {

using commands::Index;

namespace {

/// One end of a range. `relative_to` is the other end, for "-N:end" and "start:+N".
std::vector<Index> range_end(const revisions::Resolver& resolver, const std::string& text) {
  auto id = revisions::parse_identifier(text);
  if (id.relative && !id.symbol.empty()) {
    auto from = resolver.resolve(revisions::Identifier{id.branch, id.has_branch, id.symbol, {}});
    if (from.revisions.size() != 1) {
      throw Error(ErrorCode::Resolve, fmt::format("Relative revision {} needs a single starting revision", text));
    }
    auto dest = resolver.walk(from.revisions.front(), *id.relative, text);
    return dest ? std::vector<Index>{*dest} : std::vector<Index>{};
  }
  return resolver.resolve(id).revisions;
}

}  // namespace

std::vector<RevisionEntry> history(const Config& config, const HistoryOptions& options) {
  runtime::Project project(config);
  const auto& g = project.graph();
  std::string start, end;
  if (!options.range.empty()) {
    auto colon = options.range.find(':');
    if (colon == std::string::npos) {
      throw Error(ErrorCode::Usage, "History range requires [start]:[end], [start]:, or :[end]");
    }
    start = options.range.substr(0, colon);
    end = options.range.substr(colon + 1);
  }
  std::vector<Index> current;
  bool needs_db = options.indicate_current || start.find("current") != std::string::npos ||
                  end.find("current") != std::string::npos;
  if (needs_db) current = commands::current_revisions(g, runtime::read_rows(project));
  revisions::Resolver resolver(g, needs_db ? &current : nullptr);

  // "-3" / "+2" as a count; a second sign, other characters or a count past a long are errors.
  auto relative_count = [](const std::string& s) {
    long n = 0;
    const auto digits = std::string_view(s).substr(1);
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (digits.empty() || !std::isdigit(static_cast<unsigned char>(digits.front())) || ec != std::errc() ||
        ptr != digits.data() + digits.size())
      throw Error(ErrorCode::Usage, fmt::format("Malformed relative range end '{}': expected -N or +N", s));
    return s[0] == '-' ? -n : n;
  };
  auto is_bare_relative = [](const std::string& s) {
    return !s.empty() && (s[0] == '-' || s[0] == '+') && s.find('@') == std::string::npos;
  };
  revisions::RevSet upper = g.all();
  if (!end.empty() && !is_bare_relative(end)) upper = g.ancestors(range_end(resolver, end));
  revisions::RevSet lower = g.all();
  bool start_is_base = start.empty() || start == "base";
  if (!start_is_base && !is_bare_relative(start)) {
    auto id = revisions::parse_identifier(start);
    auto starts = range_end(resolver, start);
    // label@base as the lower end: everything descended from the branch's first revisions.
    lower = g.descendants(starts);
    (void)id;
  }
  revisions::RevSet selected(g.size());
  for (Index i = 0; i < g.size(); ++i) {
    if (upper.contains(i) && lower.contains(i)) selected.insert(i);
  }
  auto ordered = g.ordered(selected);
  // "-N:end" keeps end and the N revisions applied before it; "start:+N" keeps start and N after.
  if (is_bare_relative(start)) {
    long n = relative_count(start);
    if (n >= 0) throw Error(ErrorCode::Usage, fmt::format("History range start {} must be negative", start));
    auto keep = static_cast<std::size_t>(-n) + 1;
    if (ordered.size() > keep) ordered.erase(ordered.begin(), ordered.end() - static_cast<long>(keep));
  }
  if (is_bare_relative(end)) {
    long n = relative_count(end);
    if (n <= 0) throw Error(ErrorCode::Usage, fmt::format("History range end {} must be positive", end));
    auto keep = static_cast<std::size_t>(n) + 1;
    if (ordered.size() > keep) ordered.resize(keep);
  }
  if (ordered.empty() && !(start_is_base && end.empty())) {
    throw Error(ErrorCode::Resolve,
                fmt::format("Requested range {} does not refer to ancestor/descendant revisions along the same branch",
                            options.range));
  }
  std::vector<Index> newest_first(ordered.rbegin(), ordered.rend());
  return commands::make_entries(project, newest_first, options.indicate_current ? current : std::vector<Index>{});
}

}  // namespace retort
