#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands/escalation/flow/case_summary.hpp"
#include "config/business_calendar.hpp"

namespace escbot::commands::escalation::views {

/// The case summary that leads read at a glance, as a message (the thread root in the
/// Resolution Team channel): header, homeowner, address, concern, who is escalating, follow-up
/// due (and "Overdue" once it is), owner, status, request type and assignment; qualifiers; red
/// flags; key points; who escalated and when (a `<!date>`, its fallback in the business
/// calendar's zone) and the SOP version; the answers by section; and an actions block with Claim
/// (Reassign once someone owns the case), Add update and Resolve (action_ids case_claim /
/// case_reassign, case_add_update, case_resolve; value = case id), and "Show contact details"
/// (case_show_contacts) when summary.contacts_masked. Returns {"text", "blocks"}
/// for chat.postMessage/chat.update.
/// All user text is escaped for mrkdwn; the blocks' text stays under Slack's total for one
/// message (msg_blocks_too_long), so answers that do not fit go on in thread replies
/// (CaseSummaryAnswerReplies, a note says so) and long answers in "(continued)" lines, never cut.
/// The split depends only on what stays as it was, so every chat.update of the root shows the
/// same answers. The result always passes block_kit::CheckLimits (also for chat.update). Pure.
nlohmann::json CaseSummaryMessage(const flow::CaseSummary& summary,
                                  const config::BusinessCalendar& calendar);

/// The answers the root has no room for, as thread replies in order ("the answers, continued
/// (1 of 2)"); empty when they all fit. Each within Slack's limits. Pure.
std::vector<nlohmann::json> CaseSummaryAnswerReplies(const flow::CaseSummary& summary,
                                                     const config::BusinessCalendar& calendar);

/// The same summary as plain text, complete and unescaped, ready to paste into the CRM case
/// description, times in the calendar's zone ("Mon Dec 7, 2026 9:05 AM EST"). Pure.
std::string CaseSummaryPlainText(const flow::CaseSummary& summary,
                                 const config::BusinessCalendar& calendar);

}  // namespace escbot::commands::escalation::views
