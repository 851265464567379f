// Works on libpg_query's scanner tokens, so strings, dollar-quoted bodies and comments are never
// touched. `x.y` is ambiguous (schema x, object y; or table x, column y): the parse tree's
// column references, read only when a two-part name starts with a mapped schema, tell them apart.

#include "dialects/postgres/schema_names.hpp"

#include <fmt/format.h>
#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

namespace retort::dialects::postgres {

namespace {

struct Token {
  std::size_t start, end;
  PgQuery__Token kind;
  bool name;  ///< an identifier, or a keyword that can be one
};

std::vector<Token> scan(const std::string& text, bool& ok) {
  std::vector<Token> out;
  PgQueryScanResult result = pg_query_scan(text.c_str());
  ok = !result.error;
  if (ok) {
    auto* scanned = pg_query__scan_result__unpack(nullptr, result.pbuf.len,
                                                  reinterpret_cast<const std::uint8_t*>(result.pbuf.data));
    if (scanned) {
      for (std::size_t i = 0; i < scanned->n_tokens; ++i) {
        const auto* t = scanned->tokens[i];
        if (t->token == PG_QUERY__TOKEN__SQL_COMMENT || t->token == PG_QUERY__TOKEN__C_COMMENT) continue;
        bool name = t->token == PG_QUERY__TOKEN__IDENT || (t->keyword_kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD &&
                                                           t->keyword_kind != PG_QUERY__KEYWORD_KIND__RESERVED_KEYWORD);
        out.push_back({static_cast<std::size_t>(t->start), static_cast<std::size_t>(t->end), t->token, name});
      }
      pg_query__scan_result__free_unpacked(scanned, nullptr);
    } else {
      ok = false;
    }
  }
  pg_query_free_scan_result(result);
  return out;
}

/// The name an identifier stands for: quoted ones as written, the others folded to lower case.
std::string identifier(std::string_view text) {
  if (text.size() >= 2 && text.front() == '"') {
    std::string out;
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
      out += text[i];
      if (text[i] == '"') ++i;  // "" stands for "
    }
    return out;
  }
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Where the parse tree has a column reference of one or two parts (x, x.y): x is a table there.
std::set<std::size_t> column_references(const std::string& text) {
  std::set<std::size_t> out;
  PgQueryParseResult result = pg_query_parse(text.c_str());
  if (!result.error && result.parse_tree) {
    auto tree = nlohmann::json::parse(result.parse_tree, nullptr, false);
    std::vector<const nlohmann::json*> stack{&tree};
    while (!stack.empty()) {
      const auto* node = stack.back();
      stack.pop_back();
      if (node->is_object()) {
        auto ref = node->find("ColumnRef");
        if (ref != node->end() && ref->contains("location") &&
            ref->value("fields", nlohmann::json::array()).size() <= 2)
          out.insert(ref->at("location").get<std::size_t>());
        for (const auto& [key, value] : node->items()) stack.push_back(&value);
      } else if (node->is_array()) {
        for (const auto& value : *node) stack.push_back(&value);
      }
    }
  }
  pg_query_free_parse_result(result);
  return out;
}

bool contains_case_insensitive(std::string_view haystack, std::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         }) != haystack.end();
}

// Arrays, not sets: nothing to build at start-up for a process that may never scan.
constexpr std::array<std::string_view, 4> kRegclassCasts = {"regclass", "regtype", "regproc", "regprocedure"};
constexpr std::array<std::string_view, 4> kRegclassFunctions = {"nextval", "currval", "setval", "to_regclass"};

