#include "migrations/script_directory.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

#include "migrations/header_cache.hpp"
#include "retort/embedded.hpp"
#include "retort/error.hpp"
#include "support/text.hpp"

namespace retort::migrations {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kCacheFrom = 256;

bool is_migration_name(std::string_view name) {
  return name.ends_with(".sql") && !name.starts_with(".") && !name.ends_with("~");
}

/// Appends the migration files under `dir` as (file name, path); readdir(3) directly, because
/// std::filesystem's path objects cost more than the directory listing itself on large projects.
struct Found {
  std::string path;
  std::size_t name_at = 0;  // where the file name starts in `path`
  int dir_fd = -1;          // the open directory holding it
  std::optional<FileStamp> stamp;
  [[nodiscard]] std::string_view name() const { return std::string_view(path).substr(name_at); }
  // One comparison of the names (10,000 files: 140,000 of them), the path only on a tie.
  bool operator<(const Found& o) const {
    const int c = name().compare(o.name());
    return c != 0 ? c < 0 : path < o.path;
  }
  bool operator==(const Found& o) const { return path == o.path; }
};

/// Open directory descriptors, closed together when the listing is done.
struct DirFds {
  std::vector<int> fds;
  ~DirFds() {
    for (int fd : fds) ::close(fd);
  }
};

/// Appends the migration files under `dir`; readdir(3) directly, because std::filesystem's path
/// objects cost more than the directory listing itself on large projects.
void list_dir(const std::string& dir, bool recursive, std::vector<Found>& out, DirFds& fds) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR* raw = fd >= 0 ? ::fdopendir(::dup(fd)) : nullptr;
  if (!raw) {
    auto err = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    throw Error(ErrorCode::Io, fmt::format("Cannot read directory {}: {}", dir, err)).at_file(dir);
  }
  fds.fds.push_back(fd);
  std::unique_ptr<DIR, int (*)(DIR*)> d(raw, &::closedir);
  while (const dirent* e = ::readdir(d.get())) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    auto type = e->d_type;
    std::string path;
    path.reserve(dir.size() + 1 + name.size());
    path.append(dir).append(1, '/').append(name);
    // A migration entry that cannot be read as a file is an error, never skipped: skipping it
    // would move `head` (and reading a FIFO would wait forever).
    auto unusable = [&](const std::string& what) {
      return Error(ErrorCode::Io, fmt::format("Migration entry {} is {}", path, what)).at_file(path);
    };
    if (type == DT_UNKNOWN || type == DT_LNK) {
      struct stat st {};
      if (::fstatat(fd, e->d_name, &st, 0) != 0) {
        if (!is_migration_name(name)) continue;
        throw unusable(errno == ELOOP    ? "a symbolic link loop"
                       : errno == ENOENT ? "a symbolic link to nothing (dangling)"
                                         : fmt::format("not readable: {}", std::strerror(errno)));
      }
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
    }
    if (type == DT_DIR) {
      if (recursive && !name.starts_with(".")) list_dir(path, recursive, out, fds);
    } else if (is_migration_name(name)) {
      if (type != DT_REG) throw unusable("not a regular file (a FIFO, socket or device)");
      out.push_back({std::move(path), dir.size() + 1, fd, std::nullopt});
    }
  }
}

/// Work over [0, n) that the calling thread shares with one helper thread in chunks, each taking
/// the next free one, so neither waits on the other however uneven the chunks' cost. The helper
/// starts at once; the caller may do other work first and joins in with finish(). Below a few
/// hundred items the caller does it all. (The machines we target have at least two cores; more
/// threads stop paying off against the kernel's own locking.)
class SharedLoop {
 public:
  template <typename Work>
  SharedLoop(std::size_t n, Work work) : n_(n), work_(std::move(work)) {
    if (n >= 512) helper_ = std::thread([this] { run(); });
  }
  SharedLoop(const SharedLoop&) = delete;
  SharedLoop& operator=(const SharedLoop&) = delete;
  ~SharedLoop() { finish(); }
  void finish() {
    run();
    if (helper_.joinable()) helper_.join();
  }

 private:
  static constexpr std::size_t kChunk = 128;
  void run() {
    for (std::size_t b; (b = next_.fetch_add(kChunk)) < n_;) work_(b, std::min(n_, b + kChunk));
  }
  std::size_t n_;
  std::function<void(std::size_t, std::size_t)> work_;
  std::atomic<std::size_t> next_{0};
  std::thread helper_;
};

