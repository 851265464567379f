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

constexpr std::string_view kMagic = "retort-header-cache 2\n";
// A file's whole text is kept too when it is this small (most migrations), so a run reads the
// cache instead of opening every file; up to this much text in all.
constexpr std::size_t kTextMax = 64 * 1024;
constexpr std::size_t kTextTotalMax = 64 * 1024 * 1024;
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
  // Mapped, not read: nothing is copied until a header is taken, straight into its Script. The
  // headers' part is brought in at once; the texts' part only as a run reads them.
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return cache;
  struct stat st {};
  void* at = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && st.st_size > 0)
    at = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (at == MAP_FAILED) return cache;
  cache.mapping_ = std::shared_ptr<void>(at, [size = static_cast<std::size_t>(st.st_size)](void* p) { ::munmap(p, size); });
  const std::string_view data(static_cast<const char*>(at), static_cast<std::size_t>(st.st_size));
  if (!data.starts_with(kMagic)) return {};
  Reader r(data.substr(kMagic.size()));
  std::uint64_t headers = 0, count = 0;
  if (!r.u64(headers) || headers > data.size() - kMagic.size() - sizeof headers) return {};
#ifdef MADV_POPULATE_READ
  (void)::madvise(at, kMagic.size() + sizeof headers + headers, MADV_POPULATE_READ);  // best effort
#endif
  cache.data_ = data.substr(kMagic.size());
  if (!r.u64(cache.written_ns_) || !r.u64(count) || count > data.size()) return {};
  cache.entries_.reserve(count);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> texts;  // offset, size in the texts' part
  texts.reserve(count);
  // Every entry is checked here, so take() cannot meet a truncated one.
  for (std::uint64_t i = 0; i < count; ++i) {
    Entry e;
    std::string_view skip;
    std::uint64_t text_at = 0, text_size = 0;
    if (!r.view(e.path) || !r.u64(e.stamp.size) || !r.u64(e.stamp.mtime_ns) || !r.u64(e.stamp.ctime_ns) ||
        !r.u64(e.stamp.inode) || !r.u64(e.stamp.device) || !r.u64(text_at) || !r.u64(text_size)) {
      return {};
    }
    e.fields = r.pos();
    if (!r.view(skip) || !r.skip_list() || !r.skip_list() || !r.skip_list() || !r.view(skip) || !r.view(skip) ||
        !r.view(skip)) {
      return {};  // a truncated or corrupt cache is no cache
    }
    cache.entries_.push_back(e);
    texts.emplace_back(text_at, text_size);
  }
  if (r.pos() != sizeof headers + headers) return {};
  const auto all_texts = cache.data_.substr(r.pos());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto [offset, size] = texts[i];
    if (offset > all_texts.size() || size > all_texts.size() - offset) return {};
    cache.entries_[i].text = all_texts.substr(offset, size);
  }
  return cache;
}

bool HeaderCache::take(std::size_t position, const std::string& path, const FileStamp& stamp, Script& out,
                       std::string_view& details, std::string_view& text) const {
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
  if (!r.str(n.id) || !r.list(n.down_revisions) || !r.list(n.branch_labels) || !r.list(n.depends_on)) return false;
  const auto at = r.pos();
  std::string_view skip;
  if (!r.view(skip) || !r.view(skip) || !r.view(skip)) return false;
  details = data_.substr(at, r.pos() - at);
  out.complete = false;
  text = e->text;
  return true;
}

void HeaderCache::take_details(std::string_view details, Script& out) {
  Reader r(details);
  // take() checked that the three are there.
  (void)(r.str(out.message) && r.str(out.create_date) && r.str(out.header));
}

void HeaderCache::put(const std::string& path, const FileStamp& stamp, const Script& script, std::string_view text) {
  CachedHeader e{stamp, {}};
  e.header.node = script.node;
  e.header.message = script.message;
  e.header.create_date = script.create_date;
  e.header.header = script.header;
  if (text.size() > kTextMax || texts_ + text.size() > kTextTotalMax) text = {};
  texts_ += text.size();
  fresh_.push_back({path, std::move(e), text});
}

void HeaderCache::write(const fs::path& file) const {
  Writer w;
  auto now = std::chrono::system_clock::now().time_since_epoch();
  w.u64(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(now).count()));
  w.u64(fresh_.size());
  std::uint64_t text_at = 0;
  for (const auto& f : fresh_) {
    const auto& e = f.header;
    const auto& n = e.header.node;
    w.str(f.path);
    for (auto v : {e.stamp.size, e.stamp.mtime_ns, e.stamp.ctime_ns, e.stamp.inode, e.stamp.device}) w.u64(v);
    w.u64(text_at);
    w.u64(f.text.size());
    text_at += f.text.size();
    w.str(n.id);
    w.list(n.down_revisions);
    w.list(n.branch_labels);
    w.list(n.depends_on);
    w.str(e.header.message);
    w.str(e.header.create_date);
    w.str(e.header.header);
  }
  const std::uint64_t headers = w.data().size();
  std::string out(kMagic);
  out.append(reinterpret_cast<const char*>(&headers), sizeof headers);
  out += w.data();
  out.reserve(out.size() + text_at);
  for (const auto& f : fresh_) out += f.text;
  try {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    // Concurrent runs (processes, a fleet's threads) never interleave their writes.
    text::replace_file(file.string(), out);
  } catch (...) {
    // Best effort: a read-only home or a full disk only costs speed.
  }
}

}  // namespace retort::migrations
