#pragma once
// How the CLI shows results and events: Alembic's text layout, or one JSON document.

#include <chrono>
#include <condition_variable>
#include <iosfwd>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

#include "retort/retort.hpp"

namespace retort::cli {

// Text (Alembic's layouts).
std::string short_line(const RevisionEntry& e);     ///< history: "<parents> -> <id> (marks), <message>"
std::string heads_line(const RevisionEntry& e);     ///< heads: "<id> (labels) (head)"
std::string current_line(const RevisionEntry& e);   ///< current: "<id> (head) (mergepoint)"
std::string verbose_entry(const RevisionEntry& e);
std::string json_test(const testing::Report& report);  ///< "Rev: ..." block
std::string branches_text(const std::vector<BranchEntry>& branches, bool verbose);
std::string duration_text(std::chrono::nanoseconds d);
std::string step_line(const StepInfo& step);  ///< "Running upgrade a -> b, message"

// JSON documents.
std::string json_entries(const std::vector<RevisionEntry>& entries);
std::string json_current(const CurrentResult& result);
std::string json_branches(const std::vector<BranchEntry>& branches);
std::string json_entry(const RevisionEntry& entry);
std::string json_run(const std::string& command, const RunResult& result);
std::string json_init(const InitResult& result);
std::string json_templates(const std::vector<TemplateInfo>& templates);
std::string json_paths(const std::vector<std::filesystem::path>& paths);
std::string json_sql(const std::string& sql);
std::string json_ok();
std::string json_check(const CheckResult& result);
std::string json_error(const Error& e);
std::string json_verify(const VerifyResult& result);
std::string json_status(const StatusResult& result);
std::string json_ledger_entry(const LedgerEntry& entry);
std::string json_restore(const RestoreResult& result);

// lint.
std::string lint_text(const LintResult& result);
std::string json_lint(const LintResult& result);
std::string lint_rules_text(const std::vector<LintRuleInfo>& rules, bool json_output);

// fleet.
std::string fleet_text(const fleet::Report& report);
std::string json_fleet(const fleet::Report& report);

/// A fleet's progress on stderr: on a terminal one live line (done, failed, running, waiting,
/// rate, ETA); otherwise one line per finished target (JSON lines with --log-format json).
class FleetProgress final : public fleet::Listener {
 public:
  struct Options {
    bool quiet = false;
    bool json_log = false;
    bool terminal = false;
  };
  FleetProgress(Options options, std::size_t total);
  ~FleetProgress() override;
  FleetProgress(const FleetProgress&) = delete;
  FleetProgress& operator=(const FleetProgress&) = delete;
  void started(const fleet::Target& target) override;
  void finished(const fleet::TargetResult& result) override;

 private:
  void show();
  Options o_;
  std::size_t total_, running_ = 0, done_ = 0, failed_ = 0;
  std::chrono::steady_clock::time_point began_;
};

// Text.
std::string verify_text(const VerifyResult& result);
std::string status_text(const StatusResult& result);

/// Prints events: progress to stderr, generated files to stdout (Alembic's streams). A step's
/// `Running ...` line appears when it starts; on a terminal the same line gets the elapsed time
/// while it runs and its duration when it ends, elsewhere (logs) a `Finished ...` line follows.
/// With `json_log`, every event is one JSON line on stderr instead.
class TextSink final : public EventSink {
 public:
  struct Options {
    bool quiet = false;
    bool json = false;        ///< --json: results are one JSON document, so no file lines
    bool statements = false;  ///< -v on a run: one line per statement with its duration
    bool json_log = false;    ///< --log-format json
    bool terminal = false;    ///< stderr is a terminal
  };
  explicit TextSink(Options options);
  ~TextSink() override;
  TextSink(const TextSink&) = delete;
  TextSink& operator=(const TextSink&) = delete;
  void on(const Event& event) override;

 private:
  Options o_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread ticker_;
  bool stop_ = false;
  bool open_line_ = false;  ///< a terminal line waiting for its step's duration
  std::string line_;
  std::chrono::steady_clock::time_point began_;

  void text(const Event& event);
  void json_line(const Event& event);
  void close_line();  ///< ends an open terminal line so other output starts on its own
  void stop_ticker();
};

}  // namespace retort::cli
