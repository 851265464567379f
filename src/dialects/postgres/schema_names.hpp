#pragma once
// Schema names in SQL mapped to scratch names. A desired schema or a replay of migrations that
// creates and qualifies schemas (CREATE SCHEMA billing; CREATE TABLE billing.invoices ...) then
// runs beside the real schemas of the same database, and is read back under the real names.

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace retort::dialects::postgres {

class SchemaNames {
 public:
  /// The default schema (`default_schema`, unqualified names) maps to `prefix`; every other
  /// schema to `prefix_N`.
  SchemaNames(std::string prefix, const std::string& default_schema);

  /// Maps `real` to a scratch name unless it has one; returns the scratch name.
  const std::string& add(const std::string& real);
  /// Maps `real` like add(), as a schema that exists before any script runs: the first
  /// `CREATE SCHEMA real` of a script then means "if it does not exist yet".
  const std::string& provide(const std::string& real);
  /// Names in the real schema `real` that belong to an extension installed there (types,
  /// functions, operators, operator classes): a qualifier before one of them stays, since the
  /// extension is not in the scratch (pg_dump writes `public.citext`, `OPERATOR(public.~*)`).
  void keep(const std::string& real, std::set<std::string> names);
  /// The scratch name of `real`, or nullptr when it is not mapped.
  [[nodiscard]] const std::string* find(const std::string& real) const;
  [[nodiscard]] const std::string& default_scratch() const { return prefix_; }
  /// Scratch name -> real name of every schema but the default one.
  [[nodiscard]] std::map<std::string, std::string> others() const;

  /// `sql` with the mapped schema names replaced where SQL names a schema: a qualifier
  /// (billing.invoices, but not the table qualifier of a column), after SCHEMA (CREATE/DROP/ALTER/
  /// COMMENT ON/GRANT ... SCHEMA), in search_path settings and in regclass literals
  /// ('billing.seq'::regclass, nextval('billing.seq')). CREATE SCHEMA maps its schema first.
  /// Text the scanner rejects is returned unchanged, for the server to report.
  [[nodiscard]] std::string rewrite(std::string_view sql);

 private:
  std::string prefix_;
  std::map<std::string, std::string> to_scratch_;
  std::set<std::string> provided_;
  std::map<std::string, std::set<std::string>> kept_;
};

}  // namespace retort::dialects::postgres
