#pragma once
// A project opened for a command: configuration, scripts and graph, dialect, version table.
// Loading validates the whole graph before any connection is made.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dialects/dialect.hpp"
#include "migrations/script_directory.hpp"
#include "retort/commands.hpp"
#include "retort/config.hpp"
#include "retort/events.hpp"
#include "retort/url.hpp"
#include "revision/planner.hpp"
#include "runtime/ledger.hpp"
#include "runtime/version_table.hpp"

namespace retort::runtime {

class Project {
 public:
  explicit Project(Config config);

  [[nodiscard]] const Config& config() const { return config_; }
  /// The config as the URL's dialect sees it: its `[<section>.<dialect>]` schema and dev_url
  /// applied. What the desired schema and scratch databases come from.
  [[nodiscard]] const Config& dialect_config();
  [[nodiscard]] const migrations::ScriptDirectory& scripts() const { return scripts_; }
  [[nodiscard]] migrations::ScriptDirectory& scripts() { return scripts_; }
  [[nodiscard]] const revisions::Graph& graph() const { return scripts_.graph(); }
  /// The database URL; throws Error(Config) when none is configured.
  [[nodiscard]] const Url& url();
  [[nodiscard]] const dialects::Dialect& dialect();
  [[nodiscard]] VersionTable version_table();
  /// The ledger beside the version table (same schema).
  [[nodiscard]] Ledger ledger();
  /// Options for connections and the migrator lock; `sink` (when given) hears about lock waits.
  [[nodiscard]] dialects::ConnectOptions connect_options(bool create = true, EventSink* sink = nullptr) const;
  /// Takes the one-migrator-at-a-time lock for this project's version table (SPEC §6).
  [[nodiscard]] std::unique_ptr<dialects::MigratorLock> lock_migrator(EventSink& sink);
  /// Opens a connection; `sink` (when given) hears when it waits for another process's lock.
  [[nodiscard]] std::unique_ptr<dialects::Connection> connect(bool create = true, EventSink* sink = nullptr);
  /// One read-only connection shared by the reads of a command that changes nothing (check,
  /// autogenerate: version rows, server version, inspection), opened on first use. A PostgreSQL
  /// connection costs a server process; these reads need only one.
  [[nodiscard]] dialects::Connection& reader();

  /// What events and output show for a plan step.
  [[nodiscard]] StepInfo step_info(const revisions::PlanStep& step) const;

 private:
  Config config_;
  migrations::ScriptDirectory scripts_;
  std::optional<Url> url_;
  std::optional<Config> dialect_config_;
  std::unique_ptr<dialects::Connection> reader_;
};

using Planner = std::function<revisions::Plan(const std::vector<std::string>& rows)>;

/// Online run: takes the write lock, creates the version table when missing, reads the rows,
/// plans, checks the plan can run, executes it (whole run or per step) and returns it.
/// `before`, when set, runs first on the same connection and rows (upgrade's integrity check); it
/// may throw to stop the run.
using BeforeRun = std::function<void(dialects::Connection&, const std::vector<std::string>& rows)>;
revisions::Plan run_online(Project& project, const Planner& planner, EventSink& sink,
                           const CancelToken& cancel = CancelToken(), const BeforeRun& before = {});

/// A step's ledger row before it runs: revision (a stamp's: the rows it sets), checksum of the
/// file for this dialect, direction, retort version.
[[nodiscard]] LedgerEntry ledger_entry(Project& project, const revisions::PlanStep& step);
/// The ledger row of something the user did rather than ran (rehash, resolve): finished now, in
/// no time, by this host and user.
[[nodiscard]] LedgerEntry manual_entry(const std::string& revision, const std::string& direction,
                                       const std::string& outcome);

/// Executes `plan` on `conn` (no lock: for scratch databases), with the usual error context; each
/// migration commits on its own.
void run_plan(Project& project, dialects::Connection& conn, const revisions::Plan& plan, EventSink& sink);

/// Reads the version rows without changing anything (no table is created).
[[nodiscard]] std::vector<std::string> read_rows(Project& project);
/// The same, on a connection the caller has.
[[nodiscard]] std::vector<std::string> read_rows(Project& project, dialects::Connection& conn);

/// Renders the plan as an SQL script (offline --sql). `from_base` adds the version table DDL.
[[nodiscard]] std::string render_offline(Project& project, const revisions::Plan& plan, bool from_base,
                                         EventSink& sink);

/// Throws before anything runs when a step has no section for this dialect (e.g. irreversible).
void check_runnable(Project& project, const revisions::Plan& plan);

}  // namespace retort::runtime
