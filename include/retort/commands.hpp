#pragma once
/// retort's commands as plain functions (SPEC §5, §8). The CLI is a thin shell over these; they
/// report progress through an EventSink and return results as values, and never print.

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "retort/config.hpp"
#include "retort/events.hpp"

namespace retort {

/// One revision as listings show it (history, heads, show, current, branches).
struct RevisionEntry {
  std::string id;
  std::vector<std::string> parents;
  std::vector<std::string> depends_on;     ///< normalised dependencies
  std::vector<std::string> children;       ///< "Branches into"
  std::vector<std::string> branch_labels;  ///< after propagation
  std::string message;
  std::string create_date;
  std::string path;
  std::string header;              ///< the header comment, without "-- "
  std::string sql;                 ///< `show` only: the file's sections, from the first directive line
  bool is_head = false;            ///< no child through Revises
  bool is_effective_head = false;  ///< a head only because something depends on it
  bool is_base = false;
  bool is_branch_point = false;
  bool is_merge_point = false;
  bool is_current = false;
};

/// Result of init.
struct InitResult {
  std::filesystem::path directory;
  std::filesystem::path config_file;
};

struct InitOptions {
  std::filesystem::path directory;
  std::string template_name = "generic";
  std::filesystem::path config_file = "retort.toml";
};

/// A project template offered by init.
struct TemplateInfo {
  std::string name;
  std::string description;
};

struct RevisionOptions {
  std::string message;
  bool autogenerate = false;  ///< fill the file from the difference between schema files and database
  std::string head = "head";  ///< parent: a head, or any revision with splice
  bool splice = false;
  std::vector<std::string> branch_labels;
  std::vector<std::string> depends_on;
  std::string rev_id;
  std::optional<std::filesystem::path> version_path;
};

struct MergeOptions {
  std::vector<std::string> revisions;
  std::string message;
  std::vector<std::string> branch_labels;
  std::string rev_id;
};

/// Cancels a run from another thread: copies share one flag. retort checks it before each
/// statement and each step; a cancelled run stops with Error(Cancelled) and is rolled back as a
/// failing one is (statements of a transaction:false block that ran stay applied, and the error
/// says so). Waiting for the migrator lock is not interrupted.
class CancelToken {
 public:
  CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
  void cancel() const noexcept { flag_->store(true); }
  [[nodiscard]] bool cancelled() const noexcept { return flag_->load(); }

