#include "dialects/postgres/expressions.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

namespace retort::dialects::postgres {

namespace {

/// The end of the quoted literal starting at `at` ('it''s'), or npos.
std::size_t literal_end(const std::string& s, std::size_t at) {
  for (std::size_t i = at + 1; i < s.size(); ++i) {
    if (s[i] != '\'') continue;
    if (i + 1 < s.size() && s[i + 1] == '\'') {
      ++i;
      continue;
    }
    return i + 1;
  }
  return std::string::npos;
}

/// A cast literal: 'text'::type, the type made of words, spaces, dots, quotes and a modifier.
bool cast_literal(const std::string& item) {
  if (item.empty() || item.front() != '\'') return false;
  auto end = literal_end(item, 0);
  if (end == std::string::npos || item.compare(end, 2, "::") != 0 || end + 2 >= item.size()) return false;
  for (std::size_t i = end + 2; i < item.size(); ++i) {
    const char c = item[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '_' || c == '.' || c == '"' || c == '(' ||
          c == ')' || c == ',' || c == '[' || c == ']'))
      return false;
  }
  return true;
}

/// The elements of ARRAY[...] whose '[' is at `open`, split at top-level commas, and the index of
/// the closing ']'; nullopt when the brackets do not close.
std::optional<std::pair<std::vector<std::string>, std::size_t>> elements(const std::string& s, std::size_t open) {
  std::vector<std::string> out;
  std::string item;
  int depth = 0;
  for (std::size_t i = open + 1; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\'') {
      auto end = literal_end(s, i);
      if (end == std::string::npos) return std::nullopt;
      item.append(s, i, end - i);
      i = end - 1;
      continue;
    }
    if (c == '(' || c == '[') ++depth;
    if ((c == ')' || c == ']') && depth > 0) {
      --depth;
    } else if (c == ']') {
      out.push_back(item);
      return std::make_pair(out, i);
    }
    if (c == ',' && depth == 0) {
      out.push_back(item);
      item.clear();
      while (i + 1 < s.size() && s[i + 1] == ' ') ++i;
      continue;
    }
    item += c;
  }
  return std::nullopt;
}

/// The element type of the array type that starts at `at` and ends with "[]": (type, end).
std::optional<std::pair<std::string, std::size_t>> array_type(const std::string& s, std::size_t at) {
  auto brackets = s.find("[]", at);
  if (brackets == std::string::npos) return std::nullopt;
  for (std::size_t i = at; i < brackets; ++i) {
    const char c = s[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '_' || c == '.' || c == '"' || c == '(' ||
          c == ')' || c == ','))
      return std::nullopt;
  }
  if (brackets == at) return std::nullopt;
  return std::make_pair(s.substr(at, brackets - at), brackets + 2);
}

}  // namespace

std::string stable_expression(std::string text) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] == '\'') {  // a literal is skipped whole: 'ARRAY[' in one is text
      auto end = literal_end(text, at);
      if (end == std::string::npos) break;
      at = end - 1;
      continue;
    }
    if (text.compare(at, 6, "ARRAY[") != 0 ||
        (at > 0 && (std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '_')))
      continue;
    const auto parsed = elements(text, at + 5);
    if (!parsed) break;
    const auto& [items, close] = *parsed;
    const bool wrapped = at > 0 && text[at - 1] == '(' && close + 1 < text.size() && text[close + 1] == ')';
    const auto cast_at = close + 1 + (wrapped ? 1 : 0);
    const auto type = text.compare(cast_at, 2, "::") == 0 ? array_type(text, cast_at + 2) : std::nullopt;
    const bool all_literals =
        !items.empty() && std::all_of(items.begin(), items.end(), [](const std::string& i) { return cast_literal(i); });
    if (!type || !all_literals) continue;
    std::string rewritten = "ARRAY[";
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) rewritten += ", ";
      rewritten += wrapped ? "(" + items[i] + ")::" + type->first : items[i] + "::" + type->first;
    }
    rewritten += "]";
    const auto from = wrapped ? at - 1 : at;
    text.replace(from, type->second - from, rewritten);
    at = from + rewritten.size() - 1;
  }
  return text;
}

}  // namespace retort::dialects::postgres
