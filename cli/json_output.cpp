#include <nlohmann/json.hpp>

#include "json_text.hpp"
#include "output.hpp"

namespace retort::cli {

using nlohmann::json;

namespace {

json entry(const RevisionEntry& e) {
  return json{{"revision", e.id},
              {"parents", e.parents},
              {"depends_on", e.depends_on},
              {"children", e.children},
              {"branch_labels", e.branch_labels},
              {"message", e.message},
              {"create_date", e.create_date},
              {"path", e.path},
              {"is_head", e.is_head},
              {"is_effective_head", e.is_effective_head},
              {"is_base", e.is_base},
              {"is_branch_point", e.is_branch_point},
              {"is_merge_point", e.is_merge_point},
              {"is_current", e.is_current}};
}

json entry_with_sql(const RevisionEntry& e) {
  auto j = entry(e);
  if (!e.sql.empty()) j["sql"] = e.sql;
  return j;
}

json entries(const std::vector<RevisionEntry>& es) {
  json arr = json::array();
  for (const auto& e : es) arr.push_back(entry_with_sql(e));
  return arr;
}

}  // namespace

std::string json_document(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

std::string json_line(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string json_entries(const std::vector<RevisionEntry>& es) { return json_document({{"revisions", entries(es)}}); }

std::string json_current(const CurrentResult& r) { return json_document({{"url", r.url}, {"revisions", entries(r.revisions)}}); }

std::string json_branches(const std::vector<BranchEntry>& bs) {
  json arr = json::array();
  for (const auto& b : bs) arr.push_back({{"revision", entry(b.revision)}, {"children", entries(b.children)}});
  return json_document({{"branches", arr}});
}

std::string json_entry(const RevisionEntry& e) { return json_document({{"revision", entry(e)}}); }

std::string json_run(const std::string& command, const RunResult& r) {
  json steps = json::array();
  for (std::size_t k = 0; k < r.steps.size(); ++k) {
    const auto& s = r.steps[k];
    json step{{"kind", to_string(s.kind)}, {"revision", s.revision}, {"from", s.from},
              {"to", s.to},                {"message", s.message},   {"file", s.file}};
    if (k < r.durations.size()) step["duration_ms"] = std::chrono::duration<double, std::milli>(r.durations[k]).count();
    steps.push_back(std::move(step));
  }
  json doc{{"command", command}, {"steps", steps}, {"before", r.revisions_before}, {"after", r.revisions_after}};
  if (!r.sql.empty()) doc["sql"] = r.sql;
  return json_document(doc);
}

std::string json_init(const InitResult& r) {
  return json_document({{"directory", r.directory.string()}, {"config_file", r.config_file.string()}});
}

std::string json_templates(const std::vector<TemplateInfo>& ts) {
  json arr = json::array();
  for (const auto& t : ts) arr.push_back({{"name", t.name}, {"description", t.description}});
  return json_document({{"templates", arr}});
}

std::string json_paths(const std::vector<std::filesystem::path>& paths) {
  json arr = json::array();
  for (const auto& p : paths) arr.push_back(p.string());
  return json_document({{"paths", arr}});
}

std::string json_sql(const std::string& sql) { return json_document({{"sql", sql}}); }

std::string json_check(const CheckResult& r) {
  return json_document(
      {{"compared", r.compared}, {"differences", r.differences}, {"hints", r.hints}, {"not_compared", r.not_compared},
               {"warnings", r.warnings}});
}

std::string json_verify(const VerifyResult& r) {
  return json_document({{"ok", r.ok()}, {"ledger", r.ledger}, {"changed", r.changed}, {"missing", r.missing},
               {"unrecorded", r.unrecorded}});
}

namespace {
json optional_number(const std::optional<long long>& n) { return n ? json(*n) : json(nullptr); }
}  // namespace

std::string json_status(const StatusResult& r) {
  json arr = json::array();
  for (const auto& s : r.revisions) {
    arr.push_back({{"revision", s.revision},
                   {"message", s.message},
                   {"path", s.file},
                   {"applied", s.applied},
                   {"applied_at", s.applied_at},
                   {"duration_ms", optional_number(s.duration_ms)},
                   {"by", s.by},
                   {"checksum", s.checksum}});
  }
  return json_document({{"url", r.url}, {"revisions", arr}});
}

std::string json_ledger_entry(const LedgerEntry& e) {
  return json_document({{"id", e.id},
               {"revision", e.revision},
               {"direction", e.direction},
               {"checksum", e.checksum},
               {"started_at", e.started_at},
               {"finished_at", e.finished_at},
               {"duration_ms", optional_number(e.duration_ms)},
               {"statements_run", optional_number(e.statements_run)},
               {"statements_total", optional_number(e.statements_total)},
               {"host", e.host},
               {"os_user", e.os_user},
               {"retort_version", e.retort_version},
               {"outcome", e.outcome}});
}

std::string json_restore(const RestoreResult& r) { return json_document({{"file", r.file}, {"revisions", r.revisions}}); }

std::string json_ok() { return json_document({{"ok", true}}); }

std::string json_test(const testing::Report& report) {
  json findings = json::array();
  for (const auto& f : report.findings) {
    json j{{"check", f.check}, {"message", f.message}, {"differences", f.differences}};
    if (!f.revision.empty()) j["revision"] = f.revision;
    if (!f.file.empty()) j["file"] = f.file;
    findings.push_back(j);
  }
  return json_document({{"passed", report.passed()},
               {"revisions", report.revisions},
               {"desired_schema_checked", report.desired_schema_checked},
               {"findings", findings}});
}

std::string json_error(const Error& e) {
  json err{{"message", e.message()}, {"kind", to_string(e.code())}};
  if (!e.revision().empty()) err["revision"] = e.revision();
  if (!e.file().empty()) err["file"] = e.file();
  if (e.line() > 0) err["line"] = e.line();
  if (!e.statement().empty()) err["statement"] = e.statement();
  if (!e.sqlstate().empty()) err["sqlstate"] = e.sqlstate();
  if (!e.dialect().empty()) err["dialect"] = e.dialect();
  return json_document({{"error", err}});
}

}  // namespace retort::cli
