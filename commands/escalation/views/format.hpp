#pragma once

#include <string>
#include <string_view>

#include "bot/core/clock.hpp"
#include "config/business_calendar.hpp"

namespace escbot::commands::escalation::views {

// Times people read are in the business calendar's zone with its abbreviation (issue 16 item 7):
// the team's schedules speak Eastern, not UTC.

/// "Mon Dec 7, 2026 9:05 AM EST": the CRM text, and the fallback of SlackDate.
std::string PeopleText(TimePoint at, const config::BusinessCalendar& calendar);

/// `<!date^UNIX^{date_short_pretty} at {time}|Mon Dec 7, 2026 9:05 AM EST>`: shown in each
/// reader's own time zone, with the calendar's zone as the fallback (and in the console). mrkdwn
/// only.
std::string SlackDate(TimePoint at, const config::BusinessCalendar& calendar);

/// `<@U123>` for a Slack user id (U... or W..., letters and digits); any other text is escaped
/// and shown as is, so a bad id can never become a ping. mrkdwn only.
std::string UserMention(std::string_view user_id);

/// `<!subteam^S123>` for a user group id (S..., letters and digits); any other text is escaped
/// and shown as is. mrkdwn only.
std::string GroupMention(std::string_view group_id);

/// `<!date^UNIX^{time_secs}|9:05:30 AM EST>`: a time of day to the second, in each reader's zone
/// (ladder deadlines). mrkdwn only.
std::string SlackTime(TimePoint at, const config::BusinessCalendar& calendar);
/// "9:05:30 AM EST".
std::string TimeOfDayText(TimePoint at, const config::BusinessCalendar& calendar);

}  // namespace escbot::commands::escalation::views
