#include "support/text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "retort/error.hpp"

namespace retort::text {

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n\f\v";
  auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

std::vector<std::string> split(std::string_view s, char sep, bool trim_parts, bool skip_empty) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    auto pos = s.find(sep, start);
    auto part = s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start);
    if (trim_parts) part = trim(part);
    if (!(skip_empty && part.empty())) out.emplace_back(part);
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

std::vector<std::string_view> lines(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < s.size()) {
    auto nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      out.push_back(s.substr(start));
      break;
    }
    auto line = s.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    start = nl + 1;
  }
  return out;
}

std::string read_file(const std::string& path) {
  // Plain open/fstat/read: one allocation of the right size, no stream machinery. Migration files
  // are read by the thousand on every command.
  auto fail = [&] {
    return Error(ErrorCode::Io, fmt::format("Cannot read {}: {}", path, std::strerror(errno))).at_file(path);
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw fail();
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    auto e = fail();
    ::close(fd);
    throw e;
  }
  std::string out(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  char more[4096];  // past the size fstat gave: the file grew, or st_size was 0 (/proc, a pipe)
  while (true) {
    const bool full = got == out.size();
    auto n = full ? ::read(fd, more, sizeof more) : ::read(fd, out.data() + got, out.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      auto e = fail();
      ::close(fd);
      throw e;
    }
    if (n == 0) break;
    if (full) out.append(more, static_cast<std::size_t>(n));  // growing only then, not to find EOF
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  out.resize(got);
  return out;
}

void write_file(const std::string& path, std::string_view content) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw Error(ErrorCode::Io, fmt::format("Cannot write {}: {}", path, std::strerror(errno))).at_file(path);
    }
    out << content;
    if (!out.flush()) {
      throw Error(ErrorCode::Io, fmt::format("Cannot write {}: {}", path, std::strerror(errno))).at_file(path);
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    throw Error(ErrorCode::Io, fmt::format("Cannot write {}: {}", path, std::strerror(errno))).at_file(path);
  }
}

std::string sql_literal(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

std::string shown(std::string_view s, std::size_t max, bool lines) {
  std::string out;
  const auto full = s.size();
  const auto cut = full > max;
  if (cut) {
    // Never split a UTF-8 sequence: back up to the start of the character at the cut.
    auto end = max;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    s = s.substr(0, end);
  }
  for (unsigned char c : s) {
    if ((c < 0x20 || c == 0x7f) && !(lines && (c == '\n' || c == '\t'))) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  if (cut) out += fmt::format("... ({} bytes in all)", full);
  return out;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (std::tolower(a[i - 1]) == std::tolower(b[j - 1]) ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string sql_terminated(const std::string& sql) {
  const auto nl = sql.rfind('\n');
  const auto last_line = std::string_view(sql).substr(nl == std::string::npos ? 0 : nl);
  return sql + (last_line.find("--") == std::string_view::npos ? ";\n" : "\n;\n");
}

std::string dot_quoted(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20) continue;  // no control bytes in a picture
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::size_t skip_space_and_comments(std::string_view s, int& newlines) {
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\n') {
      ++newlines;
      ++i;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      auto end = s.find("*/", i + 2);
      auto stop = end == std::string_view::npos ? s.size() : end + 2;
      for (; i < stop; ++i) {
        if (s[i] == '\n') ++newlines;
      }
    } else {
      break;
    }
  }
  return i;
}

void replace_file(const std::string& path, std::string_view content) {
  static std::atomic<unsigned> writes{0};
  const auto tmp = fmt::format("{}.{}.{}.tmp", path, ::getpid(), writes.fetch_add(1));
  try {
    write_file(tmp, content);
    std::filesystem::rename(tmp, path);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw;
  }
}

}  // namespace retort::text
