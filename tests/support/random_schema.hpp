#pragma once
// Random schemas and random edits for the randomized autogenerate round trip (both dialects).

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "schema/model.hpp"

namespace retort::test {

using schema::Column;
using schema::Schema;
using schema::Table;

class Generator {
 public:
  /// `named_schemas`: PostgreSQL — tables may also go to schemas s1 and s2, and the edits include
  /// PostgreSQL's own (comments, NULLS order, owned sequences, primary key changes, a unique on the
  /// key's columns); otherwise SQLite's (AUTOINCREMENT).
  Generator(unsigned seed, std::vector<std::string> types, bool named_schemas = false)
      : rng_(seed), types_(std::move(types)), named_schemas_(named_schemas) {}

  Schema schema() {
    Schema s;
    int tables = pick(1, 3);
    for (int t = 0; t < tables; ++t) s.tables.push_back(table("t" + std::to_string(t), s));
    declare_schemas(s);
    return s;
  }

  /// One to three random edits of `s`.
  Schema edit(Schema s) {
    int edits = pick(1, 3);
    for (int e = 0; e < edits; ++e) {
      auto& t = s.tables[static_cast<std::size_t>(pick(0, static_cast<int>(s.tables.size()) - 1))];
      switch (pick(0, 12)) {
        case 0:
          t.columns.push_back(column("n" + std::to_string(next_++)));
          break;
        case 1:
          if (t.columns.size() > 2)
            t.columns.erase(t.columns.begin() + pick(1, static_cast<int>(t.columns.size()) - 1));
          break;
        case 2:
          // A foreign-key column keeps its type: the reference must stay valid.
          if (!t.columns.back().name.starts_with("ref_") && !t.columns.back().owned_sequence)
            t.columns.back().type = type();
          break;
        case 3:
          t.columns.back().default_sql = "7";
          break;
        case 4:
          t.checks.push_back(
              {pick(0, 1) ? "ck_" + std::to_string(next_++) : "", q(t.columns.back()) + " IS NOT NULL OR true"});
          break;
        case 5:
          s.indexes.push_back({"ix_" + std::to_string(next_++),
                               t.name,
                               pick(0, 1) == 1,
                               {{t.columns.back().name, false, false}},
                               "",
                               t.schema});
          break;
        case 6:
          s.tables.push_back(table("t" + std::to_string(next_++), s));
          break;
        case 7:
          if (s.tables.size() > 1) s.tables.pop_back();
          break;
        case 8:
          t.uniques.push_back({"uq_" + std::to_string(next_++), {t.columns.back().name}});
          break;
        case 9:
          if (named_schemas_)
            t.comment = "note " + std::to_string(next_++);
          else
            t.options.autoincrement = !t.options.autoincrement;
          break;
        case 10:
          if (named_schemas_) {
            t.columns.back().comment = "about " + std::to_string(next_++);
          } else {
            t.uniques.push_back({"", {t.columns.back().name}});
          }
          break;
        case 11:
          if (named_schemas_) {
            // An index key with a direction and NULLS order, as the server reports them.
            const bool descending = pick(0, 1) == 1;
            const std::string nulls = pick(0, 1) ? "" : (descending ? "last" : "first");
            s.indexes.push_back({"ix_" + std::to_string(next_++),
                                 t.name,
                                 false,
                                 {{t.columns.back().name, false, descending, "", nulls}},
                                 "",
                                 t.schema});
          }
          break;
        case 12:
          if (named_schemas_) postgres_edit(s, t);
          break;
      }
    }
    for (auto& t : s.tables) {
      // A key or unique on a column that went away goes too (the key back to the id).
      if (t.primary_key && !std::all_of(t.primary_key->columns.begin(), t.primary_key->columns.end(),
                                        [&](const std::string& c) { return t.column(c) != nullptr; }))
        t.primary_key = schema::PrimaryKey{"", {"id"}};
      std::erase_if(t.uniques, [&](const schema::UniqueConstraint& u) {
        return !std::all_of(u.columns.begin(), u.columns.end(), [&](const std::string& c) { return t.column(c); });
      });
    }
    // Indexes must point at columns that still exist.
    std::erase_if(s.indexes, [&](const schema::Index& i) {
      const auto* t = s.table({i.schema, i.table});
      return !t || !t->column(i.keys.front().text);
    });
    for (auto& t : s.tables) {
      // Checks read "<column> IS NOT NULL OR true": drop those whose column went away.
      std::erase_if(t.checks, [&](const schema::CheckConstraint& c) {
        return !t.column(c.expression.substr(0, c.expression.find(' ')));
      });
      // A reference needs its target's key to be (id) alone.
      std::erase_if(t.foreign_keys, [&](const schema::ForeignKey& k) {
        const auto* target = s.table(k.target());
        return !target || !t.column(k.columns.front()) || !target->primary_key ||
               target->primary_key->columns != std::vector<std::string>{"id"};
      });
    }
    declare_schemas(s);
    return s;
  }

