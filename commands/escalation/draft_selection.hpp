#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "commands/escalation/views/flow_modals.hpp"

namespace escbot::commands::escalation {

// Which draft /escalate opens. An agent may hold several drafts, one per homeowner (a chat and
// a call at once): `/escalate Name` goes back to that homeowner's draft, or starts a new one;
// `/escalate` alone lists the open drafts, or starts a new one when there are none.

/// True when two homeowner names are the same person by the existing-case check's matching
/// (HomeownerKey of the names alone). Blank names match nothing. Pure.
bool SameHomeowner(std::string_view a, std::string_view b);

/// What /escalate opens.
struct EscalateChoice {
    enum class Kind {
        kResume,    // the draft `draft_id` (its homeowner was named)
        kPick,      // the resume screen: the agent picks a draft or starts anew
        kStartNew,  // a new draft, prefilled with the name typed
    };
    Kind kind = Kind::kStartNew;
    long long draft_id = 0;
};

/// Decides from the agent's resumable drafts (`forms`, newest first) and the name typed after
/// the command: a name resumes the newest draft of that homeowner, else starts a new draft; no
/// name lists the drafts, else starts a new one. Pure.
EscalateChoice ChooseForEscalate(const std::vector<views::UnfinishedForm>& forms,
                                 std::string_view typed);

}  // namespace escbot::commands::escalation
