#include "revision/identifiers.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>

#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::revisions {

namespace {

Error resolve_error(std::string message) { return Error(ErrorCode::Resolve, std::move(message)); }

}  // namespace

Identifier parse_identifier(std::string_view text) {
  Identifier out;
  auto t = text::trim(text);
  if (t.empty()) throw resolve_error("Empty revision identifier");
  std::string_view rest = t;
  if (auto at = t.find('@'); at != std::string_view::npos) {
    out.branch = std::string(t.substr(0, at));
    out.has_branch = true;
    rest = t.substr(at + 1);
    if (out.branch.empty()) throw resolve_error(fmt::format("Missing branch name before '@' in '{}'", text::shown(t)));
  }
  auto sign = rest.find_first_of("+-");
  out.symbol = std::string(rest.substr(0, sign));
  if (sign != std::string_view::npos) {
    auto digits = rest.substr(sign + 1);
    long n = 0;
    // Digits only: from_chars would take a second sign ("+-1", "r2--5"), and negating the
    // smallest long overflows.
    const bool only_digits = !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    });
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (!only_digits || ec != std::errc() || ptr != digits.data() + digits.size()) {
      throw resolve_error(
          fmt::format("Malformed relative revision '{}': expected [branch@][revision](+|-)N with N a whole number", text::shown(t)));
    }
    out.relative = rest[sign] == '-' ? -n : n;
  }
  if (out.symbol.empty() && !out.relative) throw resolve_error(fmt::format("Missing revision after '@' in '{}'", text::shown(t)));
  return out;
}

Index Resolver::resolve_single(std::string_view symbol) const {
  if (auto i = graph_.find(symbol)) return *i;
  if (auto i = graph_.find_label(symbol)) return *i;
  std::vector<Index> matches;
  for (Index i = 0; i < graph_.size(); ++i) {
    if (graph_.id(i).starts_with(symbol)) matches.push_back(i);
  }
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) throw resolve_error(fmt::format("Can't locate revision identified by '{}'", text::shown(symbol)));
  std::sort(matches.begin(), matches.end(), [&](Index a, Index b) { return graph_.id(a) < graph_.id(b); });
  std::string list;
  for (auto m : matches) list += fmt::format("\n  {} ({})", graph_.id(m), graph_.node(m).source);
  throw resolve_error(fmt::format("Multiple revisions start with '{}'; give more characters:{}", text::shown(symbol), list));
}

RevSet Resolver::branch_members(std::string_view name) const {
  RevSet members(graph_.size());
  bool is_label = graph_.find_label(name).has_value() && !graph_.find(name).has_value();
  if (is_label) {
    for (Index i = 0; i < graph_.size(); ++i) {
      const auto& ls = graph_.labels(i);
      if (std::find(ls.begin(), ls.end(), name) != ls.end()) members.insert(i);
    }
    return members;
  }
  // A revision id stands for the branch containing it: its ancestors and descendants.
  Index r = resolve_single(name);
  auto up = graph_.ancestors({r});
  auto down = graph_.descendants({r});
  for (Index i = 0; i < graph_.size(); ++i) {
    if (up.contains(i) || down.contains(i)) members.insert(i);
  }
  return members;
}

std::vector<Index> Resolver::heads_within(const RevSet& members) const {
  std::vector<Index> out;
  for (Index v : graph_.heads()) {
    if (members.contains(v)) out.push_back(v);
  }
  return out;
}

std::vector<Index> Resolver::bases_within(const RevSet& members) const {
  // The first revisions of the branch: members none of whose parents is a member.
  std::vector<Index> out;
  for (Index v : graph_.order()) {
    if (!members.contains(v)) continue;
    const auto& ps = graph_.parents(v);
    if (std::none_of(ps.begin(), ps.end(), [&](Index p) { return members.contains(p); })) out.push_back(v);
  }
  return out;
}

std::vector<Index> Resolver::single_head(std::string_view symbol, const std::vector<Index>& heads,
                                         std::string_view branch) const {
  if (heads.size() <= 1) return heads;
  if (branch.empty()) {
    throw resolve_error(
        fmt::format("Multiple head revisions are present for given argument '{}'; please specify a specific target "
                    "revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads (heads: {})",
                    text::shown(symbol), text::join(graph_.ids(heads), ", ")));
  }
  throw resolve_error(fmt::format("Branch '{}' has multiple heads ({}); use '{}@heads' or name one of them", branch,
                                  text::join(graph_.ids(heads), ", "), branch));
}

Resolved Resolver::resolve(const Identifier& id) const {
  if (id.relative) throw Error(ErrorCode::Internal, "relative identifier passed to Resolver::resolve");
  const auto& sym = id.symbol;
  Resolved out;
  if (!id.has_branch) {
    if (sym == "base") {
      out.is_base = true;
    } else if (sym == "heads") {
      out.revisions = graph_.real_heads();
    } else if (sym == "head") {
      out.revisions = single_head(sym, graph_.real_heads(), "");
    } else if (sym == "current") {
      if (!current_)
        throw resolve_error(
            "Can't locate revision identified by 'current' (only history, show and edit read the database)");
      out.revisions = *current_;
    } else {
      out.revisions = {resolve_single(sym)};
    }
    return out;
  }
  auto members = branch_members(id.branch);
  if (sym == "head") {
    out.revisions = single_head(sym, heads_within(members), id.branch);
  } else if (sym == "heads") {
    out.revisions = heads_within(members);
  } else if (sym == "base") {
    out.revisions = bases_within(members);
    out.is_base = out.revisions.empty();
  } else {
    Index r = resolve_single(sym);
    if (!members.contains(r)) {
      throw resolve_error(fmt::format("Revision {} is not a member of branch '{}'", graph_.id(r), text::shown(id.branch)));
    }
    out.revisions = {r};
  }
  return out;
}

Resolved Resolver::resolve(std::string_view text) const {
  auto id = parse_identifier(text);
  if (id.relative) {
    throw resolve_error(fmt::format("Relative revision '{}' is not allowed here", text::shown(text::trim(text))));
  }
  return resolve(id);
}

std::optional<Index> Resolver::walk(Index from, long steps, std::string_view shown) const {
  std::optional<Index> at = from;
  long remaining = steps < 0 ? -steps : steps;
  while (remaining-- > 0) {
    if (!at) {
      throw Error(ErrorCode::Plan, fmt::format("Relative revision {} walks past base", shown));
    }
    const auto& next = steps > 0 ? graph_.children(*at) : graph_.parents(*at);
    if (next.empty()) {
      if (steps > 0) {
        throw Error(ErrorCode::Plan, fmt::format("Relative revision {} walks past head {}", shown, graph_.id(*at)));
      }
      at.reset();
      continue;
    }
    if (next.size() > 1) {
      throw Error(
          ErrorCode::Plan,
          fmt::format("Relative revision {} is ambiguous at {}: it {} {}; name one of them instead", shown,
                      graph_.id(*at), steps > 0 ? "branches into" : "merges", text::join(graph_.ids(next), ", ")));
    }
    at = next.front();
  }
  return at;
}

}  // namespace retort::revisions
