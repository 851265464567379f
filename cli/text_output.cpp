#include <fmt/format.h>
#include <fmt/ranges.h>
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "output.hpp"

namespace retort::cli {

namespace {

std::string join(const std::vector<std::string>& v, const char* sep) { return fmt::format("{}", fmt::join(v, sep)); }

std::string labels(const RevisionEntry& e) {
  return e.branch_labels.empty() ? std::string() : fmt::format(" ({})", join(e.branch_labels, ", "));
}

std::string head_mark(const RevisionEntry& e) {
  if (e.is_effective_head) return " (effective head)";
  if (e.is_head) return " (head)";
  return {};
}

std::string point_marks(const RevisionEntry& e) {
  std::string out;
  if (e.is_branch_point) out += " (branchpoint)";
  if (e.is_merge_point) out += " (mergepoint)";
  return out;
}

}  // namespace

std::string short_line(const RevisionEntry& e) {
  // Appends in place: history prints one of these per revision, thousands at a time.
  std::string out;
  out.reserve(64 + e.message.size());
  auto append_list = [&](const std::vector<std::string>& v) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out += ", ";
      out += v[i];
    }
  };
  if (e.parents.empty())
    out += "<base>";
  else
    append_list(e.parents);
  if (!e.depends_on.empty()) {
    out += " (";
    append_list(e.depends_on);
    out += ')';
  }
  out += " -> ";
  out += e.id;
  if (!e.branch_labels.empty()) {
    out += " (";
    append_list(e.branch_labels);
    out += ')';
  }
  if (e.is_effective_head)
    out += " (effective head)";
  else if (e.is_head)
    out += " (head)";
  if (e.is_current) out += " (current)";
  if (e.is_branch_point) out += " (branchpoint)";
  if (e.is_merge_point) out += " (mergepoint)";
  out += ", ";
  out += e.message;
  return out;
}

std::string heads_line(const RevisionEntry& e) { return fmt::format("{}{}{}", e.id, labels(e), head_mark(e)); }

std::string current_line(const RevisionEntry& e) {
  return fmt::format("{}{}{}{}", e.id, labels(e), head_mark(e), point_marks(e));
}

std::string verbose_entry(const RevisionEntry& e) {
  std::string out =
      fmt::format("Rev: {}{}{}{}\n", e.id, head_mark(e), point_marks(e), e.is_current ? " (current)" : "");
  if (e.parents.size() > 1)
    out += fmt::format("Merges: {}\n", join(e.parents, ", "));
  else
    out += fmt::format("Parent: {}\n", e.parents.empty() ? std::string("<base>") : e.parents.front());
  if (!e.depends_on.empty()) out += fmt::format("Also depends on: {}\n", join(e.depends_on, ", "));
  if (e.is_branch_point) out += fmt::format("Branches into: {}\n", join(e.children, ", "));
  if (!e.branch_labels.empty()) out += fmt::format("Branch names: {}\n", join(e.branch_labels, ", "));
  out += fmt::format("Path: {}\n\n", e.path);
  std::size_t start = 0;
  while (start < e.header.size()) {
    auto nl = e.header.find('\n', start);
    auto line = e.header.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    out += line.empty() ? std::string("\n") : fmt::format("    {}\n", line);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  out += "\n";
  return out;
}

std::string verify_text(const VerifyResult& r) {
  std::string out;
  for (const auto& c : r.changed) out += "changed: " + c + "\n";
  for (const auto& m : r.missing) out += "missing: " + m + "\n";
  for (const auto& u : r.unrecorded) out += "unrecorded: " + u + "\n";
  if (!r.changed.empty()) out += "Accept a deliberate edit with `retort rehash <revision>`.\n";
  if (r.ok())
    out += r.ledger ? "Verified: every applied migration matches the SQL that ran\n"
                    : "No ledger in this database yet: the next upgrade starts one\n";
  return out;
}

std::string status_text(const StatusResult& r) {
  std::vector<std::array<std::string, 7>> rows{{"REVISION", "STATE", "APPLIED AT", "DURATION", "BY", "CHECKSUM", "MESSAGE"}};
  for (const auto& s : r.revisions) {
    rows.push_back({s.revision, s.applied ? "applied" : "pending", s.applied_at,
                    s.duration_ms ? fmt::format("{} ms", *s.duration_ms) : std::string(), s.by, s.checksum, s.message});
  }
  std::array<std::size_t, 7> width{};
  for (const auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i)
      line += i + 1 == row.size() ? row[i] : fmt::format("{:<{}}  ", row[i], width[i]);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string branches_text(const std::vector<BranchEntry>& branches, bool verbose) {
  std::string out;
  for (const auto& b : branches) {
    const auto& r = b.revision;
    if (verbose)
      out += verbose_entry(r);
    else
      out += fmt::format("{}{}{}{}\n", r.id, labels(r), head_mark(r), point_marks(r));
    std::string indent(r.id.size() + 1, ' ');
    for (const auto& c : b.children) {
      out += fmt::format("{}-> {}{}{}{}{}\n", indent, c.id, labels(c), head_mark(c), point_marks(c),
                         verbose ? ", " + c.message : std::string());
    }
    out += "\n";
  }
  return out;
}

std::string duration_text(std::chrono::nanoseconds d) {
  double ms = std::chrono::duration<double, std::milli>(d).count();
  if (ms < 1000) return fmt::format("{:.1f} ms", ms);
  return fmt::format("{:.2f} s", ms / 1000);
}

std::string step_line(const StepInfo& step) {
  if (step.kind == StepKind::Stamp) {
    return fmt::format("Running stamp_revision {} -> {}", join(step.from, ", "), join(step.to, ", "));
  }
  return fmt::format("Running {} {} -> {}, {}", to_string(step.kind), join(step.from, ", "), join(step.to, ", "),
                     step.message);
}

}  // namespace retort::cli
