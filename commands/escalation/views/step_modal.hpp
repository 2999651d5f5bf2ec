#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/core/clock.hpp"
#include "commands/escalation/flow/answers.hpp"
#include "commands/escalation/flow/conditions.hpp"
#include "config/sop/sop.hpp"
#include "config/business_calendar.hpp"

namespace escbot::slack {
class RenderedParts;
}

namespace escbot::commands::escalation::views {

/// What the "existing case found" screen shows about the case already open for the homeowner
/// (looked up by the caller). `last_update` is user text; it is escaped here.
struct ExistingCaseInfo {
    std::string case_id;
    std::string status;  // "Open", "Claimed", ...
    std::string owner;   // Slack user id, "" when unclaimed
    std::optional<TimePoint> opened_at;
    std::optional<TimePoint> last_update_at;  // nullopt: never updated
    std::string last_update;
};

/// The modal for one step of the flow: title, submit and close from the data; the step's intro
/// and notes (guidance such as the "never OFFER to escalate" guardrail); for a step with the
/// existing-case panel, every open case of the homeowner (result_modals.hpp's
/// ExistingCasesBlocks; choices of an "open_cases" question come from `facts`); then one input
/// block per question visible for `answers`, with block_id ids::QuestionBlockId(question id) and action_id
/// ids::kAnswerActionId, so inputs survive views.update. Initial values come from `answers`.
/// Inputs that other questions depend on set dispatch_action, so the caller can re-render on
/// block_actions. `private_metadata` is passed through (a draft id; never personal data).
/// With `with_back` (every screen after the first), a Back button ends the view (block
/// ids::kBackBlockId, action ids::kBackActionId, value the step id).
/// Every text is cut to its Slack limit; user text placed in mrkdwn is escaped. Pure.
/// With `parts`, the blocks that depend only on the SOP text are reused from there as written
/// JSON (slack::WrittenJson): that view is for the Slack client only, which writes it out byte
/// for byte as the view built without `parts`.
nlohmann::json StepModal(const config::sop::Sop& sop, const config::sop::Step& step,
                         const flow::Answers& answers, std::string_view private_metadata,
                         const config::BusinessCalendar& calendar,
                         const flow::Facts& facts = {},
                         const std::vector<ExistingCaseInfo>* existing_cases = nullptr,
                         bool with_back = false, slack::RenderedParts* parts = nullptr);

}  // namespace escbot::commands::escalation::views
