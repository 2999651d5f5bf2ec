#pragma once

#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "config/sop/sop.hpp"
#include "config/sop/toml_table_reader.hpp"

namespace escbot::config::sop::parsing {

/// Reads one question table (id, kind, label, hint, placeholder, required, options,
/// options_from, show_if, section, max_length), as both SOP files write it. Unknown keys, wrong
/// types and a missing id, kind or label go to `sink` at `place` (its question is filled in);
/// `what` names the table in messages ("[[steps.questions]]"). Defaults are left to the caller.
Question ParseQuestion(const toml::table& table, ErrorSink& sink, Place place,
                       std::string_view what);

/// The text length a question of `kind` accepts when its data leaves max_length out (both SOP
/// files): 250 short text, 3000 long text, 254 email, 32 phone, 0 for the other kinds.
int DefaultMaxLength(QuestionKind kind);

/// The [sop] table's required effective_date as "YYYY-MM-DD"; a missing key or another type is
/// an error at its line ("" then).
std::string ReadEffectiveDate(TableReader& reader);

/// A hash of an SOP file's text, telling two files that claim one version apart.
std::string Fingerprint(std::string_view text);

}  // namespace escbot::config::sop::parsing
