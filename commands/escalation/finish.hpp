#pragma once

#include <memory>

#include "commands/escalation/flow/engine.hpp"
#include "commands/escalation/flow_context.hpp"
#include "commands/escalation/views/flow_modals.hpp"
#include "commands/escalation/views/result_modals.hpp"
#include "commands/escalation/views/step_modal.hpp"

namespace escbot::commands::escalation {

/// How a submitted flow ended (SOP §1): what the agent's result screen shows.
struct Finished {
    enum class Kind {
        kNotQualified,     // follow the appropriate SOP; nothing posted
        kAddedToCase,      // SOP 002: added to the homeowner's open case (`existing`)
        kCaseGoneMeanwhile,  // that case closed between the check and the submit; nothing added
        kFollowUpCase,     // §1 A: a case posted to the Resolution Team (`closing`)
        kLiveTransfer,     // §1 B: the live ladder started (`live`)
    };
    Kind kind = Kind::kNotQualified;
    std::shared_ptr<const config::sop::Sop> sop;
    flow::FlowResult result;  // of kind kOutcome; its pointers point into *sop
    long long draft_id = 0;
    views::ExistingCaseInfo existing;
    views::ClosingInfo closing;
    views::LiveTransferInfo live;
};

/// Carries out the flow's outcome for a draft just submitted: records a not-qualified ending,
/// adds to the existing case, or creates the case (and posts it, or starts its ladder).
Finished FinishFlow(storage::UnitOfWork& u, const FlowContext& ctx,
                    std::shared_ptr<const config::sop::Sop> sop, const storage::Draft& draft,
                    flow::FlowResult result);

}  // namespace escbot::commands::escalation
