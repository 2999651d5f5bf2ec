#include "commands/escalation/views/format.hpp"

#include <algorithm>

#include "commands/block_kit/text.hpp"

namespace escbot::commands::escalation::views {

std::string PeopleText(TimePoint at, const config::BusinessCalendar& calendar) {
    return calendar.FormatForPeople(at);
}

std::string SlackDate(TimePoint at, const config::BusinessCalendar& calendar) {
    return "<!date^" + std::to_string(ToUnix(at)) + "^{date_short_pretty} at {time}|" +
           PeopleText(at, calendar) + ">";
}

std::string TimeOfDayText(TimePoint at, const config::BusinessCalendar& calendar) {
    return calendar.FormatTimeOfDay(at);
}

std::string SlackTime(TimePoint at, const config::BusinessCalendar& calendar) {
    return "<!date^" + std::to_string(ToUnix(at)) + "^{time_secs}|" + TimeOfDayText(at, calendar) +
           ">";
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
