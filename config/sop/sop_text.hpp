#pragma once

#include <string>
#include <string_view>

#include "config/sop/sop.hpp"

namespace escbot::config::sop {

/// A condition as a person reads it: `origin = homeowner`, `qualifiers in {a, b}`,
/// `email answered`, `open_case_exists`, `(a and b)`, `not (a)`. Used by `sop graph` and
/// `sop diff`, so that a lead reviews routes without reading TOML.
std::string ConditionText(const Condition& condition);

/// The data spelling of an outcome kind ("follow_up").
std::string_view OutcomeKindName(Outcome::Kind kind);

/// Where a route goes, as `step X` or `outcome Y`, preceded by `when <condition>: ` if it has one.
std::string RouteText(const Route& route);

}  // namespace escbot::config::sop
