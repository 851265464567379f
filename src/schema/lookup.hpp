#pragma once
// Name lookups over one Schema, built once. Schema's own finders scan their vectors, which is
// right for one lookup and wrong for one per object: comparing two schemas of n tables that way
// costs n² name comparisons (1,000 tables: a tenth of a second). The Schema must not change while
// a Lookup over it is in use: it holds pointers into the vectors and views of the names.

#include <string_view>
#include <unordered_map>

#include "schema/model.hpp"

namespace retort::schema {

class Lookup {
 public:
  explicit Lookup(const Schema& schema);

  [[nodiscard]] const Table* table(std::string_view schema, std::string_view name) const;
  [[nodiscard]] const Table* table(const QualifiedName& n) const { return table(n.schema, n.name); }
  [[nodiscard]] const View* view(const QualifiedName& n) const;
  /// The index `name` on `table` (index names are per table on SQLite and MySQL).
  [[nodiscard]] const Index* index_on(std::string_view schema, std::string_view table, std::string_view name) const;

 private:
  struct Key {
    std::string_view schema, table, name;
    bool operator==(const Key&) const = default;
  };
  struct Hash {
    std::size_t operator()(const Key& k) const;
  };
  std::unordered_map<Key, const Table*, Hash> tables_;
  std::unordered_map<Key, const View*, Hash> views_;
  std::unordered_map<Key, const Index*, Hash> indexes_;
};

}  // namespace retort::schema
