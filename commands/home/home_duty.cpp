#include "commands/home/home_duty.hpp"

#include "commands/block_kit/text.hpp"
#include "config/schedule.hpp"
#include "config/time_text.hpp"

namespace escbot::commands::home {
namespace {

std::string Mentions(const config::Duty& duty) {
    std::string out;
    for (const auto& user : duty.users) out += (out.empty() ? "" : ", ") + std::string("<@") + user + ">";
    for (const auto& group : duty.groups) out += (out.empty() ? "" : ", ") + std::string("<!subteam^") + group + ">";
    return out;
}

/// "6:00 PM EST" on the same local day, else "Tue Dec 8, 9:00 AM EST".
std::string When(const config::Rotation& rotation, TimePoint t, TimePoint now) {
    if (rotation.LocalDayOf(t) == rotation.LocalDayOf(now)) return config::FormatClockTime(rotation, t);
    return config::FormatDayAndTime(rotation, t);
}

}  // namespace

DutyNowNext DutyOf(const config::Rotation& rotation, TimePoint now) {
    DutyNowNext out;
    out.rotation = rotation.name();
    out.at = now;
    out.now = config::OnDuty(rotation, now);
    if (out.now.empty()) {
        if (const auto opens = config::NextWindowOpen(rotation, now)) {
            out.next_at = *opens;
            out.next = config::OnDuty(rotation, *opens);
        }
        return out;
    }
    if (const auto change = config::NextChange(rotation, now)) {
        out.until = change->at;
        out.next_at = change->at;
        out.next = change->after;
    }
    return out;
}

std::string DutyLine(const config::Rotation& rotation, const DutyNowNext& duty) {
    std::string line = "*" + block_kit::EscapeMrkdwn(duty.rotation) + "*: ";
    if (!duty.now.empty()) {
        line += Mentions(duty.now);
        if (duty.until) line += " until " + When(rotation, *duty.until, duty.at);
    } else {
        line += "nobody on duty";
    }
    if (duty.next_at) {
        line += " · next: " + (duty.next.empty() ? std::string("nobody") : Mentions(duty.next)) +
                " from " + When(rotation, *duty.next_at, duty.at);
    }
    return block_kit::TruncateMrkdwn(line, 3000);
}

}  // namespace escbot::commands::home
