// Ctrl-C during a fleet: the first SIGINT or SIGTERM cancels (running targets roll back, the rest
// are skipped, the report and the failed-targets file are still written); a second one ends the
// process at once, as if nothing had been caught.
#pragma once

#include <atomic>
#include <csignal>
#include <thread>

#include "retort/commands.hpp"

namespace retort::cli {

class InterruptWatcher {
 public:
  /// Cancels `token` on the first signal; `on_interrupt` runs once then, on the watcher thread.
  InterruptWatcher(CancelToken token, std::function<void()> on_interrupt);
  ~InterruptWatcher();
  InterruptWatcher(const InterruptWatcher&) = delete;
  InterruptWatcher& operator=(const InterruptWatcher&) = delete;

  [[nodiscard]] bool interrupted() const;

 private:
  CancelToken token_;
  std::function<void()> on_interrupt_;
  std::atomic<bool> stop_{false};
  struct sigaction old_int_{}, old_term_{};
  std::thread thread_;
};

}  // namespace retort::cli
