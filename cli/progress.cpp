// Live progress: what a person at a terminal and a log pipeline each need while migrations run.

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>
#include <iostream>

#include "json_text.hpp"
#include "output.hpp"

namespace retort::cli {

namespace {

using Clock = std::chrono::steady_clock;

std::string now_utc() {
  const auto now = std::chrono::system_clock::now();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

double millis(std::chrono::nanoseconds d) { return std::chrono::duration<double, std::milli>(d).count(); }

/// A statement as one short line: its first line, cut.
std::string statement_text(const std::string& sql) {
  auto first = sql.substr(0, sql.find('\n'));
  if (first.size() > 100) first = first.substr(0, 97) + "...";
  if (first.size() < sql.size() && first.size() <= 100 && sql.find('\n') != std::string::npos) first += " ...";
  return first;
}

nlohmann::json step_json(const StepInfo& s) {
  return {{"kind", to_string(s.kind)}, {"revision", s.revision}, {"from", s.from},
          {"to", s.to},                {"message", s.message},   {"file", s.file}};
}

}  // namespace

TextSink::TextSink(Options options) : o_(options) {}

TextSink::~TextSink() { stop_ticker(); }

void TextSink::stop_ticker() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (ticker_.joinable()) ticker_.join();
  stop_ = false;
}

void TextSink::close_line() {
  if (!open_line_) return;
  std::cerr << "\n";
  open_line_ = false;
}

void TextSink::on(const Event& event) {
  if (o_.json_log) {
    json_line(event);
    return;
  }
  // A statement that is not shown must not stop the elapsed-time line of the step it belongs to.
  if (std::holds_alternative<StatementExecuted>(event) && (o_.quiet || !o_.statements)) return;
  stop_ticker();  // the ticker writes only while nothing else does
  std::lock_guard lock(mutex_);
  text(event);
  std::cerr.flush();
}

void TextSink::text(const Event& event) {
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, StepStarted>) {
          if (o_.quiet || e.step.kind == StepKind::Stamp) return;  // a stamp is reported once it is done
          close_line();
          line_ = "INFO  [retort] " + step_line(e.step);
          began_ = Clock::now();
          if (!o_.terminal) {
            std::cerr << line_ << "\n";
            return;
          }
          std::cerr << line_;
          open_line_ = true;
          // While the step runs, the terminal line shows how long it has been running.
          ticker_ = std::thread([this] {
            std::unique_lock lock(mutex_);
            while (!wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stop_; })) {
              const auto elapsed = Clock::now() - began_;
              if (open_line_ && elapsed > std::chrono::seconds(1)) {
                std::cerr << fmt::format("\r{} ({:.0f} s)", line_, std::chrono::duration<double>(elapsed).count());
                std::cerr.flush();
              }
            }
          });
        } else if constexpr (std::is_same_v<T, StepFinished>) {
          if (o_.quiet) return;
          if (e.step.kind == StepKind::Stamp) {
            close_line();
            std::cerr << fmt::format("INFO  [retort] {}{}\n", step_line(e.step),
                                     e.duration.count() > 0 ? " (" + duration_text(e.duration) + ")" : "");
          } else if (e.duration.count() == 0) {
            close_line();  // offline: nothing ran, there is no duration to tell
          } else if (open_line_) {
            std::cerr << fmt::format("\r{} ({})\x1b[K\n", line_, duration_text(e.duration));
            open_line_ = false;
          } else {
            auto finished = step_line(e.step);
            finished.replace(0, std::string("Running").size(), "Finished");
            std::cerr << fmt::format("INFO  [retort] {} ({})\n", finished, duration_text(e.duration));
          }
        } else if constexpr (std::is_same_v<T, StatementExecuted>) {
          if (o_.quiet || !o_.statements) return;
          close_line();
          std::cerr << fmt::format("INFO  [retort]   {} line {}: {} ({})\n", e.revision, e.line,
                                   statement_text(e.sql), duration_text(e.duration));
        } else if constexpr (std::is_same_v<T, FileWritten>) {
          if (o_.quiet || o_.json) return;
          if (e.skipped)
            std::cout << fmt::format("File {} already exists, skipping\n", e.path);
          else if (e.directory)
            std::cout << fmt::format("Creating directory {} ...  done\n", e.path);
          else
            std::cout << fmt::format("Generating {} ...  done\n", e.path);
        } else if constexpr (std::is_same_v<T, Waiting>) {
          if (o_.quiet) return;
          close_line();
          std::cerr << fmt::format("INFO  [retort] {}\n", e.message);
        } else if constexpr (std::is_same_v<T, Warning>) {
          close_line();
          std::cerr << fmt::format("WARNING [retort] {}\n", e.message);
        } else if constexpr (std::is_same_v<T, Info>) {
          if (o_.quiet) return;
          close_line();
          std::cerr << fmt::format("INFO  [retort] {}\n", e.message);
        }
      },
      event);
}

void TextSink::json_line(const Event& event) {
  // One JSON object per line on stderr, for log pipelines; stdout keeps the command's result.
  nlohmann::json j{{"time", now_utc()}, {"level", "info"}};
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, StepStarted>) {
          j["event"] = "step_started";
          j["step"] = step_json(e.step);
        } else if constexpr (std::is_same_v<T, StepFinished>) {
          j["event"] = "step_finished";
          j["step"] = step_json(e.step);
          j["duration_ms"] = millis(e.duration);
        } else if constexpr (std::is_same_v<T, StatementExecuted>) {
          j["event"] = "statement";
          j["revision"] = e.revision;
          j["line"] = e.line;
          j["sql"] = e.sql.size() > 1000 ? e.sql.substr(0, 1000) : e.sql;
          j["sql_bytes"] = e.sql.size();
          j["duration_ms"] = millis(e.duration);
        } else if constexpr (std::is_same_v<T, FileWritten>) {
          j["event"] = "file_written";
          j["path"] = e.path;
          j["directory"] = e.directory;
          j["skipped"] = e.skipped;
        } else if constexpr (std::is_same_v<T, Waiting>) {
          j["event"] = "waiting_for_lock";
          j["message"] = e.message;
        } else if constexpr (std::is_same_v<T, Warning>) {
          j["event"] = "warning";
          j["level"] = "warning";
          j["message"] = e.message;
        } else if constexpr (std::is_same_v<T, Info>) {
          j["event"] = "info";
          j["message"] = e.message;
        }
      },
      event);
  std::lock_guard lock(mutex_);
  std::cerr << cli::json_line(j) << "\n";
  std::cerr.flush();
}

}  // namespace retort::cli
