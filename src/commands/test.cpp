// `retort test`: the migrations tested on a scratch database — one head, the stairway (each
// revision up, down and up again, the downgrade checked to restore the schema exactly), and the
// desired schema reached (SPEC §8, like pytest-alembic's built-in tests).
#include <fmt/format.h>

#include "diff/differ.hpp"
#include "retort/error.hpp"
#include "retort/testing.hpp"
#include "runtime/schemas.hpp"
#include "support/text.hpp"

namespace retort::testing {

namespace {

using revisions::Plan;

struct Tester {
  runtime::Project& project;
  EventSink& sink;
  Report report;
  std::unique_ptr<dialects::Scratch> place;  // at every revision once the stairway is done

  [[nodiscard]] const revisions::Graph& graph() const { return project.graph(); }

  void single_head() {
    const auto heads = graph().real_heads();
    if (heads.size() <= 1) return;
    report.findings.push_back({"single head", "", "",
                               fmt::format("{} heads ({}); join them with `retort merge heads`", heads.size(),
                                           text::join(graph().ids(heads), ", ")),
                               {}});
  }

  void fail(const migrations::Script& script, std::string message, std::vector<std::string> differences = {}) {
    report.findings.push_back({"stairway", script.node.id, script.node.source, std::move(message),
                               std::move(differences)});
  }

  /// Runs `plan` on the scratch database; false (and a finding) when it fails.
  bool run(const Plan& plan, const migrations::Script& script, const char* what) {
    try {
      NullSink quiet;  // the tester reports per revision, not per step
      runtime::run_plan(project, place->connection(), plan, quiet);
      return true;
    } catch (const Error& e) {
      fail(script, fmt::format("{} failed: {}", what, e.describe()));
      return false;
    }
  }

  void stairway() {
    place = runtime::migration_scratch(project);
    const auto& g = graph();
    const auto full = revisions::plan_upgrade(g, {}, "heads");
    runtime::check_runnable(project, full);
    const auto& hooks = runtime::inspector_of(project).hooks();
    const std::string dialect(project.dialect().name());
    std::vector<std::string> rows;
    for (const auto& step : full.steps) {
      const auto& script = project.scripts().with_sections(*step.revision);
      const auto after = revisions::rows_after(rows, step);
      const auto up = revisions::plan_towards(g, rows, after);
      const auto before = runtime::reflect(project, *place);
      if (!run(up, script, "upgrade")) return;
      ++report.revisions;
      if (script.irreversible(dialect)) {
        fail(script, fmt::format("{} has no downgrade section for {}: the stairway cannot check it (mark it "
                                 "irreversible on purpose by leaving this finding, or write the downgrade)",
                                 script.node.id, dialect));
        rows = after;
        continue;
      }
      if (!run(revisions::plan_towards(g, after, rows), script, "downgrade")) return;
      const auto changes = diff::compare(runtime::reflect(project, *place), before, hooks);
      if (!changes.empty()) {
        std::vector<std::string> lines;
        for (const auto& c : changes) lines.push_back(diff::describe(c));
        fail(script,
             fmt::format("the downgrade of {} ({}) does not undo its upgrade: after upgrade and downgrade the schema "
                         "differs from the one before; what the downgrade must still do:",
                         script.node.id, script.message),
             std::move(lines));
        return;  // the schema is no longer what the next revisions expect
      }
      if (!run(up, script, "upgrade after its downgrade")) return;
      sink.on(Info{fmt::format("stairway: {} up, down and up again", script.node.id)});
      rows = after;
    }
  }

  void desired_schema() {
    if (!report.desired_schema_configured) return;
    report.desired_schema_checked = true;
    const auto desired = runtime::desired_schema(project);
    const auto changes = diff::compare(runtime::reflect(project, *place), desired, runtime::inspector_of(project).hooks());
    if (changes.empty()) return;
    std::vector<std::string> lines;
    for (const auto& c : changes) lines.push_back(diff::describe(c));
    report.findings.push_back({"desired schema", "", "",
                               "the migrations, all applied, do not produce the desired schema; the changes that would make them equal:",
                               std::move(lines)});
  }
};

bool has_desired_schema(runtime::Project& project) {
  const auto& config = project.config();
  if (config.embedded_set) return config.embedded_set->schema_count > 0;
  return !config.schema.empty() || !project.dialect_config().schema.empty();
}

[[noreturn]] void throw_first(const Report& report, ErrorCode code) {
  const auto& f = report.findings.front();
  std::string message = f.message;
  for (const auto& d : f.differences) message += "\n    " + d;
  Error e(code, message);
  if (!f.revision.empty()) e.at_revision(f.revision);
  if (!f.file.empty()) e.at_file(f.file);
  throw e;
}

}  // namespace

std::string Report::text() const {
  auto failed = [&](const char* check) {
    return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.check == check; });
  };
  std::string out;
  out += failed("single head") ? "FAIL  single head\n" : "ok    single head\n";
  out += failed("stairway") ? fmt::format("FAIL  stairway ({} revision(s) walked)\n", revisions)
                            : fmt::format("ok    stairway: {} revision(s) up, down and up again\n", revisions);
  if (!desired_schema_configured)
    out += "skip  desired schema: none configured (schema = [...] in retort.toml)\n";
  else if (!desired_schema_checked)
    out += "skip  desired schema: not compared, the stairway did not reach head\n";
  else
    out += failed("desired schema") ? "FAIL  desired schema\n" : "ok    desired schema: the migrations produce it\n";
  for (const auto& f : findings) {
    out += fmt::format("\n{}: {}\n", f.check, f.message);
    for (const auto& d : f.differences) out += "    " + d + "\n";
    if (!f.revision.empty()) out += fmt::format("  revision: {}\n", f.revision);
    if (!f.file.empty()) out += fmt::format("  file: {}\n", f.file);
  }
  return out;
}

Report run(const Config& config, EventSink& sink) {
  runtime::Project project(config);
  Tester t{project, sink, {}, nullptr};
  t.report.desired_schema_configured = has_desired_schema(project);
  t.single_head();
  t.stairway();
  // The desired schema is compared only when every revision went up (and back) cleanly.
  if (t.report.findings.empty() || t.report.findings.back().check != "stairway") t.desired_schema();
  return t.report;
}

Report run(const Config& config) {
  NullSink sink;
  return run(config, sink);
}

namespace {

/// Runs one check alone and throws its first finding as an Error of `code`.
template <class Check>
void only(const Config& config, ErrorCode code, Check check) {
  runtime::Project project(config);
  NullSink sink;
  Tester t{project, sink, {}, nullptr};
  t.report.desired_schema_configured = has_desired_schema(project);
  check(t);
  if (!t.report.passed()) throw_first(t.report, code);
}

}  // namespace

void single_head(const Config& config) {
  only(config, ErrorCode::Graph, [](Tester& t) { t.single_head(); });
}

void stairway(const Config& config) {
  only(config, ErrorCode::Migration, [](Tester& t) { t.stairway(); });
}

void produces_desired_schema(const Config& config) {
  only(config, ErrorCode::Plan, [&](Tester& t) {
    t.place = runtime::migration_scratch(t.project);
    auto plan = revisions::plan_upgrade(t.project.graph(), {}, "heads");
    runtime::check_runnable(t.project, plan);
    runtime::run_plan(t.project, t.place->connection(), plan, t.sink);
    t.desired_schema();
    if (!t.report.desired_schema_checked) {
      throw Error(ErrorCode::Config, "No desired schema: set schema = [\"schema.sql\"] in the config")
          .at_file(config.config_file.string());
    }
  });
}

}  // namespace retort::testing
