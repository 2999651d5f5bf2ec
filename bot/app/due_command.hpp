#pragma once

#include <iosfwd>
#include <string>

#include "bot/core/clock.hpp"
#include "config/settings.hpp"

namespace escbot::app {

/// `escalation-bot due --from TIME --add DURATION`.
struct DueArgs {
    std::string from;  // an ISO-8601 instant with an offset or Z, or "now"
    std::string add;   // a duration: 24bh, 2bd, 1w, 3d, 2h, 30m, 30s
};

/// Prints `from` plus `add`, counted by the business calendar, as one ISO-8601 line with the
/// calendar zone's offset; returns 0. Bad input: a message on `err` naming the option, and 2.
int RunDue(const config::Settings& settings, const DueArgs& args, const Clock& clock,
           std::ostream& out, std::ostream& err);

}  // namespace escbot::app