bool one_of(const auto& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

SchemaNames::SchemaNames(std::string prefix, const std::string& default_schema) : prefix_(std::move(prefix)) {
  to_scratch_[default_schema] = prefix_;
}

const std::string& SchemaNames::add(const std::string& real) {
  auto it = to_scratch_.find(real);
  if (it == to_scratch_.end()) it = to_scratch_.emplace(real, fmt::format("{}_{}", prefix_, to_scratch_.size())).first;
  return it->second;
}

const std::string& SchemaNames::provide(const std::string& real) {
  provided_.insert(real);
  return add(real);
}

void SchemaNames::keep(const std::string& real, std::set<std::string> names) { kept_[real] = std::move(names); }

const std::string* SchemaNames::find(const std::string& real) const {
  auto it = to_scratch_.find(real);
  return it == to_scratch_.end() ? nullptr : &it->second;
}

std::map<std::string, std::string> SchemaNames::others() const {
  std::map<std::string, std::string> out;
  for (const auto& [real, scratch] : to_scratch_) {
    if (scratch != prefix_) out[scratch] = real;
  }
  return out;
}

std::string SchemaNames::rewrite(std::string_view sql) {
  // Most scripts name no schema at all: those are not scanned.
  bool candidate = contains_case_insensitive(sql, "schema") || contains_case_insensitive(sql, "search_path");
  for (auto it = to_scratch_.begin(); !candidate && it != to_scratch_.end(); ++it)
    candidate = contains_case_insensitive(sql, it->first);
  if (!candidate) return std::string(sql);

  std::string text(sql);
  bool ok = false;
  const auto tokens = scan(text, ok);
  if (!ok) return text;
  auto is = [&](std::size_t i, PgQuery__Token kind) { return i < tokens.size() && tokens[i].kind == kind; };
  auto word = [&](std::size_t i) {
    return identifier(std::string_view(text).substr(tokens[i].start, tokens[i].end - tokens[i].start));
  };
  std::map<std::size_t, std::pair<std::size_t, std::string>> edits;  // start -> (end, replacement)
  auto replace_name = [&](std::size_t i) {
    if (i >= tokens.size() || !tokens[i].name) return;
    if (const auto* scratch = find(word(i))) edits[tokens[i].start] = {tokens[i].end, *scratch};
  };
  std::optional<std::set<std::size_t>> columns;

  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (t.kind == PG_QUERY__TOKEN__SCHEMA) {
      // SCHEMA [IF [NOT] EXISTS] name [, name ...]: CREATE SCHEMA maps a new schema.
      const bool create = i > 0 && is(i - 1, PG_QUERY__TOKEN__CREATE);
      std::size_t j = i + 1;
      while (is(j, PG_QUERY__TOKEN__IF_P) || is(j, PG_QUERY__TOKEN__NOT) || is(j, PG_QUERY__TOKEN__EXISTS)) ++j;
      const bool if_not_exists = j > i + 1;
      if (create && is(j, PG_QUERY__TOKEN__AUTHORIZATION) && j + 1 < tokens.size() && tokens[j + 1].name) {
        // CREATE SCHEMA AUTHORIZATION role: the schema is named after the role; name it explicitly.
        const auto& scratch = add(word(j + 1));
        edits[tokens[j].start] = {tokens[j].start, scratch + " "};
        i = j + 1;
        continue;
      }
      while (j < tokens.size() && tokens[j].name && !is(j, PG_QUERY__TOKEN__AUTHORIZATION)) {
        if (create) add(word(j));
        replace_name(j);
        if (create && provided_.erase(word(j)) && !if_not_exists)
          edits[tokens[j].start].second.insert(0, "IF NOT EXISTS ");
        if (create || !is(j + 1, PG_QUERY__TOKEN__ASCII_44)) break;
        j += 2;
      }
      i = j;
      continue;
    }
    if (t.name && is(i + 1, PG_QUERY__TOKEN__ASCII_46) && !(i > 0 && is(i - 1, PG_QUERY__TOKEN__ASCII_46))) {
      if (!find(word(i))) continue;
      if (auto kept = kept_.find(word(i)); kept != kept_.end() && i + 2 < tokens.size()) {
        const auto member = tokens[i + 2].name ? word(i + 2)
                                               : text.substr(tokens[i + 2].start, tokens[i + 2].end - tokens[i + 2].start);
        if (kept->second.count(member)) continue;  // an extension's object, outside the scratch
      }
      const bool three_parts = is(i + 3, PG_QUERY__TOKEN__ASCII_46);
      if (!three_parts) {
        if (!columns) columns = column_references(text);
        if (columns->count(t.start)) continue;  // table.column
      }
      replace_name(i);
      continue;
    }
    if (t.kind == PG_QUERY__TOKEN__SCONST) {
      const bool cast =
          is(i + 1, PG_QUERY__TOKEN__TYPECAST) && i + 2 < tokens.size() && one_of(kRegclassCasts, word(i + 2));
      const bool call = i >= 2 && is(i - 1, PG_QUERY__TOKEN__ASCII_40) && one_of(kRegclassFunctions, word(i - 2));
      std::string_view literal = std::string_view(text).substr(t.start, t.end - t.start);
      if ((cast || call) && literal.size() > 2 && literal.front() == '\'') {
        auto inner = literal.substr(1, literal.size() - 2);
        auto dot = inner.find('.');
        if (dot != std::string_view::npos && inner.find('\'') == std::string_view::npos) {
          if (const auto* scratch = find(identifier(inner.substr(0, dot))))
            edits[t.start] = {t.end, "'" + *scratch + std::string(inner.substr(dot)) + "'"};
        }
      }
      continue;
    }
    if (t.name && word(i) == "search_path" &&
        (is(i + 1, PG_QUERY__TOKEN__TO) || is(i + 1, PG_QUERY__TOKEN__ASCII_61))) {
      std::size_t j = i + 2;
      for (; j < tokens.size() && !is(j, PG_QUERY__TOKEN__ASCII_59); ++j) {
        if (tokens[j].kind == PG_QUERY__TOKEN__SCONST) {
          auto literal = std::string_view(text).substr(tokens[j].start + 1, tokens[j].end - tokens[j].start - 2);
          if (const auto* scratch = find(identifier(literal)))
            edits[tokens[j].start] = {tokens[j].end, "'" + *scratch + "'"};
        } else {
          replace_name(j);
        }
      }
      i = j;
    }
  }

  std::string out;
  std::size_t at = 0;
  for (const auto& [start, edit] : edits) {
    out.append(text, at, start - at);
    out += edit.second;
    at = edit.first;
  }
  out.append(text, at, std::string::npos);
  return out;
}

}  // namespace retort::dialects::postgres
