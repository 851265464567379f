#include "runtime/schema_cache.hpp"

#include <nlohmann/json.hpp>

namespace nlohmann {
template <typename T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& v) {
    if (v)
      j = *v;
    else
      j = nullptr;
  }
  static void from_json(const json& j, std::optional<T>& v) {
    if (j.is_null())
      v.reset();
    else
      v = j.get<T>();
  }
};
}  // namespace nlohmann

namespace retort::schema {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Verbatim, text)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Sequence, name, type, start, increment, min_value, max_value, cycle, schema)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Column, name, type, nullable, default_sql, generated, generated_stored, identity,
                                   collation, comment, owned_sequence, on_update)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(PrimaryKey, name, columns)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(UniqueConstraint, name, columns)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ForeignKey, name, columns, ref_table, ref_columns, on_update, on_delete, deferrable,
                                   initially_deferred, ref_schema, index)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CheckConstraint, name, expression, source)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ExclusionConstraint, name, definition)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(IndexKey, text, expression, descending, opclass, nulls, length)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Index, name, table, unique, keys, where, schema, method, include)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(TableOptions, autoincrement, strict, without_rowid, engine, collation)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Table, name, columns, primary_key, uniques, foreign_keys, checks, comment, schema,
                                   exclusions, options)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(View, name, definition, schema, columns, sql)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Trigger, name, table, sql, schema, source)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(EnumType, name, values, schema)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CompositeType::Attribute, name, type)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CompositeType, name, attributes, schema)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Domain, name, type, nullable, default_sql, checks, schema)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Routine, name, arguments, definition, procedure, schema)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Extension, name, schema)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Schema, schemas, tables, indexes, views, triggers, enums, sequences, routines,
                                   domains, composites, extensions, skipped)

}  // namespace retort::schema

namespace retort::runtime {

std::string to_json(const schema::Schema& s) { return nlohmann::json(s).dump(); }

std::optional<schema::Schema> from_json(const std::string& text) {
  try {
    return nlohmann::json::parse(text).get<schema::Schema>();
  } catch (const std::exception&) {
    return std::nullopt;  // an unreadable cache is no cache
  }
}

}  // namespace retort::runtime
