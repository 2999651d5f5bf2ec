#include "commands/escalation/views/format.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "commands/block_kit/text.hpp"

namespace escbot::commands::escalation::views {

std::string UtcText(TimePoint at) {
    using namespace std::chrono;
    const auto day = floor<days>(at);
    const year_month_day date{day};
    const hh_mm_ss time{at - day};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02d:%02d UTC", int(date.year()),
                  unsigned(date.month()), unsigned(date.day()), int(time.hours().count()),
                  int(time.minutes().count()));
    return buffer;
}

std::string SlackDate(TimePoint at) {
    return "<!date^" + std::to_string(ToUnix(at)) + "^{date_short_pretty} at {time}|" +
           UtcText(at) + ">";
}

std::string UtcTimeText(TimePoint at) {
    using namespace std::chrono;
    const hh_mm_ss time{at - floor<days>(at)};
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d UTC", int(time.hours().count()),
                  int(time.minutes().count()), int(time.seconds().count()));
    return buffer;
}

std::string SlackTime(TimePoint at) {
    return "<!date^" + std::to_string(ToUnix(at)) + "^{time_secs}|" + UtcTimeText(at) + ">";
}

namespace {

bool IsSlackId(std::string_view id, std::string_view first_letters) {
    return id.size() >= 2 && id.size() <= 32 &&
           first_letters.find(id[0]) != std::string_view::npos &&
           std::all_of(id.begin(), id.end(),
                       [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

}  // namespace

std::string GroupMention(std::string_view group_id) {
    if (IsSlackId(group_id, "S")) return "<!subteam^" + std::string(group_id) + ">";
    return block_kit::EscapeMrkdwn(group_id);
}

std::string UserMention(std::string_view user_id) {
    if (IsSlackId(user_id, "UW")) return "<@" + std::string(user_id) + ">";
    return block_kit::EscapeMrkdwn(user_id);
}

}  // namespace escbot::commands::escalation::views
