#pragma once

#include <string_view>

#include "config/rotation.hpp"

namespace escbot::commands::concert {

/// True when `user_id` belongs to `rotation` at any time: listed in any of its windows (weekly
/// or a holiday's own), or added or swapped in by any of its overrides. Being on duty now does
/// not matter. User group (S…) entries are not expanded: their members are not known without
/// asking Slack. Pure and thread-safe.
bool IsRotationMember(const config::Rotation& rotation, std::string_view user_id);

}  // namespace escbot::commands::concert
