#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace escbot::commands::escalation::views {

/// Another interaction an agent added to an open case (SOP 002 step 2), as its thread shows it.
struct AddedInteraction {
    std::string agent;     // U...
    std::string mentions;  // bot mrkdwn: the owner, or the leads when unclaimed ("" for none)
    std::string said;      // what the customer said this time: user text, escaped here
    std::string interaction_id;           // user text
    std::string origin;                   // who is escalating, in words (SOP text)
    bool asked_for_lead = false;
    std::vector<std::string> qualifiers;  // labels (SOP text)
};

/// The thread reply ({text, blocks}): tags the owner (or the leads), quotes what the customer
/// said, and says plainly that this is an added interaction, not an update given to the
/// customer. Within Slack's limits (text cut with a marker). Pure.
nlohmann::json AddedInteractionReply(const AddedInteraction& added);

}  // namespace escbot::commands::escalation::views
