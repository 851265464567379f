#pragma once
// A cache of parsed migration headers, so listing commands on a large project do one stat per file
// instead of open + read + parse. Entries are keyed by the file's path and stamp (size, mtime,
// ctime, inode, device); a file whose stamp changed, or that changed too close to when the cache
// was written to be trusted, is read again. The cache is best effort: a missing, unreadable or
// corrupt cache file means every file is read, and nothing fails because of it.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "migrations/script.hpp"
#include "retort/config.hpp"

namespace retort::migrations {

/// What identifies one version of a file on disk.
struct FileStamp {
  std::uint64_t size = 0, mtime_ns = 0, ctime_ns = 0, inode = 0, device = 0;
  bool operator==(const FileStamp&) const = default;
};

/// The stamp of `path`; nullopt when it cannot be read.
[[nodiscard]] std::optional<FileStamp> stamp_of(const std::string& path);
/// The stamp of `name` in the open directory `dir_fd`.
[[nodiscard]] std::optional<FileStamp> stamp_at(int dir_fd, const char* name);

/// Where the cache for `config`'s version directories lives: $RETORT_CACHE_DIR, else
/// $XDG_CACHE_HOME/retort, else ~/.cache/retort; nullopt when caching is off (RETORT_NO_CACHE) or
/// there is no such place.
[[nodiscard]] std::optional<std::filesystem::path> cache_file(const Config& config);

struct CachedHeader {
  FileStamp stamp;
  Script header;  ///< without sections
};

class HeaderCache {
 public:
  /// Reads the cache file; an unusable one gives an empty cache.
  static HeaderCache read(const std::filesystem::path& file);

  /// Fills `out` with the cached header for `path` (without sections and without its source path,
  /// which the caller has) when its stamp matches and is
  /// old enough to trust; false otherwise. Safe to call from several threads for different paths.
  /// `position` is the file's place in file-name order: the cache is written in that order, so
  /// an unchanged project finds every entry without hashing.
  /// The message, create date and header comment are left to take_details(): a listing shows
  /// them for few revisions, and most of a run's allocations were theirs. `details` views them.
  /// `text` is the file's whole text when the cache holds it (small files), else empty. Both view
  /// the mapped cache, which keep_alive() holds.
  [[nodiscard]] bool take(std::size_t position, const std::string& path, const FileStamp& stamp, Script& out,
                          std::string_view& details, std::string_view& text) const;
  /// Fills the message, create date and header of `out` from what take() gave as `details`.
  static void take_details(std::string_view details, Script& out);
  /// What keeps the texts take() gave valid.
  [[nodiscard]] std::shared_ptr<void> keep_alive() const { return mapping_; }
  /// Records a file's header and, when small enough, its whole text (which must stay valid until
  /// write()).
  void put(const std::string& path, const FileStamp& stamp, const Script& script, std::string_view text);
  /// Writes the entries recorded with put() (atomically); errors are ignored.
  void write(const std::filesystem::path& file) const;

 private:
  struct Entry {
    std::string_view path;  ///< into the mapped file
    FileStamp stamp;
    std::size_t fields = 0;  ///< where the entry's header fields start in data_
    std::string_view text;   ///< the file's text, when kept
  };
  struct Fresh {
    std::string path;
    CachedHeader header;
    std::string_view text;
  };
  std::shared_ptr<void> mapping_;  // the cache file, mapped; data_ and the entries view it
  std::string_view data_;
  std::vector<Entry> entries_;  // in file-name order
  mutable std::unordered_map<std::string_view, std::size_t> by_path_;  // built only when positions differ
  std::unique_ptr<std::once_flag> index_once_ = std::make_unique<std::once_flag>();
  std::uint64_t written_ns_ = 0;  // when the cache file was written
  std::vector<Fresh> fresh_;
  std::size_t texts_ = 0;  // bytes of text in fresh_
};

}  // namespace retort::migrations