template <typename Work>
void in_parallel(std::size_t n, Work work) {
  SharedLoop(n, std::move(work)).finish();
}

/// The migration files of `config`'s version directories, unsorted and not yet stat-ed.
std::vector<Found> list_files(const Config& config, DirFds& fds) {
  std::vector<Found> keyed;
  for (const auto& dir : config.versions_dirs()) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      throw Error(ErrorCode::Config,
                  fmt::format("Version location {} does not exist; create it or fix 'script_location' / "
                              "'version_locations' in the config",
                              dir.string()))
          .at_file(config.config_file.string());
    }
    list_dir(dir.lexically_normal().string(), config.recursive_version_locations, keyed, fds);
  }
  return keyed;
}

/// Where each entry of `keyed` goes in file-name order (then path, for the same name in two
/// locations): entry from[k] comes k-th. Reads only the names, so another thread may fill in the
/// entries' stamps meanwhile.
std::vector<std::size_t> sorted_order(const std::vector<Found>& keyed) {
  // The sort moves small keys, not the entries: each key holds the name's first 16 bytes as two
  // big-endian numbers, so most comparisons are integer comparisons, also where names share a
  // long prefix (a date, as Alembic's file_template may write, or ids that start alike).
  struct Key {
    std::uint64_t high, low;
    std::size_t index;
  };
  auto word = [](std::string_view name, std::size_t from) {
    std::uint64_t w = 0;
    for (std::size_t b = from; b < from + 8; ++b) w = w << 8 | (b < name.size() ? static_cast<unsigned char>(name[b]) : 0u);
    return w;
  };
  std::vector<Key> keys(keyed.size());
  for (std::size_t i = 0; i < keyed.size(); ++i) {
    const auto name = keyed[i].name();
    keys[i] = {word(name, 0), word(name, 8), i};
  }
  std::sort(keys.begin(), keys.end(), [&keyed](const Key& a, const Key& b) {
    if (a.high != b.high) return a.high < b.high;
    if (a.low != b.low) return a.low < b.low;
    return keyed[a.index] < keyed[b.index];
  });
  std::vector<std::size_t> from(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) from[i] = keys[i].index;
  return from;
}

/// Puts `keyed` in the order sorted_order() gave and drops a file listed twice.
void apply_order(std::vector<Found>& keyed, std::vector<std::size_t>& from) {
  // In place, one cycle of the permutation at a time: no second array of entries.
  for (std::size_t start = 0; start < from.size(); ++start) {
    if (from[start] == start) continue;
    Found held = std::move(keyed[start]);
    std::size_t at = start;
    while (from[at] != start) {
      keyed[at] = std::move(keyed[from[at]]);
      const auto next = from[at];
      from[at] = at;
      at = next;
    }
    keyed[at] = std::move(held);
    from[at] = at;
  }
  keyed.erase(std::unique(keyed.begin(), keyed.end()), keyed.end());
}

}  // namespace

std::string embedded_path(const EmbeddedSet& set, const EmbeddedFile& file) {
  return fmt::format("{} (compiled into this program as '{}')", file.path, set.name);
}

std::vector<std::string> discover(const Config& config) {
  DirFds fds;
  auto found = list_files(config, fds);
  auto order = sorted_order(found);
  apply_order(found, order);
  std::vector<std::string> files;
  for (auto& f : found) files.push_back(std::move(f.path));
  return files;
}

