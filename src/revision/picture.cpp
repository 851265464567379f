#include "revision/picture.hpp"

#include <fmt/format.h>
#include <algorithm>

#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::revisions {

PictureFormat picture_format(const std::string& name) {
  if (name == "dot") return PictureFormat::Dot;
  if (name == "mermaid") return PictureFormat::Mermaid;
  throw Error(ErrorCode::Usage, fmt::format("Unknown picture format '{}'; known: dot, mermaid", text::shown(name)));
}

namespace {

/// The marks a listing shows, in the same words.
std::vector<std::string> marks(const Graph& g, Index i, bool current) {
  std::vector<std::string> out;
  if (g.is_base(i)) out.push_back("base");
  if (g.is_head(i)) out.push_back(g.is_real_head(i) ? "head" : "effective head");
  if (g.is_branch_point(i)) out.push_back("branchpoint");
  if (g.is_merge_point(i)) out.push_back("mergepoint");
  if (current) out.push_back("current");
  return out;
}

/// The lines of a node's label: id, message (cut), labels, marks.
std::vector<std::string> label_lines(const Graph& g, Index i, const std::string& message, bool current) {
  std::vector<std::string> lines{g.id(i)};
  if (!message.empty()) lines.push_back(message.size() > 48 ? message.substr(0, 45) + "..." : message);
  if (!g.labels(i).empty()) lines.push_back("[" + text::join(g.labels(i), ", ") + "]");
  auto m = marks(g, i, current);
  if (!m.empty()) lines.push_back("(" + text::join(m, ") (") + ")");
  return lines;
}


/// Mermaid labels are quoted; quotes and angle brackets go as entities.
std::string mermaid_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"')
      out += "#quot;";
    else if (c == '<')
      out += "#lt;";
    else if (c == '>')
      out += "#gt;";
    else if (static_cast<unsigned char>(c) >= 0x20)
      out += c;
  }
  return out;
}

}  // namespace

std::string draw_graph(const Graph& g, const std::vector<std::string>& messages, const std::vector<Index>& current,
                       PictureFormat format) {
  auto is_current = [&](Index i) { return std::find(current.begin(), current.end(), i) != current.end(); };
  auto message = [&](Index i) { return i < messages.size() ? messages[i] : std::string(); };
  std::string out;
  // Oldest at the bottom, as `history` reads from the bottom up; nodes in apply order.
  if (format == PictureFormat::Dot) {
    out += "digraph revisions {\n  rankdir=BT;\n  node [shape=box, style=rounded, fontname=\"monospace\"];\n";
    for (Index i : g.order()) {
      std::string attrs;
      if (g.is_head(i)) attrs += ", peripheries=2";
      if (is_current(i)) attrs += ", style=\"rounded,filled\", fillcolor=\"palegreen\"";
      std::string label;
      for (const auto& line : label_lines(g, i, message(i), is_current(i))) label += text::dot_quoted(line) + "\\n";
      out += fmt::format("  \"{}\" [label=\"{}\"{}];\n", g.id(i), label, attrs);
    }
    for (Index i : g.order()) {
      for (Index p : g.parents(i)) out += fmt::format("  \"{}\" -> \"{}\";\n", g.id(p), g.id(i));
      for (Index d : g.dependencies(i)) {
        out += fmt::format("  \"{}\" -> \"{}\" [style=dashed, label=\"depends on\"];\n", g.id(d), g.id(i));
      }
    }
    return out + "}\n";
  }
  // Node names get a prefix: a revision id may be a Mermaid keyword ("end", "graph").
  out += "flowchart BT\n";
  for (Index i : g.order()) {
    std::vector<std::string> lines;
    for (const auto& line : label_lines(g, i, message(i), is_current(i))) lines.push_back(mermaid_escape(line));
    out += fmt::format("  r_{}[\"{}\"]\n", g.id(i), text::join(lines, "<br/>"));
  }
  for (Index i : g.order()) {
    for (Index p : g.parents(i)) out += fmt::format("  r_{} --> r_{}\n", g.id(p), g.id(i));
    for (Index d : g.dependencies(i)) out += fmt::format("  r_{} -.->|depends on| r_{}\n", g.id(d), g.id(i));
  }
  std::vector<std::string> heads, now;
  for (Index i : g.order()) {
    if (g.is_head(i)) heads.push_back("r_" + g.id(i));
    if (is_current(i)) now.push_back("r_" + g.id(i));
  }
  out += "  classDef head stroke-width:3px\n  classDef current fill:#b7f0b1\n";
  if (!heads.empty()) out += "  class " + text::join(heads, ",") + " head\n";
  if (!now.empty()) out += "  class " + text::join(now, ",") + " current\n";
  return out;
}

}  // namespace retort::revisions
