#pragma once

#include <optional>
#include <string_view>

#include <toml++/toml.h>

#include "config/sop/sop.hpp"
#include "config/sop/toml_table_reader.hpp"

namespace escbot::config::sop::parsing {

/// Reads one condition (show_if, a route's when): exactly one of question (with equals, any_of
/// or answered), fact, all, any, not. Errors go to `sink` at `place`; `what` names the node in
/// them ("\"show_if\"", "a condition"). Empty when the condition is unusable.
std::optional<Condition> ParseCondition(const toml::node& node, ErrorSink& sink,
                                        const Place& place, std::string_view what);

}  // namespace escbot::config::sop::parsing