 private:
  std::mt19937 rng_;
  int next_ = 0;

  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  std::vector<std::string> types_;
  bool named_schemas_;
  /// Exactly the schemas that hold a table: emptied ones are dropped, new ones created.
  static void declare_schemas(Schema& s) {
    s.schemas.clear();
    for (const auto& t : s.tables) {
      if (!t.schema.empty()) s.schemas.push_back(t.schema);
    }
    s.normalise();
  }
  /// A column owning a sequence (SERIAL's or another start), a primary key taking a NOT NULL
  /// column in, or a unique on the key's columns, which CREATE TABLE would fold.
  void postgres_edit(Schema& s, Table& t) {
    const bool referenced = std::any_of(s.tables.begin(), s.tables.end(), [&](const Table& other) {
      return std::any_of(other.foreign_keys.begin(), other.foreign_keys.end(),
                         [&](const schema::ForeignKey& k) { return k.target() == schema::qualified(t); });
    });
    switch (pick(0, 2)) {
      case 0: {
        Column c;
        c.name = "q" + std::to_string(next_++);
        c.type = "integer";
        c.nullable = false;
        schema::Sequence q{t.name + "_" + c.name + "_seq", "integer", pick(0, 1) ? "1" : "100", "1", "1",
                           "2147483647", false, t.schema};
        c.default_sql = "nextval('" + schema::qualified(q).str() + "'::regclass)";
        c.owned_sequence = q;
        t.columns.push_back(c);
        break;
      }
      case 1:
        if (referenced) break;  // foreign keys name the key's columns (id)
        for (const auto& c : t.columns) {
          if (!c.nullable && c.name != "id") {
            t.primary_key = schema::PrimaryKey{"", {"id", c.name}};
            break;
          }
        }
        break;
      case 2:
        if (t.primary_key) t.uniques.push_back({"uq_key_" + std::to_string(next_++), t.primary_key->columns});
        break;
    }
  }
  std::string type() { return types_[static_cast<std::size_t>(pick(0, static_cast<int>(types_.size()) - 1))]; }
  static std::string q(const Column& c) { return c.name; }
  Column column(std::string name) {
    Column c;
    c.name = std::move(name);
    c.type = type();
    c.nullable = pick(0, 3) != 0;
    if (!c.nullable || pick(0, 2) == 0) c.default_sql = "1";
    return c;
  }
  Table table(const std::string& name, const Schema& others) {
    Table t;
    t.name = name;
    if (named_schemas_ && pick(0, 2) == 0) t.schema = "s" + std::to_string(pick(1, 2));
    Column id;
    id.name = "id";
    id.type = "integer";
    t.columns.push_back(id);
    t.primary_key = schema::PrimaryKey{"", {"id"}};
    int columns = pick(1, 4);
    for (int c = 0; c < columns; ++c) t.columns.push_back(column("c" + std::to_string(next_++)));
    if (!others.tables.empty() && pick(0, 1)) {
      const auto& parent = others.tables.front();
      Column ref;
      ref.name = "ref_" + parent.name;
      ref.type = "integer";
      t.columns.push_back(ref);
      t.foreign_keys.push_back({"",
                                {ref.name},
                                parent.name,
                                {"id"},
                                "NO ACTION",
                                pick(0, 1) ? "CASCADE" : "NO ACTION",
                                false,
                                false,
                                parent.schema});
    }
    return t;
  }
};

/// Inserts one row into every table: the id given, every other column its default or NULL.
inline std::vector<std::string> seed_rows(const Schema& s) {
  std::vector<std::string> out;
  for (const auto& t : s.tables) out.push_back("INSERT INTO " + schema::qualified(t).str() + " (id) VALUES (1)");
  return out;
}

}  // namespace retort::test
