#include "interrupt.hpp"

#include <chrono>

namespace retort::cli {

namespace {

// Only a lock-free flag may be touched from a signal handler; a thread turns it into a cancel.
std::atomic<bool> signalled{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_signal(int) { signalled.store(true); }

}  // namespace

InterruptWatcher::InterruptWatcher(CancelToken token, std::function<void()> on_interrupt)
    : token_(std::move(token)), on_interrupt_(std::move(on_interrupt)) {
  signalled.store(false);
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND;  // the second signal gets the default action: the process ends
  // A background job of a non-interactive shell ignores SIGINT, and so should we.
  sigaction(SIGINT, nullptr, &old_int_);
  if (old_int_.sa_handler != SIG_IGN) sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, &old_term_);
  thread_ = std::thread([this] {
    while (!stop_.load()) {
      if (signalled.load()) {
        token_.cancel();
        if (on_interrupt_) on_interrupt_();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  });
}

InterruptWatcher::~InterruptWatcher() {
  stop_.store(true);
  thread_.join();
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
}

bool InterruptWatcher::interrupted() const { return signalled.load(); }

}  // namespace retort::cli
