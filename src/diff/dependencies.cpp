#include "diff/dependencies.hpp"

#include "schema/lookup.hpp"

#include <algorithm>
#include <cctype>

namespace retort::diff {

std::vector<const schema::Table*> dependency_order(const std::vector<const schema::Table*>& tables) {
  std::vector<const schema::Table*> out;
  std::set<schema::QualifiedName> placed;
  std::set<schema::QualifiedName> names;
  for (const auto* t : tables) names.insert(schema::qualified(*t));
  auto ready = [&](const schema::Table* t) {
    return std::all_of(t->foreign_keys.begin(), t->foreign_keys.end(), [&](const schema::ForeignKey& k) {
      auto target = k.target();
      return target == schema::qualified(*t) || !names.count(target) || placed.count(target);
    });
  };
  std::vector<const schema::Table*> pending = tables;
  while (!pending.empty()) {
    auto it = std::find_if(pending.begin(), pending.end(), ready);
    if (it == pending.end()) it = pending.begin();  // a cycle: keep the given order
    placed.insert(schema::qualified(**it));
    out.push_back(*it);
    pending.erase(it);
  }
  return out;
}

bool mentions(const std::string& text, const std::string& name) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  for (const auto& needle : {name, "\"" + name + "\""}) {
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
      const auto end = at + needle.size();
      if ((at == 0 || !word(text[at - 1])) && (end >= text.size() || !word(text[end]))) return true;
    }
  }
  return false;
}

std::vector<const schema::View*> view_order(std::vector<const schema::View*> views) {
  std::vector<const schema::View*> out;
  while (!views.empty()) {
    auto ready = std::find_if(views.begin(), views.end(), [&](const schema::View* v) {
      return std::none_of(views.begin(), views.end(),
                          [&](const schema::View* o) { return o != v && mentions(v->definition, o->name); });
    });
    if (ready == views.end()) ready = views.begin();  // a cycle cannot exist; keep going regardless
    out.push_back(*ready);
    views.erase(ready);
  }
  return out;
}

bool Retyped::touches(const std::string& text) const {
  auto hit = [&](const std::set<std::string>& names) {
    return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return mentions(text, n); });
  };
  return hit(swapped) || hit(forced);
}

std::map<schema::QualifiedName, Retyped> retyped_columns(const schema::Schema& from, const schema::Schema& to,
                                                         const Hooks& hooks) {
  std::map<schema::QualifiedName, Retyped> out;
  const schema::Lookup in_from(from), in_to(to);
  for (const auto& t : from.tables) {
    const auto* nt = in_to.table(t.schema, t.name);
    if (!nt) continue;
    for (const auto& c : t.columns) {
      const auto* nc = nt->column(c.name);
      if (nc && (!hooks.same_type(c.type, nc->type) || c.collation != nc->collation || c.generated != nc->generated))
        out[schema::qualified(t)].changed.insert(c.name);
      if (nc && hooks.converts && !hooks.converts(c.type, nc->type)) out[schema::qualified(t)].forced.insert(c.name);
    }
  }
  for (const auto& e : from.enums) {
    const auto* ne = to.enum_type(schema::qualified(e));
    if (!ne) continue;
    if (adds_labels_only(e, *ne)) continue;  // altered in place
    const auto type = schema::qualified(e).str();
    for (const auto& t : from.tables) {
      for (const auto& c : t.columns) {
        auto unquoted = c.type;
        std::erase(unquoted, '"');
        if (unquoted == type || unquoted == type + "[]") out[schema::qualified(t)].swapped.insert(c.name);
      }
    }
  }
  for (auto& [name, r] : out) {
    const auto* t = in_from.table(name);
    const auto* nt = in_to.table(name);
    if (!t || !nt) continue;
    for (const auto& c : t->columns) {
      const auto* nc = nt->column(c.name);
      if (!c.generated || !nc || nc->generated != c.generated) continue;  // a changed one is recreated anyway
      for (const auto& changed : r.changed) {
        if (changed != c.name && mentions(*c.generated, changed)) r.forced.insert(c.name);
      }
    }
  }
  return out;
}

}  // namespace retort::diff
