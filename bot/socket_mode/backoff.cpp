#include "bot/socket_mode/backoff.hpp"

#include <algorithm>

namespace escbot::socket_mode {

std::chrono::milliseconds BackoffDelay(int failures, std::chrono::milliseconds initial,
                                       std::chrono::milliseconds cap, double unit_random) {
    const auto capped_initial = std::max<long long>(1, std::min(initial.count(), cap.count()));
    long long step = capped_initial;
    for (int i = 0; i < failures && step < cap.count(); ++i) step *= 2;
    step = std::min(step, std::max<long long>(1, cap.count()));
    const double unit = std::clamp(unit_random, 0.0, 1.0);
    const long long half = step / 2;
    return std::chrono::milliseconds(half + static_cast<long long>((step - half) * unit));
}

}  // namespace escbot::socket_mode
