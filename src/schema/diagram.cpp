#include "schema/diagram.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::schema {

DiagramFormat diagram_format(const std::string& name) {
  if (name == "mermaid") return DiagramFormat::Mermaid;
  if (name == "dot") return DiagramFormat::Dot;
  throw Error(ErrorCode::Usage, fmt::format("Unknown diagram format '{}'; known: mermaid, dot", text::shown(name)));
}

namespace {

std::string shown_name(const std::string& schema_name, const std::string& name) {
  return schema_name.empty() ? name : schema_name + "." + name;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

/// PK / FK / UK marks of a column.
std::vector<std::string> keys(const Table& t, const std::string& column) {
  std::vector<std::string> out;
  if (t.primary_key && has(t.primary_key->columns, column)) out.push_back("PK");
  if (std::any_of(t.foreign_keys.begin(), t.foreign_keys.end(), [&](const auto& fk) { return has(fk.columns, column); }))
    out.push_back("FK");
  if (std::any_of(t.uniques.begin(), t.uniques.end(), [&](const auto& u) { return has(u.columns, column); }))
    out.push_back("UK");
  return out;
}

/// Mermaid wants words for entity names and types: everything else becomes '_'.
std::string word(const std::string& s) {
  std::string out;
  for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ? c : '_';
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out.front()))) out.insert(out.begin(), '_');
  return out;
}

std::string html(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&')
      out += "&amp;";
    else if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '"')
      out += "&quot;";
    else if (static_cast<unsigned char>(c) >= 0x20)
      out += c;
  }
  return out;
}


/// Whether every column of the foreign key may be NULL-free: then each row has exactly one parent.
bool required(const Table& t, const ForeignKey& fk) {
  return std::all_of(fk.columns.begin(), fk.columns.end(), [&](const std::string& c) {
    auto col = std::find_if(t.columns.begin(), t.columns.end(), [&](const Column& x) { return x.name == c; });
    return col != t.columns.end() && !col->nullable;
  });
}

}  // namespace

std::string draw_schema(const Schema& schema, DiagramFormat format) {
  std::string out;
  if (format == DiagramFormat::Mermaid) {
    out += "erDiagram\n";
    for (const auto& t : schema.tables) {
      out += fmt::format("  {} {{\n", word(shown_name(t.schema, t.name)));
      for (const auto& c : t.columns) {
        auto k = keys(t, c.name);
        out += fmt::format("    {} {}{}{}\n", word(c.type.empty() ? "ANY" : c.type), word(c.name),
                           k.empty() ? "" : " " + text::join(k, ","), c.nullable ? "" : " \"NOT NULL\"");
      }
      out += "  }\n";
    }
    for (const auto& t : schema.tables) {
      for (const auto& fk : t.foreign_keys) {
        out += fmt::format("  {} }}o--{} {} : \"{}\"\n", word(shown_name(t.schema, t.name)),
                           required(t, fk) ? "||" : "o|", word(shown_name(fk.ref_schema, fk.ref_table)),
                           text::join(fk.columns, ", "));
      }
    }
    return out;
  }
  out += "digraph schema {\n  rankdir=LR;\n  node [shape=plain, fontname=\"monospace\"];\n";
  for (const auto& t : schema.tables) {
    const auto name = shown_name(t.schema, t.name);
    std::string rows;
    for (const auto& c : t.columns) {
      auto k = keys(t, c.name);
      rows += fmt::format("<TR><TD ALIGN=\"LEFT\" PORT=\"{}\">{} {}{}{}</TD></TR>", html(word(c.name)), html(c.name),
                          html(c.type), k.empty() ? "" : " " + text::join(k, ","), c.nullable ? "" : " NOT NULL");
    }
    out += fmt::format(
        "  \"{}\" [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\"><TR><TD><B>{}</B></TD></TR>{}</TABLE>>];\n",
        text::dot_quoted(name), html(name), rows);
  }
  for (const auto& t : schema.tables) {
    for (const auto& fk : t.foreign_keys) {
      out += fmt::format("  \"{}\" -> \"{}\" [label=\"{}\"{}];\n", text::dot_quoted(shown_name(t.schema, t.name)),
                         text::dot_quoted(shown_name(fk.ref_schema, fk.ref_table)), text::dot_quoted(text::join(fk.columns, ", ")),
                         required(t, fk) ? "" : ", style=dashed");
    }
  }
  return out + "}\n";
}

}  // namespace retort::schema
