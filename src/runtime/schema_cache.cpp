#include "runtime/schema_cache.hpp"

#include <cstring>
#include <limits>
#include <type_traits>

namespace retort::schema {

// The fields of each model type, in one list used for writing and reading. A field added to the
// model and not here is lost from the cache (the cache is then wrong, not broken), so the
// round-trip test compares a model with every field set; kFormat below changes with the layout.
template <class A> void fields(A& a, Verbatim& x) { a(x.text); }
template <class A> void fields(A& a, Sequence& x) {
  a(x.name, x.type, x.start, x.increment, x.min_value, x.max_value, x.cycle, x.schema);
}
template <class A> void fields(A& a, Column& x) {
  a(x.name, x.type, x.nullable, x.default_sql, x.generated, x.generated_stored, x.identity, x.collation, x.comment,
    x.owned_sequence, x.on_update);
}
template <class A> void fields(A& a, PrimaryKey& x) { a(x.name, x.columns); }
template <class A> void fields(A& a, UniqueConstraint& x) { a(x.name, x.columns); }
template <class A> void fields(A& a, ForeignKey& x) {
  a(x.name, x.columns, x.ref_table, x.ref_columns, x.on_update, x.on_delete, x.deferrable, x.initially_deferred,
    x.ref_schema, x.index);
}
template <class A> void fields(A& a, CheckConstraint& x) { a(x.name, x.expression, x.source); }
template <class A> void fields(A& a, ExclusionConstraint& x) { a(x.name, x.definition); }
template <class A> void fields(A& a, IndexKey& x) { a(x.text, x.expression, x.descending, x.opclass, x.nulls, x.length); }
template <class A> void fields(A& a, Index& x) {
  a(x.name, x.table, x.unique, x.keys, x.where, x.schema, x.method, x.include);
}
template <class A> void fields(A& a, TableOptions& x) {
  a(x.autoincrement, x.strict, x.without_rowid, x.engine, x.collation);
}
template <class A> void fields(A& a, Table& x) {
  a(x.name, x.columns, x.primary_key, x.uniques, x.foreign_keys, x.checks, x.comment, x.schema, x.exclusions,
    x.options);
}
template <class A> void fields(A& a, View& x) { a(x.name, x.definition, x.schema, x.columns, x.sql); }
template <class A> void fields(A& a, Trigger& x) { a(x.name, x.table, x.sql, x.schema, x.source); }
template <class A> void fields(A& a, EnumType& x) { a(x.name, x.values, x.schema); }
template <class A> void fields(A& a, CompositeType::Attribute& x) { a(x.name, x.type); }
template <class A> void fields(A& a, CompositeType& x) { a(x.name, x.attributes, x.schema); }
template <class A> void fields(A& a, Domain& x) { a(x.name, x.type, x.nullable, x.default_sql, x.checks, x.schema); }
template <class A> void fields(A& a, Routine& x) { a(x.name, x.arguments, x.definition, x.procedure, x.schema); }
template <class A> void fields(A& a, Extension& x) { a(x.name, x.schema); }
template <class A> void fields(A& a, Schema& x) {
  a(x.schemas, x.tables, x.indexes, x.views, x.triggers, x.enums, x.sequences, x.routines, x.domains, x.composites,
    x.extensions, x.skipped);
}

}  // namespace retort::schema

namespace retort::runtime {

namespace {

// Bump when the layout above changes: an old cache then reads as no cache.
constexpr std::string_view kFormat = "retort-schema 1\n";

/// Writes lengths and integers as 8 native-endian bytes: the cache never leaves this machine.
class Writer {
 public:
  template <class... T> void operator()(const T&... v) { (put(v), ...); }
  std::string out;

 private:
  void u64(std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
  void put(const std::string& s) {
    u64(s.size());
    out.append(s);
  }
  void put(bool b) { out.push_back(b ? '\1' : '\0'); }
  void put(int v) { u64(static_cast<std::uint64_t>(static_cast<std::int64_t>(v))); }
  template <class T> void put(const std::optional<T>& v) {
    put(v.has_value());
    if (v) put(*v);
  }
  template <class T> void put(const std::vector<T>& v) {
    u64(v.size());
    for (const auto& x : v) put(x);
  }
  template <class T> requires std::is_class_v<T> void put(const T& x) { schema::fields(*this, const_cast<T&>(x)); }
};

/// Reads what Writer wrote; any shortfall marks the whole read failed.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <class... T> void operator()(T&... v) { (get(v), ...); }
  [[nodiscard]] bool ok() const { return ok_ && pos_ == in_.size(); }

 private:
  bool u64(std::uint64_t& v) {
    if (!ok_ || in_.size() - pos_ < sizeof v) return ok_ = false;
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return true;
  }
  void get(std::string& s) {
    std::uint64_t n = 0;
    if (!u64(n)) return;
    if (in_.size() - pos_ < n) {
      ok_ = false;
      return;
    }
    s.assign(in_.data() + pos_, n);
    pos_ += n;
  }
  // Only what Writer writes is read (a bool is 0 or 1, an int fits): one model, one encoding.
  void get(bool& b) {
    if (!ok_ || pos_ >= in_.size() || (in_[pos_] != '\0' && in_[pos_] != '\1')) {
      ok_ = false;
      return;
    }
    b = in_[pos_++] == '\1';
  }
  void get(int& v) {
    std::uint64_t u = 0;
    if (!u64(u)) return;
    const auto wide = static_cast<std::int64_t>(u);
    if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
      ok_ = false;
      return;
    }
    v = static_cast<int>(wide);
  }
  template <class T> void get(std::optional<T>& v) {
    bool has = false;
    get(has);
    if (!ok_) return;
    if (has) get(v.emplace());
    else v.reset();
  }
  template <class T> void get(std::vector<T>& v) {
    std::uint64_t n = 0;
    if (!u64(n) || n > in_.size() - pos_) {  // every element takes at least a byte
      ok_ = false;
      return;
    }
    v.resize(n);
    for (auto& x : v) {
      if (!ok_) return;
      get(x);
    }
  }
  template <class T> requires std::is_class_v<T> void get(T& x) { schema::fields(*this, x); }

  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace

std::string encode(const schema::Schema& s) {
  Writer w;
  w.out.append(kFormat);
  w(s);
  return std::move(w.out);
}

std::optional<schema::Schema> decode(std::string_view data) {
  if (!data.starts_with(kFormat)) return std::nullopt;
  Reader r(data.substr(kFormat.size()));
  schema::Schema s;
  r(s);
  if (!r.ok()) return std::nullopt;  // a truncated or corrupt cache is no cache
  return s;
}

}  // namespace retort::runtime
