#pragma once

#include <chrono>

namespace escbot::socket_mode {

/// The wait before reconnect attempt number `failures` (0 for the first retry): the exponential
/// step `initial × 2^failures`, capped at `cap`, with "equal jitter": a uniformly random point in
/// the upper half of the step, so that many clients do not retry in lockstep. `unit_random` is a
/// draw from [0, 1). Pure.
std::chrono::milliseconds BackoffDelay(int failures, std::chrono::milliseconds initial,
                                       std::chrono::milliseconds cap, double unit_random);

}  // namespace escbot::socket_mode
