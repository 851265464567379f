#include "diff/change.hpp"

#include <fmt/format.h>

#include <algorithm>
#include "support/overloaded.hpp"

namespace retort::diff {

namespace {

template <typename T>
std::string name(const T& object) {
  return schema::qualified(object).str();
}

std::string list(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out;
}

/// A comment for a difference line: quoted, or (none).
std::string comment_text(const std::string& comment) {
  return comment.empty() ? std::string("(none)") : "'" + comment + "'";
}

std::string column_text(const schema::Column& c) {
  std::string out = c.type.empty() ? std::string("(no type)") : c.type;
  if (!c.nullable) out += " NOT NULL";
  if (c.default_sql) out += " DEFAULT " + *c.default_sql;
  if (c.generated) out += fmt::format(" GENERATED ALWAYS AS ({}){}", *c.generated, c.generated_stored ? " STORED" : "");
  if (!c.on_update.empty()) out += " ON UPDATE " + c.on_update;
  if (c.identity == "auto_increment")
    out += " AUTO_INCREMENT";  // MySQL's
  else if (!c.identity.empty())
    out += " GENERATED " + c.identity + " AS IDENTITY";
  if (!c.collation.empty()) out += " COLLATE " + c.collation;
  if (!c.comment.empty()) out += " COMMENT " + comment_text(c.comment);
  if (const auto& q = c.owned_sequence) {
    // An identity's sequence is implied; its options are shown where they are not the usual ones.
    std::string options;
    if (q->start != "1") options += " START " + q->start;
    if (q->increment != "1") options += " INCREMENT " + q->increment;
    if (q->min_value != "1") options += " MINVALUE " + q->min_value;
    if (q->max_value != "32767" && q->max_value != "2147483647" && q->max_value != "9223372036854775807")
      options += " MAXVALUE " + q->max_value;
    if (q->cycle) options += " CYCLE";
    if (c.identity.empty())
      out += " OWNS SEQUENCE " + schema::qualified(*q).str() + options;
    else if (!options.empty())
      out += " (" + options.substr(1) + ")";
  }
  return out;
}

std::string sequence_text(const schema::Sequence& q) {
  return fmt::format("AS {} START {} INCREMENT {} MINVALUE {} MAXVALUE {}{}", q.type, q.start, q.increment,
                     q.min_value, q.max_value, q.cycle ? " CYCLE" : "");
}

std::string domain_text(const schema::Domain& d) {
  std::string out = d.type;
  if (!d.nullable) out += " NOT NULL";
  if (d.default_sql) out += " DEFAULT " + *d.default_sql;
  for (const auto& c : d.checks) out += " " + c.name + " " + c.expression;
  return out;
}

std::string attributes_text(const schema::CompositeType& t) {
  std::vector<std::string> out;
  for (const auto& a : t.attributes) out.push_back(a.name + " " + a.type);
  return list(out);
}

/// Where two definitions first differ, as "line N: <old line> -> <new line>".
std::string first_difference(const std::string& a, const std::string& b) {
  auto split = [](const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (auto end = text.find('\n'); end != std::string::npos; start = end + 1, end = text.find('\n', start))
      out.push_back(text.substr(start, end - start));
    out.push_back(text.substr(start));
    return out;
  };
  auto trimmed = [](std::string line) {
    line.erase(0, line.find_first_not_of(' '));
    return line.empty() ? std::string("(empty)") : line;
  };
  const auto x = split(a), y = split(b);
  for (std::size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    const auto l = i < x.size() ? x[i] : std::string("(end)"), r = i < y.size() ? y[i] : std::string("(end)");
    if (l != r) return fmt::format("line {}: {} -> {}", i + 1, trimmed(l), trimmed(r));
  }
  return "definition";
}

std::string index_text(const schema::Index& i) {
  std::vector<std::string> keys;
  for (const auto& k : i.keys) {
    keys.push_back((k.expression ? "(" + k.text + ")" : k.text) + (k.length ? fmt::format("({})", k.length) : "") +
                   (k.opclass.empty() ? "" : " " + k.opclass) +
                   (k.descending ? " DESC" : "") + (k.nulls.empty() ? "" : " NULLS " + k.nulls));
  }
  return fmt::format("{}index {} on {}{} ({}){}{}", i.unique ? "unique " : "", i.name,
                     schema::QualifiedName(i.schema, i.table).str(), i.method.empty() ? "" : " using " + i.method,
                     list(keys), i.include.empty() ? "" : " INCLUDE (" + list(i.include) + ")",
                     i.where.empty() ? "" : " WHERE " + i.where);
}

std::string fk_text(const schema::ForeignKey& k) {
  return fmt::format("foreign key {}({}) -> {}({}) ON UPDATE {} ON DELETE {}{}", k.name.empty() ? "" : k.name + " ",
                     list(k.columns), k.target().str(), list(k.ref_columns), k.on_update, k.on_delete,
                     k.deferrable ? (k.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE") : "");
}

std::string options_text(const schema::TableOptions& o) {
  std::vector<std::string> out;
  if (o.autoincrement) out.emplace_back("AUTOINCREMENT");
  if (o.strict) out.emplace_back("STRICT");
  if (o.without_rowid) out.emplace_back("WITHOUT ROWID");
  return out.empty() ? "(none)" : list(out);
}

std::string unique_text(const std::string& table, const schema::UniqueConstraint& u) {
  return fmt::format("unique {}on {} ({})", u.name.empty() ? "" : u.name + " ", table, list(u.columns));
}

}  // namespace

bool adds_labels_only(const schema::EnumType& from, const schema::EnumType& to) {
  std::vector<std::string> kept;
  for (const auto& v : to.values) {
    if (std::find(from.values.begin(), from.values.end(), v) != from.values.end()) kept.push_back(v);
  }
  return kept == from.values;
}

Change reverse(const Change& change) {
  return std::visit(overloaded{
                        [](const CreateSchema& c) -> Change { return DropSchema{c.name}; },
                        [](const CreateComposite& c) -> Change { return DropComposite{c.type}; },
                        [](const DropComposite& c) -> Change { return CreateComposite{c.type}; },
                        [](const AlterComposite& c) -> Change {
                          return AlterComposite{c.to, c.from};
                        },
                        [](const CreateDomain& c) -> Change { return DropDomain{c.domain}; },
                        [](const DropDomain& c) -> Change { return CreateDomain{c.domain}; },
                        [](const AlterDomain& c) -> Change {
                          return AlterDomain{c.to, c.from};
                        },
                        [](const AddExclusion& c) -> Change {
                          return DropExclusion{c.table, c.exclusion};
                        },
                        [](const DropExclusion& c) -> Change {
                          return AddExclusion{c.table, c.exclusion};
                        },
                        [](const CreateRoutine& c) -> Change { return DropRoutine{c.routine}; },
                        [](const DropRoutine& c) -> Change { return CreateRoutine{c.routine}; },
                        [](const ReplaceRoutine& c) -> Change {
                          return ReplaceRoutine{c.to, c.from};
                        },
                        [](const CreateTrigger& c) -> Change { return DropTrigger{c.trigger}; },
                        [](const DropTrigger& c) -> Change { return CreateTrigger{c.trigger}; },
                        [](const DropSchema& c) -> Change { return CreateSchema{c.name}; },
                        [](const CreateTable& c) -> Change { return DropTable{c.table}; },
                        [](const DropTable& c) -> Change { return CreateTable{c.table}; },
                        [](const AddColumn& c) -> Change {
                          return DropColumn{c.table, c.column};
                        },
                        [](const DropColumn& c) -> Change {
                          return AddColumn{c.table, c.column};
                        },
                        [](const AlterColumn& c) -> Change {
                          return AlterColumn{c.table, c.to, c.from};
                        },
                        [](const AlterPrimaryKey& c) -> Change {
                          return AlterPrimaryKey{c.table, c.to, c.from};
                        },
                        [](const AlterTableOptions& c) -> Change {
                          return AlterTableOptions{c.table, c.to, c.from};
                        },
                        [](const AlterTableComment& c) -> Change {
                          return AlterTableComment{c.table, c.to, c.from};
                        },
                        [](const AddUnique& c) -> Change {
                          return DropUnique{c.table, c.unique};
                        },
                        [](const DropUnique& c) -> Change {
                          return AddUnique{c.table, c.unique};
                        },
                        [](const AddForeignKey& c) -> Change {
                          return DropForeignKey{c.table, c.key};
                        },
                        [](const DropForeignKey& c) -> Change {
                          return AddForeignKey{c.table, c.key};
                        },
                        [](const AddCheck& c) -> Change {
                          return DropCheck{c.table, c.check};
                        },
                        [](const DropCheck& c) -> Change {
                          return AddCheck{c.table, c.check};
                        },
                        [](const CreateIndex& c) -> Change { return DropIndex{c.index}; },
                        [](const DropIndex& c) -> Change { return CreateIndex{c.index}; },
                        [](const CreateView& c) -> Change { return DropView{c.view}; },
                        [](const DropView& c) -> Change { return CreateView{c.view}; },
                        [](const CreateEnum& c) -> Change { return DropEnum{c.type}; },
                        [](const DropEnum& c) -> Change { return CreateEnum{c.type}; },
                        [](const AlterEnum& c) -> Change {
                          return AlterEnum{c.to, c.from};
                        },
                        [](const CreateExtension& c) -> Change { return DropExtension{c.extension}; },
                        [](const DropExtension& c) -> Change { return CreateExtension{c.extension}; },
                        [](const CreateSequence& c) -> Change { return DropSequence{c.sequence}; },
                        [](const DropSequence& c) -> Change { return CreateSequence{c.sequence}; },
                        [](const AlterSequence& c) -> Change {
                          return AlterSequence{c.to, c.from};
                        },
                    },
                    change);
}

int phase(const Change& change) {
  return std::visit(overloaded{
                        [](const CreateSchema&) { return 0; },   [](const CreateComposite&) { return 1; },
                        [](const CreateExtension&) { return 0; },
                        [](const DropExtension&) { return 10; },
                        [](const AlterComposite&) { return 3; }, [](const DropComposite&) { return 8; },
                        [](const CreateDomain&) { return 1; },   [](const AlterDomain&) { return 3; },
                        [](const DropDomain&) { return 8; },     [](const DropExclusion&) { return 2; },
                        [](const AddExclusion&) { return 6; },   [](const CreateRoutine&) { return 1; },
                        [](const DropTrigger&) { return 2; },    [](const ReplaceRoutine&) { return 3; },
                        [](const DropRoutine&) { return 8; },    [](const CreateTrigger&) { return 9; },
                        [](const CreateEnum&) { return 1; },     [](const CreateSequence&) { return 1; },
                        [](const DropView&) { return 2; },       [](const DropIndex&) { return 2; },
                        [](const DropForeignKey&) { return 2; }, [](const DropUnique&) { return 2; },
                        [](const DropCheck&) { return 2; },      [](const AlterEnum&) { return 3; },
                        [](const AlterSequence&) { return 3; },  [](const CreateTable&) { return 4; },
                        [](const AddColumn&) { return 5; },      [](const DropColumn&) { return 5; },
                        [](const AlterColumn&) { return 5; },    [](const AlterPrimaryKey&) { return 5; },
                        [](const AlterTableOptions&) { return 5; },
                        [](const AlterTableComment&) { return 5; },
                        [](const AddUnique&) { return 6; },      [](const AddCheck&) { return 6; },
                        [](const AddForeignKey&) { return 6; },  [](const DropTable&) { return 7; },
                        [](const DropEnum&) { return 8; },       [](const DropSequence&) { return 8; },
                        [](const CreateIndex&) { return 9; },    [](const CreateView&) { return 9; },
                        [](const DropSchema&) { return 10; },
                    },
                    change);
}

std::vector<Change> reverse(const std::vector<Change>& changes) {
  std::vector<Change> out;
  out.reserve(changes.size());
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) out.push_back(reverse(*it));
  // Reversed, each phase's changes keep the order they need (dependents dropped first, created
  // last); the phases themselves go back into the order compare() uses.
  std::stable_sort(out.begin(), out.end(), [](const Change& a, const Change& b) { return phase(a) < phase(b); });
  return out;
}

schema::QualifiedName table_of(const Change& change) {
  using schema::QualifiedName;
  return std::visit(overloaded{
                        [](const CreateTable& c) { return schema::qualified(c.table); },
                        [](const DropTable& c) { return schema::qualified(c.table); },
                        [](const CreateIndex& c) { return QualifiedName(c.index.schema, c.index.table); },
                        [](const DropIndex& c) { return QualifiedName(c.index.schema, c.index.table); },
                        [](const CreateSchema&) { return QualifiedName(); },
                        [](const CreateExtension&) { return QualifiedName(); },
                        [](const DropExtension&) { return QualifiedName(); },
                        [](const CreateComposite&) { return QualifiedName(); },
                        [](const DropComposite&) { return QualifiedName(); },
                        [](const AlterComposite&) { return QualifiedName(); },
                        [](const CreateDomain&) { return QualifiedName(); },
                        [](const DropDomain&) { return QualifiedName(); },
                        [](const AlterDomain&) { return QualifiedName(); },
                        [](const CreateRoutine&) { return QualifiedName(); },
                        [](const DropRoutine&) { return QualifiedName(); },
                        [](const ReplaceRoutine&) { return QualifiedName(); },
                        [](const CreateTrigger& c) { return QualifiedName(c.trigger.schema, c.trigger.table); },
                        [](const DropTrigger& c) { return QualifiedName(c.trigger.schema, c.trigger.table); },
                        [](const DropSchema&) { return QualifiedName(); },
                        [](const CreateView&) { return QualifiedName(); },
                        [](const DropView&) { return QualifiedName(); },
                        [](const CreateEnum&) { return QualifiedName(); },
                        [](const DropEnum&) { return QualifiedName(); },
                        [](const AlterEnum&) { return QualifiedName(); },
                        [](const CreateSequence&) { return QualifiedName(); },
                        [](const DropSequence&) { return QualifiedName(); },
                        [](const AlterSequence&) { return QualifiedName(); },
                        [](const auto& c) { return c.table; },
                    },
                    change);
}

std::string describe(const Change& change) {
  return std::visit(
      overloaded{
          [](const CreateSchema& c) { return fmt::format("+ schema {}", c.name); },
          [](const CreateExtension& c) { return fmt::format("+ extension {}", c.extension.name); },
          [](const DropExtension& c) { return fmt::format("- extension {}", c.extension.name); },
          [](const CreateComposite& c) { return fmt::format("+ type {}", name(c.type)); },
          [](const DropComposite& c) { return fmt::format("- type {}", name(c.type)); },
          [](const AlterComposite& c) {
            return fmt::format("~ type {}: ({}) -> ({})", name(c.to), attributes_text(c.from), attributes_text(c.to));
          },
          [](const CreateDomain& c) { return fmt::format("+ domain {} ({})", name(c.domain), c.domain.type); },
          [](const DropDomain& c) { return fmt::format("- domain {} ({})", name(c.domain), c.domain.type); },
          [](const AlterDomain& c) {
            return fmt::format("~ domain {}: {} -> {}", name(c.to), domain_text(c.from), domain_text(c.to));
          },
          [](const AddExclusion& c) {
            return fmt::format("+ exclusion {} on {} ({})", c.exclusion.name, c.table.str(), c.exclusion.definition);
          },
          [](const DropExclusion& c) {
            return fmt::format("- exclusion {} on {} ({})", c.exclusion.name, c.table.str(), c.exclusion.definition);
          },
          [](const CreateRoutine& c) { return fmt::format("+ function {}({})", name(c.routine), c.routine.arguments); },
          [](const DropRoutine& c) { return fmt::format("- function {}({})", name(c.routine), c.routine.arguments); },
          [](const ReplaceRoutine& c) {
            return fmt::format("~ function {}({}): {}", name(c.to), c.to.arguments,
                               first_difference(c.from.definition, c.to.definition));
          },
          [](const CreateTrigger& c) {
            return fmt::format("+ trigger {} on {}", c.trigger.name,
                               schema::QualifiedName(c.trigger.schema, c.trigger.table).str());
          },
          [](const DropTrigger& c) {
            return fmt::format("- trigger {} on {}", c.trigger.name,
                               schema::QualifiedName(c.trigger.schema, c.trigger.table).str());
          },
          [](const DropSchema& c) { return fmt::format("- schema {}", c.name); },
          [](const CreateTable& c) { return fmt::format("+ table {}", name(c.table)); },
          [](const DropTable& c) { return fmt::format("- table {}", name(c.table)); },
          [](const AddColumn& c) {
            return fmt::format("+ column {}.{} {}", c.table.str(), c.column.name, column_text(c.column));
          },
          [](const DropColumn& c) {
            return fmt::format("- column {}.{} {}", c.table.str(), c.column.name, column_text(c.column));
          },
          [](const AlterColumn& c) {
            return fmt::format("~ column {}.{}: {} -> {}", c.table.str(), c.from.name, column_text(c.from),
                               column_text(c.to));
          },
          [](const AlterPrimaryKey& c) {
            if (c.from && !c.to) return fmt::format("- primary key of {} ({})", c.table.str(), list(c.from->columns));
            if (c.to && !c.from) return fmt::format("+ primary key of {} ({})", c.table.str(), list(c.to->columns));
            return fmt::format("~ primary key of {}: ({}) -> ({})", c.table.str(), c.from ? list(c.from->columns) : "",
                               c.to ? list(c.to->columns) : "");
          },
          [](const AlterTableOptions& c) {
            return fmt::format("~ table options of {}: {} -> {}", c.table.str(), options_text(c.from),
                               options_text(c.to));
          },
          [](const AlterTableComment& c) {
            return fmt::format("~ comment on table {}: {} -> {}", c.table.str(), comment_text(c.from),
                               comment_text(c.to));
          },
          [](const AddUnique& c) { return "+ " + unique_text(c.table.str(), c.unique); },
          [](const DropUnique& c) { return "- " + unique_text(c.table.str(), c.unique); },
          [](const AddForeignKey& c) { return fmt::format("+ {} on {}", fk_text(c.key), c.table.str()); },
          [](const DropForeignKey& c) { return fmt::format("- {} on {}", fk_text(c.key), c.table.str()); },
          [](const AddCheck& c) {
            return fmt::format("+ check {}on {} ({})", c.check.name.empty() ? "" : c.check.name + " ", c.table.str(),
                               c.check.expression);
          },
          [](const DropCheck& c) {
            return fmt::format("- check {}on {} ({})", c.check.name.empty() ? "" : c.check.name + " ", c.table.str(),
                               c.check.expression);
          },
          [](const CreateIndex& c) { return "+ " + index_text(c.index); },
          [](const DropIndex& c) { return "- " + index_text(c.index); },
          [](const CreateView& c) { return fmt::format("+ view {}", name(c.view)); },
          [](const DropView& c) { return fmt::format("- view {}", name(c.view)); },
          [](const CreateEnum& c) { return fmt::format("+ enum {} ({})", name(c.type), list(c.type.values)); },
          [](const DropEnum& c) { return fmt::format("- enum {} ({})", name(c.type), list(c.type.values)); },
          [](const CreateSequence& c) { return fmt::format("+ sequence {}", name(c.sequence)); },
          [](const DropSequence& c) { return fmt::format("- sequence {}", name(c.sequence)); },
          [](const AlterSequence& c) {
            return fmt::format("~ sequence {}: {} -> {}", name(c.to), sequence_text(c.from), sequence_text(c.to));
          },
          [](const AlterEnum& c) {
            return fmt::format("~ enum {}: ({}) -> ({})", name(c.to), list(c.from.values), list(c.to.values));
          },
      },
      change);
}

std::vector<RenameHint> rename_hints(const std::vector<Change>& changes) {
  std::vector<RenameHint> out;
  for (const auto& a : changes) {
    const auto* dropped = std::get_if<DropColumn>(&a);
    if (!dropped) continue;
    for (const auto& b : changes) {
      const auto* added = std::get_if<AddColumn>(&b);
      if (added && added->table == dropped->table && added->column.type == dropped->column.type &&
          added->column.name != dropped->column.name) {  // the same name: added again, not renamed
        out.push_back({dropped->table, dropped->column.name, added->column.name});
        break;
      }
    }
  }
  return out;
}

}  // namespace retort::diff
