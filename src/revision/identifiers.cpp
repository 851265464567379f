#include "revision/identifiers.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <charconv>
#include <limits>

#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::revisions {

namespace {

Error resolve_error(std::string message) { return Error(ErrorCode::Resolve, std::move(message)); }

}  // namespace

namespace {

bool word_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || u >= 0x80;
}

/// `[symbol](+|-)digits...` at the start of `s` (Alembic's pattern matches a prefix).
std::optional<Relative> relative_tail(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && word_char(s[i])) ++i;
  if (i + 1 >= s.size() || (s[i] != '+' && s[i] != '-') || !std::isdigit(static_cast<unsigned char>(s[i + 1])))
    return std::nullopt;
  std::size_t j = i + 1;
  while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
  Relative out;
  if (i > 0) out.symbol = std::string(s.substr(0, i));
  long n = 0;
  auto [ptr, ec] = std::from_chars(s.data() + i + 1, s.data() + j, n);
  if (ec != std::errc()) n = std::numeric_limits<long>::max();
  out.steps = s[i] == '-' ? -n : n;
  out.shown = std::string(s.substr(i, j - i));
  return out;
}

/// Python's int() on a revision text: "-3" is a count, "ae10" is not.
std::optional<long> whole_number(std::string_view s) {
  s = text::trim(s);
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  if (i >= s.size()) return std::nullopt;
  std::string digits;
  for (; i < s.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i]))) {
      digits += s[i];
    } else if (s[i] == '_' && !digits.empty() && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      continue;
    } else {
      return std::nullopt;
    }
  }
  long n = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc()) n = std::numeric_limits<long>::max();
  return negative ? -n : n;
}

Error multiple_heads(std::string_view argument, const std::vector<std::string>& heads) {
  return resolve_error(fmt::format(
      "Multiple head revisions are present for given argument '{}'; please specify a specific target revision, "
      "'<branchname>@{}' to narrow to a specific head, or 'heads' for all heads (heads: {})",
      text::shown(argument), text::shown(argument.substr(argument.find('@') + 1)), text::join(heads, ", ")));
}

}  // namespace

std::optional<Relative> match_relative(std::string_view text) {
  text = text::trim(text);
  // `(?:(.+?)@)?`: the shortest label before an '@' after which the rest matches, else no label.
  for (std::size_t at = text.find('@', 1); at != std::string_view::npos; at = text.find('@', at + 1)) {
    if (auto tail = relative_tail(text.substr(at + 1))) {
      tail->branch = std::string(text.substr(0, at));
      return tail;
    }
  }
  return relative_tail(text);
}

bool Resolver::has_label(Index i, std::string_view label) const {
  const auto& ls = graph_.labels(i);
  return std::find(ls.begin(), ls.end(), label) != ls.end();
}

std::vector<Index> Resolver::partial_matches(std::string_view prefix) const {
  // Alembic matches a prefix against ids and labels longer than three characters only.
  std::vector<Index> out;
  if (prefix.empty()) return out;
  for (Index i = 0; i < graph_.size(); ++i) {
    const auto& id = graph_.id(i);
    if (id.size() > 3 && id.starts_with(prefix)) out.push_back(i);
    for (const auto& l : graph_.node(i).branch_labels) {
      if (l.size() > 3 && l.starts_with(prefix)) out.push_back(i);
    }
  }
  return out;
}

Index Resolver::resolve_single(std::string_view symbol) const {
  auto r = for_ident(symbol, std::nullopt);
  if (!r) throw resolve_error(fmt::format("Can't locate revision identified by '{}'", text::shown(symbol)));
  return *r;
}

Index Resolver::resolve_branch(std::string_view name) const {
  if (auto i = graph_.find(name)) return *i;
  if (auto i = graph_.find_label(name)) return *i;
  try {
    return resolve_single(name);
  } catch (const Error&) {
    throw resolve_error(fmt::format("No such branch: '{}'", text::shown(name)));
  }
}

