// lint: reads the migrations' SQL and reports what locks, rewrites or breaks (src/lint has the
// rules). SQLite histories are replayed in memory statement by statement, so the rules see the
// schema each statement meets; PostgreSQL rules read the statements and the file alone.

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "commands/autogenerate.hpp"
#include "dialects/statements.hpp"
#include "lint/lint.hpp"
#include "retort/commands.hpp"
#include "retort/error.hpp"
#include "revision/identifiers.hpp"
#include "runtime/schemas.hpp"
#include "support/text.hpp"

namespace retort {

namespace {

using migrations::Direction;

/// "11", "15.4" or "150004" as server_version_num; 0 for empty.
int version_number(const std::string& text) {
  if (text.empty()) return 0;
  auto parts = text::split(text, '.');
  try {
    const int major = std::stoi(parts.at(0));
    if (major >= 10000) return major;
    const int minor = parts.size() > 1 ? std::stoi(parts[1]) : 0;
    return major >= 10 ? major * 10000 + minor : major * 10000 + minor * 100;
  } catch (const std::exception&) {
    throw Error(ErrorCode::Usage, fmt::format("--server-version '{}' is not a version (15, 15.4, 150004)", text));
  }
}

/// The revisions `range` names, in apply order: a history range, a revision identifier, or a
/// migration file's path; all of them when empty.
std::vector<revisions::Index> selected(const Config& config, runtime::Project& project, const std::string& range) {
  const auto& g = project.graph();
  std::set<revisions::Index> chosen;
  std::error_code ec;
  if (!range.empty() && range.find(':') == std::string::npos && std::filesystem::is_regular_file(range, ec)) {
    const auto wanted = std::filesystem::weakly_canonical(range);
    for (revisions::Index i = 0; i < g.size(); ++i)
      if (std::filesystem::weakly_canonical(g.node(i).source, ec) == wanted) chosen.insert(i);
    if (chosen.empty())
      throw Error(ErrorCode::Usage, fmt::format("{} is not a migration of this project (its script_location)", range));
  } else if (range.empty() || range.find(':') != std::string::npos) {
    for (const auto& e : history(config, {range, false})) chosen.insert(*g.find(e.id));
  } else {
    for (auto i : revisions::Resolver(g).resolve(range).revisions) chosen.insert(i);
  }
  std::vector<revisions::Index> out;
  for (auto i : g.order())
    if (chosen.contains(i)) out.push_back(i);
  return out;
}

struct Replay {
  std::unique_ptr<runtime::Project> project;
  std::unique_ptr<dialects::Scratch> place;
  std::optional<schema::Schema> schema;  ///< reflected since the last statement ran
  bool broken = false;

  const schema::Schema* before() {
    if (broken || !place) return nullptr;
    if (!schema) schema = runtime::reflect(*project, *place);
    return &*schema;
  }
  /// Runs `sql`; the database's message when it fails.
  std::optional<std::string> run(const std::string& sql) {
    schema.reset();
    try {
      place->connection().execute(sql);
      return std::nullopt;
    } catch (const Error& e) {
      return e.message();
    }
  }
};

class Linting {
 public:
  Linting(const Config& config, runtime::Project& project, const std::string& dialect, const LintOptions& options,
          LintResult& result)
      : project_(project), dialect_(dialects::dialect_named(dialect)), result_(result) {
    context_.dialect = dialect;
    // The server version is PostgreSQL's: SQLite's rules do not depend on the library's.
    context_.server_version = dialect == "postgresql" ? version_number(options.server_version) : 0;
    context_.lock_timeout_configured = !config.for_dialect(dialect).lock_timeout.empty();
    if (dialect == "sqlite") {
      replay_.project = std::make_unique<runtime::Project>(runtime::replay_config(config, dialect, "lint replays"));
      replay_.place = runtime::migration_scratch(*replay_.project);
    }
  }

  void run(const std::vector<revisions::Index>& chosen, bool downgrade) {
    const std::set<revisions::Index> wanted(chosen.begin(), chosen.end());
    std::size_t left = wanted.size();
    for (auto i : project_.graph().order()) {
      if (left == 0) break;
      const auto& script = project_.scripts().with_sections(i);
      if (!wanted.contains(i)) {
        replay_whole(script);
        continue;
      }
      --left;
      lint_file(script, Direction::Upgrade, true);
      if (downgrade) lint_file(script, Direction::Downgrade, false);
    }
  }

