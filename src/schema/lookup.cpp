#include "schema/lookup.hpp"

#include <functional>

namespace retort::schema {

std::size_t Lookup::Hash::operator()(const Key& k) const {
  const std::hash<std::string_view> h;
  return h(k.name) ^ (h(k.table) * 31) ^ (h(k.schema) * 1009);
}

Lookup::Lookup(const Schema& s) {
  tables_.reserve(s.tables.size());
  indexes_.reserve(s.indexes.size());
  // The first of a duplicated name wins, as the scanning finders answer.
  for (const auto& t : s.tables) tables_.try_emplace(Key{t.schema, {}, t.name}, &t);
  for (const auto& v : s.views) views_.try_emplace(Key{v.schema, {}, v.name}, &v);
  for (const auto& i : s.indexes) indexes_.try_emplace(Key{i.schema, i.table, i.name}, &i);
}

const Table* Lookup::table(std::string_view schema, std::string_view name) const {
  auto it = tables_.find(Key{schema, {}, name});
  return it == tables_.end() ? nullptr : it->second;
}

const View* Lookup::view(const QualifiedName& n) const {
  auto it = views_.find(Key{n.schema, {}, n.name});
  return it == views_.end() ? nullptr : it->second;
}

const Index* Lookup::index_on(std::string_view schema, std::string_view table, std::string_view name) const {
  auto it = indexes_.find(Key{schema, table, name});
  return it == indexes_.end() ? nullptr : it->second;
}

}  // namespace retort::schema
