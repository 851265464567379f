#pragma once
// Small string helpers shared by every layer.

#include <string>
#include <string_view>
#include <vector>

namespace retort::text {

[[nodiscard]] std::string_view trim(std::string_view s);
[[nodiscard]] std::vector<std::string> split(std::string_view s, char sep, bool trim_parts = true,
                                             bool skip_empty = true);
[[nodiscard]] std::string join(const std::vector<std::string>& parts, std::string_view sep);
[[nodiscard]] std::string lower(std::string_view s);
/// Skips whitespace, `--` and `/* */` comments; returns the bytes skipped and counts newlines.
std::size_t skip_space_and_comments(std::string_view s, int& newlines);
[[nodiscard]] std::string upper(std::string_view s);
/// Lines of `s` without their terminators; a final line without '\n' counts too.
[[nodiscard]] std::vector<std::string_view> lines(std::string_view s);
/// Reads a whole file; throws retort::Error(Io) naming the path.
[[nodiscard]] std::string read_file(const std::string& path);
/// Writes a whole file atomically (temporary file + rename).
void write_file(const std::string& path, std::string_view content);
/// Writes `content` to a private temporary beside `path` and renames it over `path`, so readers
/// never see half a file and concurrent writers (processes or threads) never interleave; throws on
/// failure, leaving no temporary behind.
void replace_file(const std::string& path, std::string_view content);
/// `sql` ended by ";" and a newline; the ";" goes on a line of its own when the statement's last
/// line holds a "--" comment, which would otherwise swallow it (statements kept as written).
[[nodiscard]] std::string sql_terminated(const std::string& sql);
/// Single-quoted SQL string literal.
[[nodiscard]] std::string sql_literal(std::string_view s);
/// FNV-1a, 64 bits: stable across builds and platforms (std::hash is not), for cache names and
/// lock keys.
class Fnv1a {
 public:
  Fnv1a& add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      h_ ^= c;
      h_ *= 1099511628211ULL;
    }
    return *this;
  }
  [[nodiscard]] unsigned long long value() const { return h_; }

 private:
  unsigned long long h_ = 1469598103934665603ULL;
};

/// `s` as a message may quote it: control bytes as \xNN (a revision id or a database row must not
/// drive the terminal) and, past `max` bytes, cut with the full length given. `lines` keeps
/// newlines and tabs (a statement, a whole message).
[[nodiscard]] std::string shown(std::string_view s, std::size_t max = 100, bool lines = false);
/// `s` inside a Graphviz double-quoted string: quotes and backslashes escaped, control bytes dropped.
[[nodiscard]] std::string dot_quoted(std::string_view s);
/// Levenshtein distance, for "did you mean" hints.
[[nodiscard]] size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace retort::text