 private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

/// Options of upgrade, downgrade and stamp.
struct RunOptions {
  bool sql = false;    ///< offline: render SQL instead of running it
  bool plan = false;   ///< upgrade --plan: read the database, list the steps, change nothing
  std::string tag;     ///< --tag, passed through for library callers
  bool purge = false;  ///< stamp --purge
  bool backup = false;  ///< upgrade/downgrade --backup: as config `backup = true` for this run
  /// upgrade/downgrade --resume: go on with the migration that stopped half-way (its ledger row
  /// is `failed` or `started`), skipping the statements that ran and stayed.
  bool resume = false;
  CancelToken cancel;  ///< keep a copy to cancel from another thread
};

/// What a run did (or, with --sql / --plan, would do).
struct RunResult {
  std::vector<StepInfo> steps;
  std::vector<std::string> revisions_before;
  std::vector<std::string> revisions_after;
  std::string sql;  ///< the script, with RunOptions::sql
  std::vector<std::chrono::nanoseconds> durations;  ///< per step as it ran; empty with sql or plan
};

struct CurrentResult {
  std::string url;  ///< masked
  std::vector<RevisionEntry> revisions;
};

/// One row of the ledger (`history_table`, default `retort_history`): a step as it ran.
struct LedgerEntry {
  long long id = 0;
  std::string revision;   ///< the revision the step ran; a stamp's: the rows it set, space-separated
  std::string direction;  ///< "upgrade", "downgrade", "stamp", "rehash" or "resolve"
  std::string checksum;   ///< of the file's SQL for the dialect when it ran ("v1:..."); empty for a stamp
  std::string started_at, finished_at;  ///< UTC, ISO 8601 ("2026-12-01T10:44:39.123Z")
  std::optional<long long> duration_ms;
  std::optional<long long> statements_run, statements_total;
  std::string host, os_user, retort_version;
  /// "applied"; "started" while a transaction:false block (or, on MySQL, a block with DDL) runs,
  /// left so by a crash; "failed" when a committed statement stays applied after a failure;
  /// "stamped"; "rehashed"; "resolved" (retort resolve).
  std::string outcome;
};

/// `retort verify`: applied migrations against their files and the ledger.
struct VerifyResult {
  bool ledger = false;                  ///< whether the database has a ledger at all
  std::vector<std::string> changed;     ///< applied revisions whose file changed since they ran
  std::vector<std::string> missing;     ///< applied revisions with no file
  std::vector<std::string> unrecorded;  ///< ledger says applied, the version table does not
  [[nodiscard]] bool ok() const { return changed.empty() && missing.empty() && unrecorded.empty(); }
};

/// One revision in `retort status`.
struct StatusEntry {
  std::string revision;
  std::string message;
  std::string file;
  bool applied = false;
  std::string applied_at;  ///< when its last upgrade finished, from the ledger
  std::optional<long long> duration_ms;
  std::string by;  ///< "user@host"
  /// "ok", "changed" (the file differs from what ran), "no record" (applied before the ledger, or
  /// by another tool), "no file"; empty for a pending revision.
  std::string checksum;
};

struct StatusResult {
  std::string url;  ///< masked
  std::vector<StatusEntry> revisions;  ///< in apply order; applied revisions with no file at the end
};

struct HistoryOptions {
  std::string range;  ///< "[start]:[end]"; empty = base:heads
  bool indicate_current = false;
};

/// A branch point and the revisions it branches into.
struct BranchEntry {
  RevisionEntry revision;
  std::vector<RevisionEntry> children;
};

struct CheckOptions {
  bool migrations = false;  ///< compare the replayed migrations instead of the live database
};

/// What `check` found: one readable line per difference, empty when there is none.
struct CheckResult {
  std::string compared;  ///< the masked URL, or "the migrations" (with the dialects when several)
  /// With several declared dialects (check --migrations), each starts with "[<dialect>] ".
  std::vector<std::string> differences;
  std::vector<std::string> hints;  ///< probable renames
  /// Objects that exist on either side but are not modelled, so not compared.
  std::vector<std::string> not_compared;
  /// What the same migrations mean differently on SQLite and PostgreSQL, when both are declared
  /// (check --migrations): "<rule>: <what differs and what to write> (<tables or columns>)".
  std::vector<std::string> warnings{};
};

InitResult init(const InitOptions& options, EventSink& sink);
[[nodiscard]] std::vector<TemplateInfo> list_templates();
RevisionEntry revision(const Config& config, const RevisionOptions& options, EventSink& sink);
RevisionEntry merge(const Config& config, const MergeOptions& options, EventSink& sink);
RunResult upgrade(const Config& config, const std::string& target, const RunOptions& options, EventSink& sink);
RunResult downgrade(const Config& config, const std::string& target, const RunOptions& options, EventSink& sink);
RunResult stamp(const Config& config, const std::vector<std::string>& targets, const RunOptions& options,
                EventSink& sink);
/// The database's revisions. With `check_heads`, throws unless they are exactly the heads.
CurrentResult current(const Config& config, bool check_heads = false);
/// Revisions newest first.
std::vector<RevisionEntry> history(const Config& config, const HistoryOptions& options);
std::vector<RevisionEntry> heads(const Config& config, bool resolve_dependencies = false);
std::vector<BranchEntry> branches(const Config& config);
std::vector<RevisionEntry> show(const Config& config, const std::string& revision);
/// Files for `edit`; the caller opens them.
std::vector<std::filesystem::path> edit_paths(const Config& config, const std::string& revision);
/// Creates the version table when missing; with `sql` returns the DDL instead.
std::string ensure_version(const Config& config, bool sql);
/// Compares the desired schema (`schema` files) with the database, or with what the migrations
/// produce; the CLI exits 3 when there are differences.
CheckResult check(const Config& config, const CheckOptions& options = {});
/// `retort verify`: applied revisions whose file changed since they ran, applied revisions with
/// no file, and ledger rows the version table contradicts. Reads only.
VerifyResult verify(const Config& config);
/// `retort rehash REV`: accepts a deliberate edit of an applied revision, recorded in the ledger.
LedgerEntry rehash(const Config& config, const std::string& revision, EventSink& sink);
/// `retort resolve`: after a migration stopped half-way (MySQL commits each DDL statement) and
/// the user made the database match the version table again by hand, records that in the ledger,
/// so upgrade and downgrade run again. Returns the row written; throws Error(Usage) when nothing
/// stopped half-way.
LedgerEntry resolve(const Config& config, EventSink& sink);
/// What `retort restore` put back.
struct RestoreResult {
  std::string file;                    ///< the backup
  std::vector<std::string> revisions;  ///< the restored database's version rows
};
/// `retort restore [FILE]`: puts a backup (default: the newest of this SQLite database) back,
/// under the migrator lock.
RestoreResult restore(const Config& config, const std::string& file, EventSink& sink);
/// `retort status`: every revision in apply order, applied or pending, with what the ledger knows.
StatusResult status(const Config& config);
/// The connected database's schema as a desired-schema file (like `atlas schema inspect`): the
/// statements that create it, which `check` then finds equal. The version tables are left out.
std::string schema_dump(const Config& config);
struct GraphOptions {
  std::string format = "dot";  ///< "dot" or "mermaid"
  bool current = true;         ///< mark the database's revisions when it can be read
};
/// The revision graph as a picture: Graphviz DOT (`dot -Tsvg`) or a Mermaid flowchart.
std::string graph(const Config& config, const GraphOptions& options = {});

struct DiagramOptions {
  std::string format = "mermaid";  ///< "mermaid" (erDiagram) or "dot"
  bool live = false;               ///< the connected database's schema instead of the desired one
};
/// The desired (or live) schema's tables, columns and foreign keys as an entity-relationship picture.
std::string schema_diagram(const Config& config, const DiagramOptions& options = {});

struct LintOptions {
  /// A history range ("start:end"), a revision identifier (`heads`, an id, a label), or the path of
  /// a migration file; empty = every revision.
  std::string range;
  std::vector<std::string> dialects;  ///< empty = the config's `dialects`, else the URL's
  std::string server_version;         ///< PostgreSQL's ("11", "15.4"); empty = unknown (newest rules)
  bool connect = false;               ///< read the server version from the database
  bool downgrade = false;             ///< lint the downgrade sections too
};

/// One thing lint found in one statement.
struct LintFinding {
  std::string rule;      ///< "index-not-concurrent"
  std::string severity;  ///< "error" or "warning"
  std::string dialect;
  std::string revision;
  std::string direction;  ///< "upgrade" or "downgrade"
  std::string file;
  int line = 0;
  std::string message;  ///< what the statement does, naming its objects
  std::string why;      ///< why it matters
  std::string instead;  ///< the safe alternative
  std::string statement;  ///< its first line
};

struct LintResult {
  std::vector<LintFinding> findings;  ///< by dialect, then apply order, then line
  std::size_t revisions = 0;          ///< how many revisions were linted
  std::vector<std::string> dialects;
  std::string server_version;      ///< as used; empty when unknown
  std::vector<std::string> notes;  ///< what limited the context (a replay that failed)
  [[nodiscard]] std::size_t count(const std::string& severity) const;
};

struct LintRuleInfo {
  std::string id, severity, dialects, why, instead;
};

/// `retort lint`: checks the migrations' SQL for statements that lock or rewrite big tables, fail
/// on tables with rows, or break running code (docs/lint.md). A `-- lint:ignore <rule>` line
/// before a statement silences that rule there. The CLI exits 1 when an error is found.
LintResult lint(const Config& config, const LintOptions& options = {});
/// The rules lint applies.
std::vector<LintRuleInfo> lint_rules();

/// The C++ source that compiles this project's migrations (and desired schema) into a program as
/// the set `name`, for Config::embedded(); what retort_add_migrations() generates. Checks every
/// file and the graph first: throws naming the broken file.
std::string embed(const Config& config, const std::string& name = "migrations");

}  // namespace retort
