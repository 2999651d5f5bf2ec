#pragma once

#include <toml++/toml.h>

#include "config/sop/sop.hpp"
#include "config/sop/toml_table_reader.hpp"

namespace escbot::config::sop::parsing {

/// Fills `sop` from the parsed TOML document: [sop], [[sections]], [[qualifiers]], [notes],
/// [[steps]] with their questions and routes, [outcomes], [ladder] and [fields]. Every unknown
/// key, wrong type and missing required key goes to `sink`; cross-references are left to the
/// validator.
void ParseSop(const toml::table& root, ErrorSink& sink, Sop& sop);

}  // namespace escbot::config::sop::parsing
