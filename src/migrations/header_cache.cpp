#include "migrations/header_cache.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "support/text.hpp"

namespace retort::migrations {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "retort-header-cache 1\n";
// A file changed within this long before the cache was written may change again within the
// file system's timestamp granularity without its stamp changing; such entries are not trusted.
constexpr std::uint64_t kRacyNs = 2'000'000'000;

std::uint64_t ns(const timespec& t) {
  return static_cast<std::uint64_t>(t.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(t.tv_nsec);
}

class Writer {
 public:
  void u64(std::uint64_t v) { out_.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void str(std::string_view s) {
    u64(s.size());
    out_.append(s);
  }
  void list(const std::vector<std::string>& v) {
    u64(v.size());
    for (const auto& s : v) str(s);
  }
  [[nodiscard]] const std::string& data() const { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool u64(std::uint64_t& v) {
    if (in_.size() - pos_ < sizeof v) return false;
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return true;
  }
  bool view(std::string_view& s) {
    std::uint64_t n = 0;
    if (!u64(n) || in_.size() - pos_ < n) return false;
    s = in_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool str(std::string& s) {
    std::string_view v;
    if (!view(v)) return false;
    s.assign(v);
    return true;
  }
  bool skip_list() {
    std::uint64_t n = 0;
    std::string_view v;
    if (!u64(n) || n > in_.size()) return false;
    for (std::uint64_t i = 0; i < n; ++i) {
      if (!view(v)) return false;
    }
    return true;
  }
  void seek(std::size_t pos) { pos_ = pos; }
  [[nodiscard]] std::size_t pos() const { return pos_; }
  bool list(std::vector<std::string>& v) {
    std::uint64_t n = 0;
    if (!u64(n) || n > in_.size()) return false;
    v.resize(n);
    for (auto& s : v) {
      if (!str(s)) return false;
    }
    return true;
  }
  [[nodiscard]] bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<FileStamp> stamp_at(int dir_fd, const char* name) {
  struct stat st {};
  if (::fstatat(dir_fd, name, &st, 0) != 0) return std::nullopt;
  return FileStamp{static_cast<std::uint64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim),
                   static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_dev)};
}

std::optional<FileStamp> stamp_of(const std::string& path) { return stamp_at(AT_FDCWD, path.c_str()); }

std::optional<fs::path> cache_file(const Config& config) {
  if (const char* off = std::getenv("RETORT_NO_CACHE"); off && *off) return std::nullopt;
  if (config.embedded_set) return std::nullopt;  // compiled in: nothing on disk to cache, nowhere to write
  fs::path dir;
  if (const char* d = std::getenv("RETORT_CACHE_DIR"); d && *d)
    dir = d;
  else if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
    dir = fs::path(x) / "retort";
  else if (const char* h = std::getenv("HOME"); h && *h)
    dir = fs::path(h) / ".cache" / "retort";
  else
    return std::nullopt;
  // One cache per set of version directories; FNV-1a of their absolute paths names it.
  text::Fnv1a hash;
  for (const auto& d : config.versions_dirs()) hash.add(fs::absolute(d).lexically_normal().string()).add("\n");
  auto h = hash.value();
  if (config.recursive_version_locations) h ^= 1;
  return dir / fmt::format("headers-{:016x}", h);
}

HeaderCache HeaderCache::read(const fs::path& file) {
  HeaderCache cache;
  // Mapped, not read: the pages come in together (MAP_POPULATE), and nothing is copied until a
  // header is taken, straight into its Script.
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return cache;
  struct stat st {};
  void* at = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && st.st_size > 0)
    at = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  ::close(fd);
  if (at == MAP_FAILED) return cache;
  cache.mapping_ = std::shared_ptr<void>(at, [size = static_cast<std::size_t>(st.st_size)](void* p) { ::munmap(p, size); });
  const std::string_view data(static_cast<const char*>(at), static_cast<std::size_t>(st.st_size));
  if (!data.starts_with(kMagic)) return {};
  cache.data_ = data.substr(kMagic.size());
  Reader r(cache.data_);
  std::uint64_t count = 0;
  if (!r.u64(cache.written_ns_) || !r.u64(count) || count > data.size()) return {};
  cache.entries_.reserve(count);
  // Every entry is checked here, so take() cannot meet a truncated one.
  for (std::uint64_t i = 0; i < count; ++i) {
    Entry e;
    std::string_view skip;
    if (!r.view(e.path) || !r.u64(e.stamp.size) || !r.u64(e.stamp.mtime_ns) || !r.u64(e.stamp.ctime_ns) ||
        !r.u64(e.stamp.inode) || !r.u64(e.stamp.device)) {
      return {};
    }
    e.fields = r.pos();
    if (!r.view(skip) || !r.skip_list() || !r.skip_list() || !r.skip_list() || !r.view(skip) || !r.view(skip) ||
        !r.view(skip)) {
      return {};  // a truncated or corrupt cache is no cache
    }
    cache.entries_.push_back(e);
  }
  if (!r.done()) return {};
  return cache;
}

bool HeaderCache::take(std::size_t position, const std::string& path, const FileStamp& stamp, Script& out) const {
  const Entry* e = nullptr;
  if (position < entries_.size() && entries_[position].path == path) {
    e = &entries_[position];
  } else {
    // Files were added or removed since the cache was written: look the path up instead.
    std::call_once(*index_once_, [&] {
      for (std::size_t i = 0; i < entries_.size(); ++i) by_path_.emplace(entries_[i].path, i);
    });
    auto it = by_path_.find(path);
    if (it == by_path_.end()) return false;
    e = &entries_[it->second];
  }
  if (!(e->stamp == stamp)) return false;
  if (stamp.mtime_ns + kRacyNs > written_ns_ || stamp.ctime_ns + kRacyNs > written_ns_) return false;
  Reader r(data_);
  r.seek(e->fields);
  auto& n = out.node;
  if (!r.str(n.id) || !r.list(n.down_revisions) || !r.list(n.branch_labels) || !r.list(n.depends_on) ||
      !r.str(out.message) || !r.str(out.create_date) || !r.str(out.header)) {
    return false;
  }
  out.complete = false;
  return true;
}

void HeaderCache::put(const std::string& path, const FileStamp& stamp, const Script& script) {
  CachedHeader e{stamp, {}};
  e.header.node = script.node;
  e.header.message = script.message;
  e.header.create_date = script.create_date;
  e.header.header = script.header;
  fresh_.emplace_back(path, std::move(e));
}

void HeaderCache::write(const fs::path& file) const {
  Writer w;
  auto now = std::chrono::system_clock::now().time_since_epoch();
  w.u64(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count()));
  w.u64(fresh_.size());
  for (const auto& [path, e] : fresh_) {
    const auto& n = e.header.node;
    w.str(path);
    for (auto v : {e.stamp.size, e.stamp.mtime_ns, e.stamp.ctime_ns, e.stamp.inode, e.stamp.device}) w.u64(v);
    w.str(n.id);
    w.list(n.down_revisions);
    w.list(n.branch_labels);
    w.list(n.depends_on);
    w.str(e.header.message);
    w.str(e.header.create_date);
    w.str(e.header.header);
  }
  try {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    // Concurrent runs (processes, a fleet's threads) never interleave their writes.
    text::replace_file(file.string(), std::string(kMagic) + w.data());
  } catch (...) {
    // Best effort: a read-only home or a full disk only costs speed.
  }
}

}  // namespace retort::migrations
