#pragma once
// Entity-relationship pictures of a schema (pure): Mermaid erDiagram or Graphviz DOT.

#include <string>

#include "schema/model.hpp"

namespace retort::schema {

enum class DiagramFormat { Mermaid, Dot };

/// Parses "mermaid" / "dot"; throws Error(Usage) naming the known formats.
[[nodiscard]] DiagramFormat diagram_format(const std::string& name);

/// Every table with its columns (type, PK / FK / UK marks, NOT NULL) and one relationship per
/// foreign key, from the referencing table to the referenced one.
[[nodiscard]] std::string draw_schema(const Schema& schema, DiagramFormat format);

}  // namespace retort::schema
