// The fleet scheduler: workers take targets in order, each runs the command as a one-target
// retort would, and the canary and fail-fast rules decide whether the rest start.

#include <atomic>
#include <mutex>
#include <thread>

#include "retort/error.hpp"
#include "retort/fleet.hpp"

namespace retort::fleet {

namespace {

using Clock = std::chrono::steady_clock;
using State = TargetResult::State;

std::vector<std::string> ids(const std::vector<RevisionEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.id);
  return out;
}

/// The command on one target. Reads where the database is before a run, and again after a failed
/// one, so the report says where each failure left it.
void run_one(const Config& base, Command command, const Options& options, TargetResult& r) {
  Config config = base;
  config.url = r.target.url;
  config.connection.reset();
  NullSink sink;
  try {
    switch (command) {
      case Command::Upgrade:
      case Command::Downgrade: {
        r.before = ids(current(config).revisions);
        RunOptions run;
        run.plan = options.plan;
        run.cancel = options.cancel;
        auto result = command == Command::Upgrade ? upgrade(config, options.revision, run, sink)
                                                  : downgrade(config, options.revision, run, sink);
        r.after = result.revisions_after;
        r.steps = result.steps;
        break;
      }
      case Command::Current:
        r.after = ids(current(config).revisions);
        r.before = r.after;
        break;
      case Command::Check: {
        auto result = check(config);
        r.differences = result.differences;
        r.before = ids(current(config).revisions);
        r.after = r.before;
        if (!r.differences.empty()) {
          r.state = State::Failed;
          r.error_kind = "differences";
          r.error = std::to_string(r.differences.size()) + " difference(s) from the desired schema";
          return;
        }
        break;
      }
      case Command::Status: {
        std::vector<std::string> applied;
        for (const auto& s : status(config).revisions) {
          if (s.applied)
            applied.push_back(s.revision);
          else
            r.pending.push_back(s.revision);
        }
        r.before = r.after = applied;
        break;
      }
    }
    r.state = State::Done;
  } catch (const Error& e) {
    r.state = State::Failed;
    r.error = e.describe();
    r.error_kind = to_string(e.code());
    if (command == Command::Upgrade || command == Command::Downgrade) {
      try {
        r.after = ids(current(config).revisions);
      } catch (const Error&) {
        // Unreadable now (unreachable, an unknown revision): unknown, not guessed.
      }
    }
  } catch (const std::exception& e) {
    r.state = State::Failed;
    r.error = std::string("internal error: ") + e.what();
    r.error_kind = "internal";
  }
}

class Scheduler {
 public:
  Scheduler(const Config& base, Command command, const Options& options, Listener& listener, Report& report)
      : base_(base), command_(command), options_(options), listener_(listener), report_(report) {}

  /// Runs targets [from, to) with the configured workers; returns whether any failed.
  bool run(std::size_t from, std::size_t to) {
    next_ = from;
    end_ = to;
    const auto workers = std::max<std::size_t>(1, std::min<std::size_t>(options_.jobs, to - from));
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < workers; ++i) threads.emplace_back([this] { work(); });
    work();
    for (auto& t : threads) t.join();
    return failed_.load();
  }

 private:
  void work() {
    while (true) {
      if (stop_.load() || options_.cancel.cancelled()) return;
      const auto i = next_.fetch_add(1);
      if (i >= end_) return;
      auto& r = report_.targets[i];
      {
        std::lock_guard lock(mutex_);
        listener_.started(r.target);
      }
      const auto began = Clock::now();
      run_one(base_, command_, options_, r);
      r.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - began);
      if (r.state == State::Failed) {
        failed_ = true;
        if (options_.fail_fast) stop_ = true;
      }
      std::lock_guard lock(mutex_);
      listener_.finished(r);
    }
  }

  const Config& base_;
  Command command_;
  const Options& options_;
  Listener& listener_;
  Report& report_;
  std::atomic<std::size_t> next_{0};
  std::size_t end_ = 0;
  std::atomic<bool> failed_{false}, stop_{false};
  std::mutex mutex_;
};

}  // namespace

std::size_t Report::count(State state) const {
  std::size_t n = 0;
  for (const auto& t : targets) n += t.state == state;
  return n;
}

Report run(const Config& base, const std::vector<Target>& targets, Command command, const Options& options,
           Listener& listener) {
  const auto began = Clock::now();
  Report report;
  for (const auto& t : targets) {
    TargetResult r;
    r.target = t;
    report.targets.push_back(std::move(r));
  }
  Scheduler scheduler(base, command, options, listener, report);
  const auto canary = std::min(options.canary, targets.size());
  bool stop = false;
  if (canary > 0) stop = scheduler.run(0, canary);
  if (!stop) scheduler.run(canary, targets.size());
  report.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - began);
  return report;
}

}  // namespace retort::fleet
