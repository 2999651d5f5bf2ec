#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands/escalation/flow/case_summary.hpp"

namespace escbot::commands::escalation::views {

// [privacy] mask_contact_details for escalation cases: the summary as the channel shows it, and
// the full contact details shown privately to an authorized person who asks
// ("Show contact details", action_id case_show_contacts, value = case id).

/// `summary` with the emails and phone numbers in every user text masked
/// (privacy::MaskContactDetails) and contacts_masked set, so that the root carries the button.
/// Pure.
flow::CaseSummary MaskedForChannel(flow::CaseSummary summary);

/// One text of a case that holds contact details: where it is ("Email:", "Update from <@U1>")
/// and the text itself, unmasked.
struct ContactSource {
    std::string where;  // mrkdwn, bot text
    std::string text;   // user text
};

/// The contact details of a case for the person who asked, as an ephemeral message: each
/// email and phone number found in `sources` with where it is, or a note that the case holds
/// none. Within Slack's limits (long lists are cut with a marker). Pure.
nlohmann::json CaseContactsMessage(const std::string& case_id,
                                   const std::vector<ContactSource>& sources);

/// The sources of a case summary: every answer, the red flags and the resolution note.
std::vector<ContactSource> ContactSourcesOf(const flow::CaseSummary& summary);

}  // namespace escbot::commands::escalation::views
