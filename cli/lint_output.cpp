// How lint's findings print: one block per finding (file:line, rule, what, why, instead), a
// summary line; or one JSON document.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "json_text.hpp"
#include "output.hpp"

namespace retort::cli {

namespace {

/// The path as the user would type it from here.
std::string shown_path(const std::string& path) {
  std::error_code ec;
  auto rel = std::filesystem::proximate(path, ec);
  return ec || rel.empty() ? path : rel.string();
}

std::string plural(std::size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

}  // namespace

std::string lint_text(const LintResult& r) {
  std::string out;
  const bool several = r.dialects.size() > 1;
  for (const auto& f : r.findings) {
    out += fmt::format("{}{}:{}: {} [{}]{}: {}\n", several ? "[" + f.dialect + "] " : "", shown_path(f.file), f.line,
                       f.severity, f.rule, f.direction == "downgrade" ? " (downgrade)" : "", f.message);
    out += fmt::format("    {}\n    why: {}\n    instead: {}\n", f.statement, f.why, f.instead);
  }
  for (const auto& n : r.notes) out += "note: " + n + "\n";
  const auto errors = r.count("error"), warnings = r.count("warning");
  std::string context = fmt::format("{}", fmt::join(r.dialects, ", "));
  for (const auto& d : r.dialects)
    if (d == "postgresql") context += r.server_version.empty() ? ", server version unknown" : ", server version " + r.server_version;
  if (errors + warnings == 0) {
    out += fmt::format("No findings in {} ({})\n", plural(r.revisions, "revision"), context);
  } else {
    out += fmt::format("{}, {} in {} ({})\n", plural(errors, "error"), plural(warnings, "warning"),
                       plural(r.revisions, "revision"), context);
  }
  return out;
}

std::string json_lint(const LintResult& r) {
  using json = nlohmann::json;
  json findings = json::array();
  for (const auto& f : r.findings) {
    findings.push_back({{"rule", f.rule},
                        {"severity", f.severity},
                        {"dialect", f.dialect},
                        {"revision", f.revision},
                        {"direction", f.direction},
                        {"file", f.file},
                        {"line", f.line},
                        {"message", f.message},
                        {"why", f.why},
                        {"instead", f.instead},
                        {"statement", f.statement}});
  }
  json doc = {{"findings", findings},
              {"errors", r.count("error")},
              {"warnings", r.count("warning")},
              {"revisions", r.revisions},
              {"dialects", r.dialects},
              {"server_version", r.server_version.empty() ? json(nullptr) : json(r.server_version)},
              {"notes", r.notes}};
  return json_document(doc);
}

std::string lint_rules_text(const std::vector<LintRuleInfo>& rules, bool json_output) {
  if (json_output) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& r : rules)
      arr.push_back({{"rule", r.id}, {"severity", r.severity}, {"dialects", r.dialects}, {"why", r.why},
                     {"instead", r.instead}});
    return json_document({{"rules", arr}});
  }
  std::string out;
  for (const auto& r : rules)
    out += fmt::format("{} ({}, {})\n    why: {}\n    instead: {}\n", r.id, r.severity, r.dialects, r.why, r.instead);
  return out;
}

}  // namespace retort::cli
