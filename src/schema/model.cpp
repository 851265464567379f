#include "schema/model.hpp"

#include <algorithm>

namespace retort::schema {

namespace {

template <typename T>
const T* by_name(const std::vector<T>& items, const std::string& name) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.name == name; });
  return it == items.end() ? nullptr : &*it;
}

template <typename T>
void sort_by_name(std::vector<T>& items) {
  std::sort(items.begin(), items.end(), [](const T& a, const T& b) { return a.name < b.name; });
}

}  // namespace

const Column* Table::column(const std::string& n) const { return by_name(columns, n); }
const Table* Schema::table(const std::string& n) const { return by_name(tables, n); }
const Index* Schema::index(const std::string& n) const { return by_name(indexes, n); }
const View* Schema::view(const std::string& n) const { return by_name(views, n); }
const EnumType* Schema::enum_type(const std::string& n) const { return by_name(enums, n); }
const Sequence* Schema::sequence(const std::string& n) const { return by_name(sequences, n); }

void Schema::normalise() {
  sort_by_name(tables);
  sort_by_name(indexes);
  sort_by_name(views);
  sort_by_name(triggers);
  sort_by_name(enums);
  sort_by_name(sequences);
  for (auto& t : tables) {
    // Columns keep their order (it is part of the table); constraints do not have one.
    auto key = [](const auto& c) {
      if (!c.name.empty()) return c.name;
      return std::string("\x7f") + (c.columns.empty() ? std::string() : c.columns.front());
    };
    std::sort(t.uniques.begin(), t.uniques.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    std::sort(t.foreign_keys.begin(), t.foreign_keys.end(),
              [&](const auto& a, const auto& b) { return key(a) < key(b); });
    std::sort(t.checks.begin(), t.checks.end(), [](const auto& a, const auto& b) {
      return a.name != b.name ? a.name < b.name : a.expression < b.expression;
    });
  }
}

}  // namespace retort::schema
