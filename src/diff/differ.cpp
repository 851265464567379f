#include "diff/differ.hpp"

#include "schema/lookup.hpp"

#include "diff/dependencies.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

namespace retort::diff {

namespace {

using schema::Column;
using schema::Schema;
using schema::Table;

bool same_column(const Column& a, const Column& b, const Hooks& h) {
  return a.name == b.name && h.same_type(a.type, b.type) && a.nullable == b.nullable &&
         h.same_default(a.default_sql, b.default_sql) && a.generated == b.generated &&
         a.generated_stored == b.generated_stored && a.identity == b.identity && a.collation == b.collation &&
         a.comment == b.comment && a.owned_sequence == b.owned_sequence && a.on_update == b.on_update;
}

/// Constraint names are compared on both dialects: projects following naming conventions drop and
/// alter constraints by them. An unnamed constraint (SQLite) differs from a named one.
bool same_name(const std::string& a, const std::string& b) { return a == b; }

bool same_foreign_key(const schema::ForeignKey& a, const schema::ForeignKey& b) {
  return same_name(a.name, b.name) && a.columns == b.columns && a.target() == b.target() &&
         a.ref_columns == b.ref_columns && a.on_update == b.on_update && a.on_delete == b.on_delete &&
         a.deferrable == b.deferrable && a.initially_deferred == b.initially_deferred;
}

/// Views compare by their normalised definition and, where reflected, the names of their columns
/// (which the normalised definition does not keep: `SELECT BigData` returns "BigData").
bool same_view(const schema::View& a, const schema::View& b) {
  return a.definition == b.definition && a.columns == b.columns;
}

/// Unnamed constraints are matched by what they constrain; named ones by name and content.
template <typename T, typename Same>
void match_list(const std::vector<T>& from, const std::vector<T>& to, Same same, std::vector<const T*>& dropped,
                std::vector<const T*>& added) {
  std::vector<bool> used(to.size(), false);
  for (const auto& f : from) {
    bool found = false;
    for (std::size_t i = 0; i < to.size(); ++i) {
      if (!used[i] && same(f, to[i])) {
        used[i] = found = true;
        break;
      }
    }
    if (!found) dropped.push_back(&f);
  }
  for (std::size_t i = 0; i < to.size(); ++i) {
    if (!used[i]) added.push_back(&to[i]);
  }
}

}  // namespace

Hooks exact_hooks() {
  return {[](const std::string& a, const std::string& b) { return a == b; },
          [](const std::optional<std::string>& a, const std::optional<std::string>& b) { return a == b; }};
}

std::vector<Change> compare(const Schema& from, const Schema& to, const Hooks& hooks) {
  using schema::qualified;
  std::vector<Change> drops_first, table_drops, table_creates, alters, constraint_adds, creates_last;
  const schema::Lookup in_from(from), in_to(to);

  // Views: the changed ones, the ones over tables whose columns a view would block, and every
  // view naming one of those, are dropped first (dependents before what they name) and
  // re-created last (in the opposite order).
  std::set<schema::QualifiedName> recreated;
  const auto retyped = retyped_columns(from, to, hooks);
  auto retyped_in = [&](const schema::QualifiedName& table) -> const Retyped* {
    auto it = retyped.find(table);
    return it == retyped.end() ? nullptr : &it->second;
  };
  // An index over a swapped enum's typed constant, or over a column dropped and added again.
  auto index_blocked = [&](const schema::Index& i) {
    const auto* r = retyped_in({i.schema, i.table});
    if (!r) return false;
    return r->touches(i.where) || std::any_of(i.keys.begin(), i.keys.end(), [&](const schema::IndexKey& k) {
             return k.expression ? r->touches(k.text) : r->forced.count(k.text) > 0;
           });
  };
  for (const auto& v : from.views) {
    const auto* other = in_to.view(qualified(v));
    const bool over_blocked = std::any_of(retyped.begin(), retyped.end(),
                                    [&](const auto& entry) { return mentions(v.definition, entry.first.name); });
    if (!other || !same_view(*other, v) || over_blocked) recreated.insert(qualified(v));
  }
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& v : from.views) {
      if (recreated.count(qualified(v))) continue;
      for (const auto& r : recreated) {
        if (mentions(v.definition, r.name)) {
          recreated.insert(qualified(v));
          grew = true;
          break;
        }
      }
    }
  }
  std::vector<const schema::View*> old_views, new_views;
  for (const auto& v : from.views) {
    if (recreated.count(qualified(v))) old_views.push_back(&v);
  }
  for (const auto& v : to.views) {
    const auto* other = in_from.view(qualified(v));
    if (!other || !same_view(*other, v) || recreated.count(qualified(v))) new_views.push_back(&v);
  }
  auto drop_views = view_order(old_views);
  for (auto it = drop_views.rbegin(); it != drop_views.rend(); ++it) drops_first.push_back(DropView{**it});
  for (const auto& i : from.indexes) {
    const auto* other = in_to.index_on(i.schema, i.table, i.name);
    if (!other || !(*other == i) || index_blocked(i)) drops_first.push_back(DropIndex{i});
  }

  std::vector<const Table*> created, dropped;
  for (const auto& t : to.tables) {
    if (!in_from.table(t.schema, t.name)) created.push_back(&t);
  }
  for (const auto& t : from.tables) {
    if (!in_to.table(t.schema, t.name)) dropped.push_back(&t);
  }
  for (const auto* t : dependency_order(created)) table_creates.push_back(CreateTable{*t});
  auto drop_order = dependency_order(dropped);
  for (auto it = drop_order.rbegin(); it != drop_order.rend(); ++it) table_drops.push_back(DropTable{**it});

  for (const auto& old_table : from.tables) {
    const auto* new_table = in_to.table(old_table.schema, old_table.name);
    if (!new_table) continue;
    const auto name = qualified(old_table);
    // Constraints on a column dropped and added again, or checks over a swapped enum's constants,
    // are dropped and added again too.
    const Retyped none;
    const auto& r = retyped_in(name) ? *retyped_in(name) : none;
    auto on_forced = [&](const std::vector<std::string>& columns) {
      return std::any_of(columns.begin(), columns.end(), [&](const std::string& c) { return r.forced.count(c) > 0; });
    };
    // Constraints first: a dropped column may carry a constraint that must go before it.
    std::vector<const schema::ForeignKey*> fk_drop, fk_add;
    match_list(
        old_table.foreign_keys, new_table->foreign_keys,
        [&](const auto& a, const auto& b) { return same_foreign_key(a, b) && !on_forced(a.columns); }, fk_drop, fk_add);
    std::vector<const schema::UniqueConstraint*> uq_drop, uq_add;
    match_list(
        old_table.uniques, new_table->uniques,
        [&](const auto& a, const auto& b) {
          return a.columns == b.columns && same_name(a.name, b.name) && !on_forced(a.columns);
        },
        uq_drop, uq_add);
    std::vector<const schema::CheckConstraint*> ck_drop, ck_add;
    match_list(
        old_table.checks, new_table->checks,
        [&](const auto& a, const auto& b) {
          return a.expression == b.expression && same_name(a.name, b.name) && !r.touches(a.expression);
        },
        ck_drop, ck_add);
    for (const auto* k : fk_drop) drops_first.push_back(DropForeignKey{name, *k});
    for (const auto* u : uq_drop) drops_first.push_back(DropUnique{name, *u});
    for (const auto* c : ck_drop) drops_first.push_back(DropCheck{name, *c});
    std::vector<const schema::ExclusionConstraint*> ex_drop, ex_add;
    match_list(
        old_table.exclusions, new_table->exclusions, [](const auto& a, const auto& b) { return a == b; }, ex_drop,
        ex_add);
    for (const auto* x : ex_drop) drops_first.push_back(DropExclusion{name, *x});

    // A primary key that changes is dropped before any column changes (its columns may go, or
    // lose NOT NULL) and added after them (its columns may be new), in two changes.
    const bool key_changes =
        old_table.primary_key != new_table->primary_key &&
        !(old_table.primary_key && new_table->primary_key &&
          old_table.primary_key->columns == new_table->primary_key->columns &&
          same_name(old_table.primary_key->name, new_table->primary_key->name));
    if (key_changes && old_table.primary_key)
      alters.push_back(AlterPrimaryKey{name, old_table.primary_key, std::nullopt});

    // A generated column computed from a retyped one goes before and comes back after.
    for (const auto& c : old_table.columns) {
      if (r.forced.count(c.name)) alters.push_back(DropColumn{name, c});
    }
    for (const auto& c : old_table.columns) {
      const auto* nc = new_table->column(c.name);
      if (r.forced.count(c.name)) continue;
      if (!nc)
        alters.push_back(DropColumn{name, c});
      else if (!same_column(c, *nc, hooks))
        alters.push_back(AlterColumn{name, c, *nc});
    }
    for (const auto& c : new_table->columns) {
      if (!old_table.column(c.name) || r.forced.count(c.name)) alters.push_back(AddColumn{name, c});
    }
    if (key_changes && new_table->primary_key)
      alters.push_back(AlterPrimaryKey{name, std::nullopt, new_table->primary_key});
    if (old_table.comment != new_table->comment)
      alters.push_back(AlterTableComment{name, old_table.comment, new_table->comment});
    if (old_table.options != new_table->options)
      alters.push_back(AlterTableOptions{name, old_table.options, new_table->options});
    for (const auto* u : uq_add) constraint_adds.push_back(AddUnique{name, *u});
    for (const auto* c : ck_add) constraint_adds.push_back(AddCheck{name, *c});
    for (const auto* k : fk_add) constraint_adds.push_back(AddForeignKey{name, *k});
    for (const auto* x : ex_add) constraint_adds.push_back(AddExclusion{name, *x});
  }

  for (const auto& i : to.indexes) {
    const auto* other = in_from.index_on(i.schema, i.table, i.name);
    if (!other || !(*other == i) || index_blocked(*other)) creates_last.push_back(CreateIndex{i});
  }
  for (const auto* v : view_order(new_views)) creates_last.push_back(CreateView{*v});

  // Enum types: created before the tables that use them, dropped after; a changed one is altered
  // once the views over its columns are gone (the renderer adds labels in place, or swaps the type
  // when labels go or move).
  std::vector<Change> types_first, types_altered, types_last;
  for (const auto& e : to.enums) {
    const auto* old = from.enum_type(qualified(e));
    if (!old)
      types_first.push_back(CreateEnum{e});
    else if (!(*old == e))
      types_altered.push_back(AlterEnum{*old, e});
  }
  for (const auto& e : from.enums) {
    if (!to.enum_type(qualified(e))) types_last.push_back(DropEnum{e});
  }
  // Composite types likewise: created before the tables whose columns have them.
  for (const auto& t : to.composites) {
    const auto* old = from.composite(qualified(t));
    if (!old)
      types_first.push_back(CreateComposite{t});
    else if (!(*old == t))
      types_altered.push_back(AlterComposite{*old, t});
  }
  for (const auto& t : from.composites) {
    if (!to.composite(qualified(t))) types_last.push_back(DropComposite{t});
  }
  // Domains likewise: columns have them as their type.
  for (const auto& d : to.domains) {
    const auto* old = from.domain(qualified(d));
    if (!old)
      types_first.push_back(CreateDomain{d});
    else if (!(*old == d))
      types_altered.push_back(AlterDomain{*old, d});
  }
  for (const auto& d : from.domains) {
    if (!to.domain(qualified(d))) types_last.push_back(DropDomain{d});
  }
  // Sequences likewise: column defaults may name them.
  // A sequence a column owns on one side and no column on the other is the same sequence: the
  // column's change disowns or adopts it.
  auto owned_in = [](const Schema& in, const schema::QualifiedName& sequence) {
    return std::any_of(in.tables.begin(), in.tables.end(), [&](const Table& t) {
      return std::any_of(t.columns.begin(), t.columns.end(), [&](const Column& c) {
        return c.owned_sequence && qualified(*c.owned_sequence) == sequence;
      });
    });
  };
  for (const auto& q : to.sequences) {
    const auto* old = from.sequence(qualified(q));
    if (!old && !owned_in(from, qualified(q)))
      types_first.push_back(CreateSequence{q});
    else if (old && !(*old == q))
      types_altered.push_back(AlterSequence{*old, q});
  }
  for (const auto& q : from.sequences) {
    if (!to.sequence(qualified(q)) && !owned_in(to, qualified(q))) types_last.push_back(DropSequence{q});
  }

  // Functions and procedures: created first (defaults, checks and triggers call them), replaced in
  // place, dropped late. Triggers: a changed one is dropped and created again.
  auto routine_key = [](const schema::Routine& r) { return std::tie(r.schema, r.name, r.arguments); };
  auto find_routine = [&](const Schema& in, const schema::Routine& r) -> const schema::Routine* {
    auto it = std::find_if(in.routines.begin(), in.routines.end(),
                           [&](const schema::Routine& o) { return routine_key(o) == routine_key(r); });
    return it == in.routines.end() ? nullptr : &*it;
  };
  for (const auto& r : to.routines) {
    const auto* old = find_routine(from, r);
    if (!old)
      types_first.push_back(CreateRoutine{r});
    else if (!(*old == r))
      types_altered.push_back(ReplaceRoutine{*old, r});
  }
  for (const auto& r : from.routines) {
    if (!find_routine(to, r)) types_last.push_back(DropRoutine{r});
  }
  auto trigger_key = [](const schema::Trigger& t) { return std::tie(t.schema, t.table, t.name); };
  auto find_trigger = [&](const Schema& in, const schema::Trigger& t) -> const schema::Trigger* {
    auto it = std::find_if(in.triggers.begin(), in.triggers.end(),
                           [&](const schema::Trigger& o) { return trigger_key(o) == trigger_key(t); });
    return it == in.triggers.end() ? nullptr : &*it;
  };
  for (const auto& t : from.triggers) {
    const auto* other = find_trigger(to, t);
    if (!other || other->sql != t.sql) drops_first.push_back(DropTrigger{t});
  }
  for (const auto& t : to.triggers) {
    const auto* other = find_trigger(from, t);
    if (!other || other->sql != t.sql) creates_last.push_back(CreateTrigger{t});
  }

  // Schemas hold everything else: created first, dropped last.
  std::vector<Change> schemas_first, schemas_last;
  for (const auto& n : to.schemas) {
    if (!from.has_schema(n)) schemas_first.push_back(CreateSchema{n});
  }
  // Extensions next to them: created once their schema is there and before any type or table that
  // may use theirs; dropped after those, before their schema.
  for (const auto& e : to.extensions) {
    if (!from.extension(e.name)) schemas_first.push_back(CreateExtension{e});
  }
  for (const auto& e : from.extensions) {
    if (!to.extension(e.name)) schemas_last.push_back(DropExtension{e});
  }
  for (const auto& n : from.schemas) {
    if (!to.has_schema(n)) schemas_last.push_back(DropSchema{n});
  }

  std::vector<Change> out;
  for (auto* part : {&schemas_first, &types_first, &drops_first, &types_altered, &table_creates, &alters,
                     &constraint_adds, &table_drops, &types_last, &creates_last, &schemas_last}) {
    out.insert(out.end(), part->begin(), part->end());
  }
  return out;
}

}  // namespace retort::diff