ScriptDirectory ScriptDirectory::load(const Config& config) {
  if (config.embedded_set) {
    const auto& set = *config.embedded_set;
    std::vector<Script> scripts;
    scripts.reserve(set.version_count);
    for (std::size_t i = 0; i < set.version_count; ++i) {
      const auto& f = set.versions[i];
      scripts.push_back(parse_script(embedded_path(set, f), std::string(f.text, f.size)));
    }
    return from_scripts(std::move(scripts));
  }
  DirFds fds;
  auto files = list_files(config, fds);
  // The stat calls are most of a listing's time: they start on the helper thread at once, while
  // this thread sorts the names and maps the cache. Each file's stamp lands in its own entry.
  SharedLoop stat(files.size(), [&files](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) files[i].stamp = stamp_at(files[i].dir_fd, files[i].path.c_str() + files[i].name_at);
  });
  std::vector<std::size_t> order = sorted_order(files);
  // Below a few hundred files reading them is as cheap as reading a cache; small projects (and
  // programs migrating on boot) neither read nor write one.
  const auto cache_path = files.size() >= kCacheFrom ? cache_file(config) : std::nullopt;
  auto cache = cache_path ? HeaderCache::read(*cache_path) : HeaderCache{};
  stat.finish();
  apply_order(files, order);
  std::vector<Script> scripts(files.size());
  std::vector<std::string_view> details(files.size());  // cached messages and headers, not read yet
  std::vector<std::string_view> texts(files.size());    // whole texts the cache holds
  std::vector<std::size_t> missed;                      // files to read and parse
  // On this thread: taking a header is one small allocation, and the helper thread's heap would
  // fault in 4 KiB pages (the CLI's own heap has 2 MiB ones).
  for (std::size_t i = 0; i < files.size(); ++i) {
    auto& path = files[i].path;
    const auto& stamp = files[i].stamp;
    if (stamp && cache.take(i, path, *stamp, scripts[i], details[i], texts[i])) {
      scripts[i].node.source = std::move(path);  // not needed again: one string per file
    } else {
      missed.push_back(i);
    }
  }
  // Reading and parsing thousands of files is the cost of every command on a new project.
  std::vector<std::exception_ptr> errors(missed.size());
  in_parallel(missed.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      try {
        const auto& path = files[missed[k]].path;
        scripts[missed[k]] = parse_script(path, text::read_file(path));
      } catch (...) {
        errors[k] = std::current_exception();
      }
    }
  });
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);  // the first broken file in file order, whatever thread saw it
  }
  auto dir = from_scripts(std::move(scripts));
  dir.details_ = std::move(details);
  // Refresh the cache when a file was (re)parsed; only a graph that built cleanly is cached.
  if (cache_path && !missed.empty()) {
    HeaderCache fresh;
    for (std::size_t i = 0; i < dir.scripts_.size(); ++i) {
      const auto& s = dir.script(i);
      const std::string_view text = s.text ? std::string_view(*s.text) : texts[i];
      if (files[i].stamp) fresh.put(s.node.source, *files[i].stamp, s, text);
    }
    fresh.write(*cache_path);
  }
  if (missed.size() < files.size()) {  // some headers came from the cache: its texts and details view it
    dir.cached_texts_ = std::move(texts);
    dir.keep_texts_ = cache.keep_alive();
  }
  return dir;
}

const Script& ScriptDirectory::script(revisions::Index i) const {
  if (scripts_[i].node.id.empty()) scripts_[i].node = graph_.node(i);  // no script has an empty id
  take_details(i);
  return scripts_[i];
}

void ScriptDirectory::take_details(revisions::Index i) const {
  if (i < details_.size() && !details_[i].empty()) {
    HeaderCache::take_details(details_[i], scripts_[i]);
    details_[i] = {};
  }
}

Script ScriptDirectory::release(revisions::Index i) {
  take_details(i);
  return std::move(scripts_[i]);
}

void ScriptDirectory::load_sections(const std::vector<revisions::Index>& revs) const {
  std::vector<revisions::Index> missing;
  for (auto r : revs) {
    if (!scripts_[r].complete) missing.push_back(r);
  }
  std::vector<std::exception_ptr> errors(missing.size());
  in_parallel(missing.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k) {
      try {
        (void)with_sections(missing[k]);  // distinct scripts: no two threads touch the same one
      } catch (...) {
        errors[k] = std::current_exception();
      }
    }
  });
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

const Script& ScriptDirectory::with_sections(revisions::Index i) const {
  auto& s = scripts_[i];
  if (!s.complete) {
    // The text the cache kept is the file as its stamp was checked: no need to open it.
    const auto& source = graph_.node(i).source;
    auto full = parse_script(source, text_cached(i) ? std::string(cached_texts_[i]) : text::read_file(source));
    if (full.node.id != graph_.id(i)) {
      throw Error(ErrorCode::Io, fmt::format("{} changed while retort was running (its Revision ID is now {})", source,
                                             full.node.id))
          .at_file(source);
    }
    s = std::move(full);
    if (i < details_.size()) details_[i] = {};
    return s;
  }
  return script(i);
}

ScriptDirectory ScriptDirectory::from_scripts(std::vector<Script> scripts) {
  ScriptDirectory dir;
  std::vector<revisions::RevisionNode> nodes;
  nodes.reserve(scripts.size());
  // Moved, not copied: script() copies a node back only for the scripts a command looks at.
  for (auto& s : scripts) nodes.push_back(std::move(s.node));
  dir.graph_ = revisions::Graph::build(std::move(nodes));
  dir.scripts_ = std::move(scripts);
  return dir;
}

}  // namespace retort::migrations
