#pragma once
/// Events the library reports while it works. The library never prints; callers decide how to
/// show these (the CLI writes text or JSON).

#include <chrono>
#include <string>
#include <variant>
#include <vector>

namespace retort {

enum class StepKind { Upgrade, Downgrade, Stamp };

/// One planned step: a migration to run, or a stamp.
struct StepInfo {
  StepKind kind = StepKind::Upgrade;
  std::string revision;           ///< empty for stamp steps
  std::vector<std::string> from;  ///< "Running upgrade <from> -> <to>, <message>"
  std::vector<std::string> to;
  std::string message;
  std::string file;
};

struct StepStarted {
  StepInfo step;
};
struct StepFinished {
  StepInfo step;
  std::chrono::nanoseconds duration{};
};
struct StatementExecuted {
  std::string revision;
  std::string sql;
  int line = 0;
  std::chrono::nanoseconds duration{};
};
/// A file or directory was written (init, revision, merge).
struct FileWritten {
  std::string path;
  bool directory = false;
  bool skipped = false;  ///< it existed and was left alone
};
/// Waiting for another migrator's lock.
struct Waiting {
  std::string message;
};
struct Warning {
  std::string message;
};
struct Info {
  std::string message;
};

using Event = std::variant<StepStarted, StepFinished, StatementExecuted, FileWritten, Waiting, Warning, Info>;

/// Receives events; implementations must not throw.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on(const Event& event) = 0;
};

/// A sink that drops everything.
class NullSink final : public EventSink {
 public:
  void on(const Event&) override {}
};

/// "upgrade", "downgrade" or "stamp".
[[nodiscard]] const char* to_string(StepKind kind);

}  // namespace retort
