#include "dialects/postgres/casts.hpp"

#include <array>
#include <string_view>

namespace retort::dialects::postgres {

namespace {

/// A built-in type's family: casts exist within most families, and between strings and anything.
enum class Family { Unknown, String, Number, Boolean, Date, Timestamp, Time, Interval, Json, Network, Bits, Other };

struct Base {
  std::string_view element;  ///< the type without a modifier or array brackets
  bool array = false;
};

Base base_of(std::string_view type) {
  Base out;
  while (type.ends_with("[]")) {
    type.remove_suffix(2);
    out.array = true;
  }
  // "character varying(20)", "numeric(10,2)", "timestamp(3) with time zone": the modifier and
  // what follows go; the time types are told apart by their first word, which is enough here.
  if (auto open = type.find('('); open != std::string_view::npos) {
    type = type.substr(0, open);
    while (type.ends_with(' ')) type.remove_suffix(1);
  }
  out.element = type;
  return out;
}

Family family(std::string_view t) {
  static constexpr std::array<std::string_view, 6> strings{"text", "character varying", "character", "\"char\"", "name",
                                                           "bpchar"};
  static constexpr std::array<std::string_view, 7> numbers{"smallint", "integer", "bigint", "numeric",
                                                           "real", "double precision", "money"};
  static constexpr std::array<std::string_view, 9> others{"uuid", "bytea", "xml", "tsvector", "tsquery",
                                                          "point", "box", "oid", "pg_lsn"};
  for (auto s : strings)
    if (t == s) return Family::String;
  for (auto s : numbers)
    if (t == s) return Family::Number;
  for (auto s : others)
    if (t == s) return Family::Other;
  if (t == "boolean") return Family::Boolean;
  if (t == "date") return Family::Date;
  if (t.starts_with("timestamp")) return Family::Timestamp;
  if (t.starts_with("time")) return Family::Time;
  if (t == "interval") return Family::Interval;
  if (t == "json" || t == "jsonb") return Family::Json;
  if (t == "inet" || t == "cidr" || t == "macaddr" || t == "macaddr8") return Family::Network;
  if (t == "bit" || t == "bit varying") return Family::Bits;
  return Family::Unknown;
}

/// A built-in cast between two elements of known families.
bool element_cast(std::string_view from, std::string_view to) {
  if (from == to) return true;
  const auto a = family(from), b = family(to);
  if (a == Family::String || b == Family::String) return true;  // every type has text I/O casts
  if (a != b) {
    // integer <-> boolean is the one cast across these families (pg_cast: int4 <-> bool).
    return (a == Family::Number && b == Family::Boolean && from == "integer") ||
           (a == Family::Boolean && b == Family::Number && to == "integer") ||
           (a == Family::Date && b == Family::Timestamp) || (a == Family::Timestamp && b == Family::Date) ||
           (a == Family::Timestamp && b == Family::Time) || (a == Family::Interval && b == Family::Time) ||
           (a == Family::Time && b == Family::Interval) || (a == Family::Json && b == Family::Number) ||
           (a == Family::Json && b == Family::Boolean);
  }
  if (a == Family::Network) return (from == "inet" || from == "cidr") && (to == "inet" || to == "cidr");
  // money converts from and to numeric and the integers, not the floating types.
  if (a == Family::Number && (from == "money" || to == "money"))
    return from != "real" && from != "double precision" && to != "real" && to != "double precision";
  return a != Family::Other;  // uuid -> bytea and the like: none
}

}  // namespace

bool converts(const std::string& from, const std::string& to) {
  const auto a = base_of(from), b = base_of(to);
  if (family(a.element) == Family::Unknown || family(b.element) == Family::Unknown) return true;  // through text
  if (a.array != b.array) return family(a.element) == Family::String || family(b.element) == Family::String;
  return element_cast(a.element, b.element);
}

bool direct_cast(const std::string& from, const std::string& to) {
  const auto a = base_of(from), b = base_of(to);
  if (a.element == b.element) return true;
  if (family(a.element) == Family::Unknown || family(b.element) == Family::Unknown) {
    // An unknown type reads from and writes to text, so a string on the other side is direct.
    return family(a.element) == Family::String || family(b.element) == Family::String;
  }
  return converts(from, to);
}

}  // namespace retort::dialects::postgres