 private:
  void replay_whole(const migrations::Script& script) {
    if (!replay_.place || replay_.broken) return;
    for (const auto* block : script.blocks(Direction::Upgrade, context_.dialect)) {
      try {
        replay_.place->connection().run_script(block->body, block->first_line,
                                               [](const dialects::Statement&, std::chrono::nanoseconds) {});
      } catch (const Error& e) {
        replay_.broken = true;
        result_.notes.push_back(fmt::format("[{}] replaying {} failed ({}): later statements are linted without the "
                                            "schema before them",
                                            context_.dialect, script.node.id, e.message()));
        return;
      }
    }
    replay_.schema.reset();
  }

  void lint_file(const migrations::Script& script, Direction direction, bool replay) {
    linter::FileLinter linter(*script.text, context_);
    const auto blocks = script.blocks(direction, context_.dialect);
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      const auto* block = blocks[b];
      for (const auto& s : dialect_.split(block->body, block->first_line)) {
        linter::Statement st{s.sql, s.line, block->transactional, static_cast<int>(b)};
        const bool replaying = replay && replay_.place && !replay_.broken;
        linter.statement(st, replaying ? linter::SchemaBefore([this] { return replay_.before(); })
                                       : linter::SchemaBefore());
        if (!replaying || dialects::ends_transaction(s.sql)) continue;
        if (auto error = replay_.run(s.sql)) linter.failed(st, *error);
      }
    }
    ++result_.revisions;
    for (auto& f : linter.finish()) {
      LintFinding out;
      out.rule = f.rule;
      out.severity = linter::severity_name(f.severity);
      out.dialect = context_.dialect;
      out.revision = script.node.id;
      out.direction = direction == Direction::Upgrade ? "upgrade" : "downgrade";
      out.file = script.node.source;
      out.line = f.line;
      out.message = f.message;
      out.why = f.why;
      out.instead = f.instead;
      out.statement = f.statement;
      result_.findings.push_back(std::move(out));
    }
  }

  runtime::Project& project_;
  const dialects::Dialect& dialect_;
  LintResult& result_;
  linter::Context context_;
  Replay replay_;
};

}  // namespace

std::size_t LintResult::count(const std::string& severity) const {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [&](const LintFinding& f) { return f.severity == severity; }));
}

LintResult lint(const Config& config, const LintOptions& options) {
  runtime::Project project(config);
  auto dialects = options.dialects;
  if (dialects.empty()) dialects = config.dialects;
  if (dialects.empty()) {
    if (config.url.empty() && !config.connection)
      throw Error(ErrorCode::Config, "lint needs a dialect: set url or dialects in the config, or pass --dialect");
    dialects.emplace_back(project.dialect().name());
  }
  LintResult result;
  result.dialects = dialects;
  auto options_here = options;
  if (options.connect && options.server_version.empty()) {
    options_here.server_version = runtime::inspector_of(project).server_version(project.reader());
  }
  result.server_version = options_here.server_version;
  const auto chosen = selected(config, project, options.range);
  for (const auto& d : dialects) {
    if (d != "sqlite" && d != "postgresql" && d != "mysql") {
      result.notes.push_back(fmt::format("[{}] lint has no rules for {} yet: nothing was checked", d, d));
      continue;
    }
    LintResult one;
    Linting(config, project, d, options_here, one).run(chosen, options.downgrade);
    for (auto& f : one.findings) result.findings.push_back(std::move(f));
    for (auto& n : one.notes) result.notes.push_back(std::move(n));
  }
  result.revisions = chosen.size();
  return result;
}

namespace commands {

void lint_generated(const Config& config, const std::string& id, EventSink& sink) {
  try {
    LintOptions options;
    options.range = id;
    const auto result = lint(config, options);
    // A few findings are read; a thousand are scrolled past. Generated against a database the
    // earlier migrations do not build (a project adopting retort), every statement fails alike.
    constexpr std::size_t kShown = 10;
    for (std::size_t k = 0; k < result.findings.size() && k < kShown; ++k) {
      const auto& f = result.findings[k];
      sink.on(Warning{fmt::format("lint: {}:{}: {} [{}]: {}. Instead: {}", f.file, f.line, f.severity, f.rule,
                                  f.message, f.instead)});
    }
    if (result.findings.size() > kShown) {
      sink.on(Warning{fmt::format("lint: {} more findings; `retort lint {}` lists them all",
                                  result.findings.size() - kShown, id)});
    }
  } catch (const Error& e) {
    // The file is written; a lint that cannot run must not make the command fail.
    sink.on(Warning{fmt::format("lint could not check the new revision: {}", e.message())});
  }
}

}  // namespace commands

std::vector<LintRuleInfo> lint_rules() {
  std::vector<LintRuleInfo> out;
  for (const auto& r : linter::rules()) {
    out.push_back({std::string(r.id), std::string(linter::severity_name(r.severity)), std::string(r.dialects),
                   std::string(r.why), std::string(r.instead)});
  }
  return out;
}

}  // namespace retort
