#pragma once

#include <string>
#include <string_view>

#include "bot/core/clock.hpp"

namespace escbot::commands::escalation::views {

/// "2026-11-23 14:05 UTC": the fallback for clients that cannot localise, and the CRM text.
std::string UtcText(TimePoint at);

/// `<!date^UNIX^{date_short_pretty} at {time}|2026-11-23 14:05 UTC>`: shown in each reader's
/// own time zone, with the UTC text as fallback. mrkdwn only.
std::string SlackDate(TimePoint at);

/// `<@U123>` for a Slack user id (U... or W..., letters and digits); any other text is escaped
/// and shown as is, so a bad id can never become a ping. mrkdwn only.
std::string UserMention(std::string_view user_id);

/// `<!subteam^S123>` for a user group id (S..., letters and digits); any other text is escaped
/// and shown as is. mrkdwn only.
std::string GroupMention(std::string_view group_id);

/// `<!date^UNIX^{time_secs}|14:05:30 UTC>`: a time of day to the second, in each reader's zone
/// (ladder deadlines). mrkdwn only.
std::string SlackTime(TimePoint at);
/// "14:05:30 UTC".
std::string UtcTimeText(TimePoint at);

}  // namespace escbot::commands::escalation::views
