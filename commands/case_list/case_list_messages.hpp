#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "commands/case_list/case_list_flow.hpp"
#include "config/business_calendar.hpp"

namespace escbot::commands::case_list {

// The ephemeral answers of `/escalation`: {"response_type":"ephemeral","text","blocks"}. Within
// a message's limits (50 blocks, 12,000 characters of block text). Pure.

/// A page of a list, with a "Next page" button (and the typed form) while more pages remain.
nlohmann::json ListMessage(const ListPage& page, const config::BusinessCalendar& calendar);
/// One case's status: state, owner, raised by, created, due, promise, last update, thread.
nlohmann::json StatusMessage(const CaseStatus& status, const config::BusinessCalendar& calendar);
/// "Only <who may> may <action>." from the table's row.
nlohmann::json RefusedMessage(const Refused& refused);
nlohmann::json NotFoundMessage(const team::ParsedRef& ref);
nlohmann::json HelpMessage(std::string_view problem = {});

}  // namespace escbot::commands::case_list
