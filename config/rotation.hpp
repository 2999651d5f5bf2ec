#pragma once

#include <string>
#include <vector>

namespace escbot::config {

/// Placeholder until the schedule work lands: named on-call rotations (see issue 4).
struct RotationSet {};

}  // namespace escbot::config