std::optional<Index> Resolver::for_ident(std::string_view id, const std::optional<std::string>& branch) const {
  std::optional<Index> branch_rev;
  if (branch) branch_rev = resolve_branch(*branch);
  if (id.empty()) return std::nullopt;
  std::optional<Index> found = graph_.find(id);
  if (!found) found = graph_.find_label(id);
  if (!found) {
    auto matches = partial_matches(id);
    if (branch_rev) std::erase_if(matches, [&](Index m) { return !shares_lineage(m, {*branch_rev}, false); });
    if (matches.empty()) {
      // Say why when a short id would have matched a prefix in a looser tool.
      std::vector<std::string> short_ids;
      for (Index i = 0; i < graph_.size(); ++i) {
        if (graph_.id(i).starts_with(id)) short_ids.push_back(graph_.id(i));
      }
      throw resolve_error(fmt::format(
          "Can't locate revision identified by '{}'{}", text::shown(id),
          short_ids.empty() ? std::string()
                            : fmt::format("; a partial id matches only ids longer than three characters (as in "
                                          "Alembic), and {} {} not",
                                          text::join(short_ids, ", "), short_ids.size() == 1 ? "is" : "are")));
    }
    if (matches.size() > 1) {
      std::sort(matches.begin(), matches.end(), [&](Index a, Index b) { return graph_.id(a) < graph_.id(b); });
      matches.erase(std::unique(matches.begin(), matches.end()), matches.end());
      std::string list;
      for (auto m : matches) list += fmt::format("\n  {} ({})", graph_.id(m), graph_.node(m).source);
      throw resolve_error(
          fmt::format("Multiple revisions start with '{}'; give more characters:{}", text::shown(id), list));
    }
    found = matches.front();
  }
  if (branch_rev && !shares_lineage(*found, {*branch_rev}, false)) {
    throw resolve_error(
        fmt::format("Revision {} is not a member of branch '{}'", graph_.id(*found), text::shown(*branch)));
  }
  return found;
}

bool Resolver::shares_lineage(Index target, const std::vector<Index>& against, bool dependencies) const {
  if (against.empty()) return true;
  auto up = dependencies ? graph_.ancestors({target}) : graph_.parent_ancestors({target});
  auto down = dependencies ? graph_.descendants({target}) : graph_.child_descendants({target});
  return std::any_of(against.begin(), against.end(), [&](Index a) { return up.contains(a) || down.contains(a); });
}

std::vector<Index> Resolver::filter_for_lineage(const std::vector<Index>& targets, std::string_view check_against,
                                                bool dependencies) const {
  if (targets.empty()) return {};  // Alembic resolves `check_against` only to test a target
  auto number = resolve_number(check_against);
  std::vector<Index> against;
  if (number.branch) against.push_back(resolve_single(*number.branch));
  for (const auto& id : number.ids) against.push_back(resolve_single(id));
  std::vector<Index> out;
  for (Index t : targets) {
    if (shares_lineage(t, against, dependencies)) out.push_back(t);
  }
  return out;
}

std::optional<Index> Resolver::current_head(const std::optional<std::string>& label) const {
  auto heads = graph_.heads();
  if (label) heads = filter_for_lineage(heads, *label);
  if (heads.size() > 1) throw multiple_heads(label ? *label + "@head" : "head", graph_.ids(heads));
  if (heads.empty()) return std::nullopt;
  return heads.front();
}

Resolver::Number Resolver::resolve_number(std::string_view text) const {
  Number out;
  std::string_view id = text::trim(text);
  if (auto at = id.find('@'); at != std::string_view::npos) {
    if (at > 0) out.branch = std::string(id.substr(0, at));  // "@head": no branch, as in Alembic
    id = id.substr(at + 1);
  }
  if (id.empty()) throw resolve_error(fmt::format("Missing revision in '{}'", text::shown(text::trim(text))));
  if (id == "heads") {
    out.ids = graph_.ids(out.branch ? filter_for_lineage(graph_.heads(), *out.branch) : graph_.real_heads());
  } else if (id == "head") {
    if (auto h = current_head(out.branch)) out.ids = {graph_.id(*h)};
  } else if (id == "base") {
    // Alembic's "base": no revision.
  } else if (id == "current") {
    if (!current_)
      throw resolve_error("Can't locate revision identified by 'current' (only history, show and edit read the database)");
    out.ids = graph_.ids(*current_);
  } else {
    out.ids = {std::string(id)};
  }
  return out;
}

