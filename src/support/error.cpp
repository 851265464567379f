#include "retort/error.hpp"

#include <fmt/format.h>

namespace retort {

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
  std::string out = message_;
  if (!revision_.empty()) out += fmt::format("\n  revision: {}", revision_);
  if (!file_.empty()) {
    out += line_ > 0 ? fmt::format("\n  file: {}:{}", file_, line_) : fmt::format("\n  file: {}", file_);
  }
  if (!statement_.empty()) {
    std::string shown = statement_;
    // Long statements are cut so the error stays readable; the file and line point at the rest.
    if (shown.size() > 400) shown = shown.substr(0, 400) + " ...";
    std::string indented;
    for (char c : shown) {
      indented += c;
      if (c == '\n') indented += "    ";
    }
    out += fmt::format("\n  statement: {}", indented);
  }
  if (!sqlstate_.empty()) out += fmt::format("\n  code: {}", sqlstate_);
  if (!dialect_.empty()) out += fmt::format("\n  dialect: {}", dialect_);
  return out;
}

}  // namespace retort
