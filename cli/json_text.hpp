// How every JSON document the CLI prints is serialised, in one place.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace retort::cli {

/// Indented, newline-terminated. Invalid UTF-8 (in a message, a version row, a file's text)
/// becomes U+FFFD instead of an exception that would abort the process after the run committed
/// (issue 11).
std::string json_document(const nlohmann::json& j);

/// One line, no newline: for a log of events.
std::string json_line(const nlohmann::json& j);

}  // namespace retort::cli
