#include "migrations/writer.hpp"

#include <fmt/format.h>
#include <sys/time.h>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <random>
#include <set>

#include "migrations/templates.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::migrations {

namespace fs = std::filesystem;

std::string generate_revision_id() {
  std::random_device rd;
  std::uniform_int_distribution<int> hex(0, 15);
  std::string id;
  for (int i = 0; i < 12; ++i) id += "0123456789abcdef"[hex(rd)];
  return id;
}

std::string slugify(const std::string& message, int truncate_length) {
  std::vector<std::string> words;
  std::string word;
  for (unsigned char c : message) {
    if (std::isalnum(c) || c == '_' || c >= 0x80) {
      word += static_cast<char>(std::tolower(c));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  auto slug = text::join(words, "_");
  if (static_cast<int>(slug.size()) > truncate_length) {
    slug = slug.substr(0, static_cast<std::size_t>(truncate_length));
    if (auto cut = slug.rfind('_'); cut != std::string::npos) slug = slug.substr(0, cut);
    slug += "_";
  }
  return slug;
}

Timestamp now_in(const std::string& timezone) {
  timeval tv{};
  gettimeofday(&tv, nullptr);
  std::tm tm{};
  const time_t secs = tv.tv_sec;
  auto lowered = text::lower(timezone);
  if (lowered == "utc" || lowered.empty()) {
    gmtime_r(&secs, &tm);
  } else if (lowered == "local") {
    localtime_r(&secs, &tm);
  } else {
    // glibc reads IANA zones through TZ; the previous value is restored afterwards.
    std::string name = timezone;
    if (!fs::exists("/usr/share/zoneinfo/" + name)) {
      std::string upper;
      for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (!fs::exists("/usr/share/zoneinfo/" + upper)) {
        throw Error(ErrorCode::Config, fmt::format("Can't locate timezone: {}", timezone));
      }
      name = upper;
    }
    const char* old = std::getenv("TZ");
    std::string saved = old ? old : "";
    setenv("TZ", name.c_str(), 1);
    tzset();
    localtime_r(&secs, &tm);
    if (old)
      setenv("TZ", saved.c_str(), 1);
    else
      unsetenv("TZ");
    tzset();
  }
  return {tm.tm_year + 1900,
          tm.tm_mon + 1,
          tm.tm_mday,
          tm.tm_hour,
          tm.tm_min,
          tm.tm_sec,
          static_cast<int>(tv.tv_usec),
          static_cast<long long>(secs)};
}

namespace {

/// "-- migrate:upgrade dialect:sqlite" -> "dialect:sqlite"; empty when the line is not a marker or
/// has no dialect.
std::optional<std::string> marker_dialect(std::string_view line) {
  auto t = text::trim(line);
  if (!t.starts_with("--")) return std::nullopt;
  t.remove_prefix(2);
  t = text::trim(t);
  if (!t.starts_with("migrate:")) return std::nullopt;
  auto at = t.find("dialect:");
  if (at == std::string_view::npos) return std::string();
  auto end = t.find(' ', at);
  return std::string(t.substr(at, end == std::string_view::npos ? end : end - at));
}

/// A section body that is split into blocks (autogenerate's `transaction:false` ones) brings
/// its own markers: each takes the template marker's dialect, and when the body starts with one,
/// the template's marker above it (which would open an empty block) goes.
std::string merge_blocks(std::string& out, const std::string& body) {
  if (body.find("-- migrate:") == std::string::npos) return body;
  auto previous_start = out.empty() ? 0 : out.rfind('\n', out.size() - 2);
  previous_start = previous_start == std::string::npos || out.size() < 2 ? 0 : previous_start + 1;
  const auto template_marker = marker_dialect(std::string_view(out).substr(previous_start));
  if (!template_marker) return body;
  std::string merged;
  for (auto line : text::lines(body)) {
    merged += line;
    if (marker_dialect(line) && !template_marker->empty()) merged += " " + *template_marker;
    merged += '\n';
  }
  if (!merged.empty() && body.back() != '\n') merged.pop_back();
  if (marker_dialect(text::lines(body).front())) out.erase(previous_start);
  return merged;
}

/// What the section for `dialect` ("" for every dialect) holds: (upgrade, downgrade).
std::pair<std::string, std::string> section_body(const NewRevision& rev, const std::string& dialect,
                                                 const std::string& template_name, int line_no) {
  if (rev.by_dialect.empty()) return {rev.upgrade_sql, rev.downgrade_sql};
  // Never one dialect's SQL in a section that another dialect runs, and never an empty section
  // that would silently do nothing there.
  std::vector<std::string> names;
  for (const auto& [name, bodies] : rev.by_dialect) names.push_back(name);
  if (dialect.empty() && rev.by_dialect.size() == 1) return rev.by_dialect.begin()->second;
  if (dialect.empty()) {
    throw Error(ErrorCode::Config,
                fmt::format("The revision template has a section for every dialect, and the project declares "
                            "several ({}): each needs its own `-- migrate:upgrade dialect:<name>` section (the "
                            "multidialect template of `retort init -t multidialect` has them)",
                            text::join(names, ", ")))
        .at_file(template_name, line_no);
  }
  auto it = rev.by_dialect.find(dialect);
  if (it == rev.by_dialect.end()) {
    throw Error(ErrorCode::Config,
                fmt::format("The revision template has a dialect:{} section, and autogenerate rendered only for {} "
                            "(dialects = [...] in the config, default the URL's): add \"{}\" to dialects",
                            dialect, text::join(names, ", "), dialect))
        .at_file(template_name, line_no);
  }
  return it->second;
}

struct TemplateLine {
  std::string text;
  int line_no;  ///< in the template file, for messages
};

/// The template's lines; when its sections are for every dialect and the project declares several,
/// the part from the first section marker on comes once per dialect, each marker naming it. A
/// template that has `dialect:` sections must have one for every declared dialect.
std::vector<TemplateLine> template_lines(const std::string& template_text, const std::string& template_name,
                                         const std::vector<std::string>& dialects) {
  std::vector<TemplateLine> lines;
  std::optional<std::size_t> first_marker;
  std::set<std::string> sections;
  int line_no = 0;
  for (auto line : text::lines(template_text)) {
    auto marker = marker_dialect(line);
    if (marker && !first_marker) first_marker = lines.size();
    if (marker && !marker->empty()) sections.insert(marker->substr(8));
    lines.push_back({std::string(line), ++line_no});
  }
  if (dialects.size() < 2 || !first_marker) return lines;
  if (!sections.empty()) {
    for (const auto& d : dialects) {
      if (!sections.contains(d)) {
        throw Error(ErrorCode::Config,
                    fmt::format("The revision template has no dialect:{} section, and the project declares {} "
                                "(dialects = [...] in the config): add `-- migrate:upgrade dialect:{}` and "
                                "`-- migrate:downgrade dialect:{}` sections",
                                d, d, d, d))
            .at_file(template_name);
      }
    }
    return lines;
  }
  std::vector<TemplateLine> out(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(*first_marker));
  for (const auto& d : dialects) {
    for (auto i = *first_marker; i < lines.size(); ++i) {
      auto line = lines[i];
      if (marker_dialect(line.text)) line.text = std::string(text::trim(line.text)) + " dialect:" + d;
      out.push_back(std::move(line));
    }
  }
  return out;
}

}  // namespace

std::string render_template(const std::string& template_text, const std::string& template_name, const NewRevision& rev,
                            const std::string& create_date, const std::map<std::string, std::string>& x) {
  std::string out;
  std::string section_dialect;  // of the last `-- migrate:` marker line of the template
  for (const auto& template_line : template_lines(template_text, template_name, rev.dialects)) {
    const std::string_view line = template_line.text;
    const int line_no = template_line.line_no;
    if (auto marker = marker_dialect(line)) section_dialect = marker->empty() ? "" : marker->substr(8);
    std::string rendered;
    bool drop_line = false;
    std::size_t pos = 0;
    while (true) {
      auto open = line.find("{{", pos);
      if (open == std::string_view::npos) {
        rendered += line.substr(pos);
        break;
      }
      rendered += line.substr(pos, open - pos);
      auto close = line.find("}}", open);
      if (close == std::string_view::npos) {
        throw Error(ErrorCode::Parse, "Unclosed '{{' in the revision template").at_file(template_name, line_no);
      }
      auto token = std::string(text::trim(line.substr(open + 2, close - open - 2)));
      std::string value;
      if (token == "message") {
        // A multi-line message stays inside the comment block.
        for (char c : rev.message) value += c == '\n' ? std::string("\n-- ") : std::string(1, c);
      } else if (token == "rev" || token == "revision")
        value = rev.id;
      else if (token == "revises")
        value = text::join(rev.parents, ", ");
      else if (token == "create_date")
        value = create_date;
      else if (token == "branch_labels" || token == "depends_on") {
        value = text::join(token == "branch_labels" ? rev.branch_labels : rev.depends_on, ", ");
        if (value.empty()) drop_line = true;  // an optional header line disappears when empty
      } else if (token == "upgrade" || token == "downgrade") {
        const auto bodies = section_body(rev, section_dialect, template_name, line_no);
        const auto& body = token == "upgrade" ? bodies.first : bodies.second;
        value = rendered.empty() ? merge_blocks(out, body) : body;
      }
      else if (token.starts_with("x.")) {
        auto it = x.find(token.substr(2));
        if (it != x.end()) value = it->second;
      } else {
        throw Error(ErrorCode::Parse,
                    fmt::format("Unknown template token '{{{{{}}}}}'; known: message, rev, revises, create_date, "
                                "branch_labels, depends_on, upgrade, downgrade, x.<key>",
                                token))
            .at_file(template_name, line_no);
      }
      rendered += value;
      pos = close + 2;
    }
    if (drop_line) continue;
    out += rendered;
    out += '\n';
  }
  return out;
}

namespace {

std::string file_name(const Config& config, const NewRevision& rev, const Timestamp& ts) {
  std::string out;
  const auto& t = config.file_template;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '{') {
      out += t[i];
      continue;
    }
    auto close = t.find('}', i);
    if (close == std::string::npos) {
      throw Error(ErrorCode::Config, fmt::format("Unclosed '{{' in file_template '{}'", t))
          .at_file(config.config_file.string());
    }
    auto token = t.substr(i + 1, close - i - 1);
    if (token == "rev")
      out += rev.id;
    else if (token == "slug")
      out += slugify(rev.message, config.truncate_slug_length);
    else if (token == "epoch")
      out += std::to_string(ts.epoch);
    else if (token == "year")
      out += fmt::format("{:04}", ts.year);
    else if (token == "month")
      out += fmt::format("{:02}", ts.month);
    else if (token == "day")
      out += fmt::format("{:02}", ts.day);
    else if (token == "hour")
      out += fmt::format("{:02}", ts.hour);
    else if (token == "minute")
      out += fmt::format("{:02}", ts.minute);
    else if (token == "second")
      out += fmt::format("{:02}", ts.second);
    else {
      throw Error(ErrorCode::Config, fmt::format("Unknown token '{{{}}}' in file_template; known: rev, slug, epoch, "
                                                 "year, month, day, hour, minute, second",
                                                 token))
          .at_file(config.config_file.string());
    }
    i = close;
  }
  return out + ".sql";
}

}  // namespace

fs::path write_revision(const Config& config, const fs::path& directory, const NewRevision& rev) {
  auto ts = now_in(config.timezone);
  auto create_date = fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}", ts.year, ts.month, ts.day, ts.hour,
                                 ts.minute, ts.second, ts.microsecond);
  auto template_path = config.script_location / "script.sql.tmpl";
  std::string template_text;
  std::string template_name = template_path.string();
  if (fs::exists(template_path)) {
    template_text = text::read_file(template_name);
  } else {
    template_text = default_script_template();
    template_name = "<built-in template>";
  }
  auto content = render_template(template_text, template_name, rev, create_date, config.x);
  auto path = directory / file_name(config, rev, ts);
  if (fs::exists(path)) {
    throw Error(ErrorCode::Io, fmt::format("File {} already exists", path.string())).at_file(path.string());
  }
  fs::create_directories(path.parent_path());
  text::write_file(path.string(), content);
  return path;
}

}  // namespace retort::migrations