std::vector<Spot> Resolver::revisions(std::string_view text) const {
  auto number = resolve_number(text);
  std::vector<Spot> out;
  if (number.ids.size() == 1) {
    if (auto n = whole_number(number.ids.front()); n && *n < 0) {
      // "-N" and "label@-N" as an identifier: N steps down from each (labelled) real head.
      for (Index h : graph_.real_heads()) {
        if (number.branch && !has_label(h, *number.branch)) continue;
        out.push_back(walk(Spot::at(h), *n, std::nullopt, true));
      }
      return out;
    }
  }
  for (const auto& id : number.ids) {
    auto r = for_ident(id, number.branch);
    out.push_back(r ? Spot::at(*r) : Spot::none());
  }
  if (number.ids.empty() && number.branch) (void)resolve_branch(*number.branch);
  return out;
}

std::vector<Spot> Resolver::revisions(const std::vector<std::string>& texts) const {
  std::vector<Spot> out;
  for (const auto& t : texts) {
    auto part = revisions(t);
    out.insert(out.end(), part.begin(), part.end());
  }
  return out;
}

std::optional<Index> Resolver::revision(std::string_view text) const {
  auto number = resolve_number(text);
  if (number.ids.size() > 1) throw multiple_heads(text::trim(text), number.ids);
  return for_ident(number.ids.empty() ? std::string_view{} : std::string_view(number.ids.front()), number.branch);
}

Resolved Resolver::resolve(std::string_view text) const {
  Resolved out;
  std::vector<Spot> spots;
  if (auto rel = match_relative(text); rel && rel->symbol) {
    // "rev+N", "head-1": walked from the symbol.
    auto from = rel->branch ? revision(*rel->branch + "@" + *rel->symbol) : revision(*rel->symbol);
    auto end = walk(from ? Spot::at(*from) : Spot::none(), rel->steps, rel->branch, true);
    if (end.kind == Spot::Kind::None && !(from && rel->steps == 0)) {
      throw resolve_error(fmt::format("Relative revision '{}' walks past the end of the graph", text::shown(text)));
    }
    spots.push_back(end);
  } else {
    spots = revisions(text);
  }
  for (const auto& s : spots) {
    if (s.is_revision()) out.revisions.push_back(s.rev);
  }
  out.is_base = out.revisions.empty();
  return out;
}

Spot Resolver::walk(Spot start, long steps, const std::optional<std::string>& label, bool no_overwalk) const {
  Spot at = start;
  const long count = steps < 0 ? -steps : steps;
  for (long k = 0; k < count; ++k) {
    std::vector<Spot> next;
    if (steps > 0) {
      if (at.kind == Spot::Kind::Base) throw resolve_error("Cannot walk up from the base marker");
      auto up = at.is_revision() ? graph_.children(at.rev) : graph_.bases();
      if (label) up = filter_for_lineage(up, *label);
      for (Index i : up) next.push_back(Spot::at(i));
    } else if (at.kind != Spot::Kind::Base) {
      const auto& down = at.is_revision() ? graph_.parents(at.rev) : graph_.heads();
      for (Index i : down) next.push_back(Spot::at(i));
      if (next.empty()) next.push_back(Spot::base());
    }
    if (next.empty()) return no_overwalk ? Spot::none() : at;
    if (next.size() > 1) {
      std::vector<std::string> ids;
      for (const auto& s : next) ids.push_back(graph_.id(s.rev));
      throw Error(ErrorCode::Plan,
                  fmt::format("{} from {}: it {} {}; name one of them instead", ambiguous_walk,
                              at.is_revision() ? graph_.id(at.rev) : "base",
                              steps > 0 ? "branches into" : "merges", text::join(ids, ", ")));
    }
    at = next.front();
  }
  return at;
}

}  // namespace retort::revisions
