#include "schema/model.hpp"

#include <algorithm>
#include <tuple>

namespace retort::schema {

namespace {

template <typename T>
const T* by_name(const std::vector<T>& items, const std::string& name) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.name == name; });
  return it == items.end() ? nullptr : &*it;
}

template <typename T>
const T* by_qualified_name(const std::vector<T>& items, const QualifiedName& name) {
  auto it = std::find_if(items.begin(), items.end(),
                         [&](const T& t) { return t.name == name.name && t.schema == name.schema; });
  return it == items.end() ? nullptr : &*it;
}

template <typename T>
void sort_by_name(std::vector<T>& items) {
  std::sort(items.begin(), items.end(),
            [](const T& a, const T& b) { return a.schema != b.schema ? a.schema < b.schema : a.name < b.name; });
}

}  // namespace

const Column* Table::column(const std::string& n) const { return by_name(columns, n); }
const Table* Schema::table(const QualifiedName& n) const { return by_qualified_name(tables, n); }
const Index* Schema::index(const QualifiedName& n) const { return by_qualified_name(indexes, n); }
const Index* Schema::index_on(const QualifiedName& table, const std::string& name) const {
  auto it = std::find_if(indexes.begin(), indexes.end(),
                         [&](const Index& i) { return i.schema == table.schema && i.table == table.name && i.name == name; });
  return it == indexes.end() ? nullptr : &*it;
}
const View* Schema::view(const QualifiedName& n) const { return by_qualified_name(views, n); }
const EnumType* Schema::enum_type(const QualifiedName& n) const { return by_qualified_name(enums, n); }
const Extension* Schema::extension(const std::string& name) const {
  auto it = std::find_if(extensions.begin(), extensions.end(), [&](const Extension& e) { return e.name == name; });
  return it == extensions.end() ? nullptr : &*it;
}

const Sequence* Schema::sequence(const QualifiedName& n) const { return by_qualified_name(sequences, n); }
const Domain* Schema::domain(const QualifiedName& n) const { return by_qualified_name(domains, n); }
const CompositeType* Schema::composite(const QualifiedName& n) const { return by_qualified_name(composites, n); }
bool Schema::has_schema(const std::string& n) const {
  return std::find(schemas.begin(), schemas.end(), n) != schemas.end();
}

void Schema::normalise() {
  std::sort(schemas.begin(), schemas.end());
  std::sort(skipped.begin(), skipped.end());
  schemas.erase(std::unique(schemas.begin(), schemas.end()), schemas.end());
  sort_by_name(tables);
  sort_by_name(indexes);
  sort_by_name(views);
  std::sort(triggers.begin(), triggers.end(), [](const auto& a, const auto& b) {
    return std::tie(a.schema, a.table, a.name) < std::tie(b.schema, b.table, b.name);
  });
  std::sort(routines.begin(), routines.end(), [](const auto& a, const auto& b) {
    return std::tie(a.schema, a.name, a.arguments) < std::tie(b.schema, b.name, b.arguments);
  });
  sort_by_name(enums);
  sort_by_name(sequences);
  sort_by_name(domains);
  sort_by_name(composites);
  std::sort(extensions.begin(), extensions.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  for (auto& d : domains) {
    std::sort(d.checks.begin(), d.checks.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  }
  for (auto& t : tables) {
    // Columns keep their order (it is part of the table); constraints do not have one.
    auto key = [](const auto& c) {
      if (!c.name.empty()) return c.name;
      return std::string("\x7f") + (c.columns.empty() ? std::string() : c.columns.front());
    };
    std::sort(t.uniques.begin(), t.uniques.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    std::sort(t.foreign_keys.begin(), t.foreign_keys.end(),
              [&](const auto& a, const auto& b) { return key(a) < key(b); });
    std::sort(t.exclusions.begin(), t.exclusions.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    std::sort(t.checks.begin(), t.checks.end(), [](const auto& a, const auto& b) {
      return a.name != b.name ? a.name < b.name : a.expression < b.expression;
    });
  }
}

}  // namespace retort::schema
