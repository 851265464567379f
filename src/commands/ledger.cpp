// verify, rehash, resolve and status: the ledger read against the version table and the files.

#include <fmt/format.h>

#include "commands/entries.hpp"
#include "commands/integrity.hpp"
#include "migrations/checksum.hpp"
#include "retort/error.hpp"
#include "retort/retort.hpp"
#include "revision/identifiers.hpp"
#include "support/text.hpp"

namespace retort {

namespace commands {

Integrity read_integrity(runtime::Project& project, dialects::Connection& conn, const std::vector<std::string>& rows) {
  const auto& g = project.graph();
  Integrity out;
  auto ledger = project.ledger();
  out.ledger = ledger.exists(conn);
  out.entries = ledger.entries(conn);
  std::vector<revisions::Index> known;
  for (const auto& row : rows) {
    if (auto i = g.find(row))
      known.push_back(*i);
    else
      out.unknown_rows.push_back(row);
  }
  out.applied = g.ancestors(known);
  // Steps whose transaction:false block committed and that did not finish: `started` (the process
  // stopped) or `failed`, until a later run of the same revision completes.
  std::map<std::string, const LedgerEntry*> open;
  for (const auto& e : out.entries) {
    if (e.direction == "stamp") {
      // A stamp sets the rows without running anything: what the ledger knew before is history,
      // a half-run step included (the user says what the database is).
      out.applied_by_ledger.clear();
      open.clear();
      continue;
    }
    if (e.outcome == "started" || (e.outcome == "failed" && e.statements_run.value_or(0) > 0)) {
      open[e.revision] = &e;
      continue;
    }
    if (e.outcome == "failed") {
      // It failed before any of its statements stayed (counted as those that committed): the
      // database is where it was, and a resumed run that got no further still counts the earlier ones.
      continue;
    }
    open.erase(e.revision);
    if (e.direction == "downgrade" && e.outcome == "applied")
      out.applied_by_ledger.erase(e.revision);
    else if ((e.direction == "upgrade" && e.outcome == "applied") || e.outcome == "rehashed")
      out.applied_by_ledger[e.revision] = &e;
    if (e.direction == "upgrade" && e.outcome == "applied") out.upgraded[e.revision] = &e;
  }
  for (const auto& [rev, e] : open) out.interrupted.push_back(e);
  return out;
}

namespace {

/// The applied revisions the ledger holds a checksum for, their sections loaded in one pass.
std::vector<revisions::Index> load_recorded(runtime::Project& project, const Integrity& integrity) {
  const auto& g = project.graph();
  std::vector<revisions::Index> recorded;
  for (const auto& [rev, e] : integrity.applied_by_ledger) {
    if (auto i = g.find(rev); i && integrity.applied.contains(*i) && !e->checksum.empty()) recorded.push_back(*i);
  }
  project.scripts().load_sections(recorded);
  return recorded;
}

/// Whether applied revision `i`'s file still has the checksum the ledger recorded (its sections
/// loaded by load_recorded()).
bool file_matches(runtime::Project& project, const Integrity& integrity, revisions::Index i) {
  const auto* e = integrity.applied_by_ledger.at(project.graph().id(i));
  return migrations::checksum_matches(e->checksum, project.scripts().with_sections(i),
                                      std::string(project.dialect().name()));
}

}  // namespace

VerifyResult verify_integrity(runtime::Project& project, const Integrity& integrity) {
  const auto& g = project.graph();
  const std::string dialect(project.dialect().name());
  VerifyResult result;
  result.ledger = integrity.ledger;
  auto recorded = load_recorded(project, integrity);
  std::sort(recorded.begin(), recorded.end(), [&](auto a, auto b) { return g.rank(a) < g.rank(b); });
  for (auto i : recorded) {
    if (file_matches(project, integrity, i)) continue;
    const auto& script = project.scripts().with_sections(i);
    const auto* e = integrity.applied_by_ledger.at(g.id(i));
    result.changed.push_back(fmt::format("{} ({}): changed since it ran at {} (ran {}, the file is now {})", g.id(i),
                                         script.node.source, e->finished_at, e->checksum,
                                         migrations::checksum(script, dialect)));
  }
  for (const auto& row : integrity.unknown_rows)
    result.missing.push_back(fmt::format("{}: in the version table, and no migration file defines it", text::shown(row)));
  for (const auto& [rev, e] : integrity.applied_by_ledger) {
    auto i = g.find(rev);
    if (!i && std::find(integrity.unknown_rows.begin(), integrity.unknown_rows.end(), rev) == integrity.unknown_rows.end())
      result.missing.push_back(
          fmt::format("{}: applied at {} by the ledger, and no migration file defines it", text::shown(rev), e->finished_at));
    else if (i && !integrity.applied.contains(*i))
      result.unrecorded.push_back(fmt::format(
          "{}: the ledger has it applied at {}, and the version table does not (changed by hand, or by another tool?)",
          rev, e->finished_at));
  }
  const bool implicit = !project.dialect().transactional_ddl();
  for (const auto* e : integrity.interrupted) {
    if (implicit)
      result.unrecorded.push_back(fmt::format(
          "{}: its {} {} at {} after {} statement(s) had run and committed ({} commits each DDL statement), which stay "
          "applied; the version table was not changed. Settle it with `retort {} --resume`, `retort resolve` or "
          "`retort stamp`",
          e->revision, e->direction, e->outcome == "failed" ? "failed" : "was interrupted",
          e->outcome == "failed" ? e->finished_at : e->started_at, e->statements_run.value_or(0),
          project.dialect().title(), e->direction));
    else if (e->outcome == "failed")
      result.unrecorded.push_back(fmt::format(
          "{}: its {} failed at {} after {} statement(s), some in a transaction:false block, which stay applied; the "
          "version table was not changed",
          e->revision, e->direction, e->finished_at, e->statements_run.value_or(0)));
    else
      result.unrecorded.push_back(fmt::format(
          "{}: its {} started at {} and never finished: the process stopped inside a transaction:false block, whose "
          "statements stay applied, and the version table was not changed",
          e->revision, e->direction, e->started_at));
  }
  return result;
}

}  // namespace commands

VerifyResult verify(const Config& config) {
  runtime::Project project(config);
  auto& conn = project.reader();
  const auto rows = project.version_table().rows(conn);
  return commands::verify_integrity(project, commands::read_integrity(project, conn, rows));
}

LedgerEntry rehash(const Config& config, const std::string& revision, EventSink& sink) {
  commands::require_files(config, "rehash");
  runtime::Project project(config);
  const auto& g = project.graph();
  const auto i = revisions::Resolver(g).resolve_single(revision);
  auto lock = project.lock_migrator(sink);
  auto conn = project.connect(true, &sink);
  conn->begin();
  const auto rows = project.version_table().rows(*conn);
  const auto integrity = commands::read_integrity(project, *conn, rows);
  if (!integrity.applied.contains(i)) {
    conn->rollback();
    throw Error(ErrorCode::Usage,
                fmt::format("Revision {} is not applied to this database: there is nothing to rehash", g.id(i)))
        .at_revision(g.id(i));
  }
  project.scripts().load_sections({i});
  const auto& script = project.scripts().with_sections(i);
  auto e = runtime::manual_entry(g.id(i), "rehash", "rehashed");
  e.checksum = migrations::checksum(script, std::string(project.dialect().name()));
  auto ledger = project.ledger();
  ledger.ensure(*conn);
  conn->execute(ledger.insert_sql(e));
  conn->commit();
  return e;
}

LedgerEntry resolve(const Config& config, EventSink& sink) {
  runtime::Project project(config);
  auto lock = project.lock_migrator(sink);
  auto conn = project.connect(true, &sink);
  conn->begin();
  const auto rows = project.version_table().rows(*conn);
  const auto integrity = commands::read_integrity(project, *conn, rows);
  if (integrity.interrupted.empty()) {
    conn->rollback();
    throw Error(ErrorCode::Usage, "Nothing to resolve: no migration of this database stopped half-way");
  }
  const auto& failed = *integrity.interrupted.back();
  auto e = runtime::manual_entry(failed.revision, "resolve", "resolved");
  e.checksum = failed.checksum;
  e.statements_run = failed.statements_run;
  auto ledger = project.ledger();
  for (const auto* open : integrity.interrupted) {
    e.revision = open->revision;
    conn->execute(ledger.insert_sql(e));
  }
  conn->commit();
  return e;
}

StatusResult status(const Config& config) {
  runtime::Project project(config);
  const auto& g = project.graph();
  auto& conn = project.reader();
  const auto rows = project.version_table().rows(conn);
  const auto integrity = commands::read_integrity(project, conn, rows);
  const auto recorded = commands::load_recorded(project, integrity);
  StatusResult result;
  result.url = project.url().masked();
  for (auto i : g.order()) {
    StatusEntry s;
    s.revision = g.id(i);
    s.file = g.node(i).source;
    s.message = project.scripts().script(i).message;
    s.applied = integrity.applied.contains(i);
    if (auto it = integrity.upgraded.find(s.revision); s.applied && it != integrity.upgraded.end()) {
      const auto* e = it->second;
      s.applied_at = e->finished_at;
      s.duration_ms = e->duration_ms;
      s.by = e->os_user + "@" + e->host;
    }
    if (s.applied) {
      const bool checked = std::find(recorded.begin(), recorded.end(), i) != recorded.end();
      const bool changed = checked && !commands::file_matches(project, integrity, i);
      s.checksum = changed ? "changed" : integrity.applied_by_ledger.contains(s.revision) ? "ok" : "no record";
    }
    result.revisions.push_back(std::move(s));
  }
  for (const auto& row : integrity.unknown_rows) {
    StatusEntry s;
    s.revision = row;
    s.applied = true;
    s.checksum = "no file";
    result.revisions.push_back(std::move(s));
  }
  return result;
}

}  // namespace retort
