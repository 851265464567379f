#include "retort/error.hpp"

#include <fmt/format.h>

#include "support/text.hpp"

namespace retort {

const char* to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::Usage: return "usage";
    case ErrorCode::Config: return "config";
    case ErrorCode::Url: return "url";
    case ErrorCode::Parse: return "parse";
    case ErrorCode::Graph: return "graph";
    case ErrorCode::Resolve: return "resolve";
    case ErrorCode::Plan: return "plan";
    case ErrorCode::Database: return "database";
    case ErrorCode::Lock: return "lock";
    case ErrorCode::Migration: return "migration";
    case ErrorCode::Io: return "io";
    case ErrorCode::Internal: return "internal";
    case ErrorCode::Cancelled: return "cancelled";
  }
  return "unknown";
}

Error::Error(ErrorCode code, std::string message)
    : std::runtime_error(message), code_(code), message_(std::move(message)) {}

Error& Error::at_revision(std::string revision) {
  if (revision_.empty()) revision_ = std::move(revision);
  return *this;
}

Error& Error::at_file(std::string file, int line) {
  if (file_.empty()) {
    file_ = std::move(file);
    if (line > 0) line_ = line;
  }
  return *this;
}

Error& Error::at_line(int line) {
  if (line_ == 0) line_ = line;
  return *this;
}

Error& Error::with_statement(std::string statement) {
  statement_ = std::move(statement);
  return *this;
}

Error& Error::with_sqlstate(std::string sqlstate) {
  sqlstate_ = std::move(sqlstate);
  return *this;
}

Error& Error::with_dialect(std::string dialect) {
  dialect_ = std::move(dialect);
  return *this;
}

Error Error::reworded(ErrorCode code, std::string message) const {
  Error e(code, std::move(message));
  e.revision_ = revision_;
  e.file_ = file_;
  e.line_ = line_;
  e.statement_ = statement_;
  e.sqlstate_ = sqlstate_;
  e.dialect_ = dialect_;
  return e;
}

std::string Error::describe() const {
  // Messages quote database errors and file contents: no byte of them may drive the terminal.
  std::string out = text::shown(message_, std::string::npos, true);
  if (!revision_.empty()) out += fmt::format("\n  revision: {}", text::shown(revision_));
  if (!file_.empty()) {
    const auto file = text::shown(file_, std::string::npos);
    out += line_ > 0 ? fmt::format("\n  file: {}:{}", file, line_) : fmt::format("\n  file: {}", file);
  }
  if (!statement_.empty()) {
    // Long statements are cut so the error stays readable; the file and line point at the rest.
    const auto shown = text::shown(statement_, 400, true);
    std::string indented;
    for (char c : shown) {
      indented += c;
      if (c == '\n') indented += "    ";
    }
    out += fmt::format("\n  statement: {}", indented);
  }
  if (!sqlstate_.empty()) out += fmt::format("\n  code: {}", text::shown(sqlstate_));
  if (!dialect_.empty()) out += fmt::format("\n  dialect: {}", dialect_);
  return out;
}

}  // namespace retort
