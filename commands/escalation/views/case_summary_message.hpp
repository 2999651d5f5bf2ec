#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "commands/escalation/flow/case_summary.hpp"
#include "config/business_calendar.hpp"

namespace escbot::commands::escalation::views {

/// The case summary that leads read at a glance, as a message (the thread root in the
/// Resolution Team channel): header, homeowner, address, concern, who is escalating, follow-up
/// due, owner and status; qualifiers; red flags; key points; who escalated and when (a
/// `<!date>`, its fallback in the business calendar's zone) and the SOP version; the answers by
/// section; and an actions block with Claim, Add update and Resolve (action_ids case_claim,
/// case_add_update, case_resolve; value = case id). Returns {"text", "blocks"} for chat.postMessage/chat.update.
/// All user text is escaped for mrkdwn and cut with a visible marker; answers that do not fit
/// the 50 blocks of a message are merged and cut with a note pointing to the full case record,
/// so the result always passes block_kit::CheckLimits (also for chat.update). Pure.
nlohmann::json CaseSummaryMessage(const flow::CaseSummary& summary,
                                  const config::BusinessCalendar& calendar);

/// The same summary as plain text, complete and unescaped, ready to paste into the CRM case
/// description, times in the calendar's zone ("Mon Dec 7, 2026 9:05 AM EST"). Pure.
std::string CaseSummaryPlainText(const flow::CaseSummary& summary,
                                 const config::BusinessCalendar& calendar);

}  // namespace escbot::commands::escalation::views
