#pragma once

#include <string>

#include "commands/team/case_line.hpp"
#include "config/business_calendar.hpp"

namespace escbot::commands::team {

/// One case as mrkdwn: "*<link|ESC-12>* · Fraud · claimed by <@U…> · due <date> · *overdue*".
/// The date is a Slack date token (each reader's own zone) with the calendar's text as fallback.
/// Escaped; at most ~600 characters whatever the labels hold.
std::string CaseLineMrkdwn(const CaseLine& line, const config::BusinessCalendar& calendar);

/// "*overdue*", "_due soon_" or "" (for the other classes).
std::string DueBadge(DueClass due_class);

}  // namespace escbot::commands::team
