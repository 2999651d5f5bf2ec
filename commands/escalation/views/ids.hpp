#pragma once

#include <string>
#include <string_view>

namespace escbot::commands::escalation::views::ids {

/// callback_id of every question screen of the escalation flow (one route for all steps; the
/// step is in the caller's draft, found through private_metadata).
inline constexpr std::string_view kStepCallbackId = "escalation_step";
/// callback_id of the result screens (not qualified, existing case, closing, live transfer).
inline constexpr std::string_view kResultCallbackId = "escalation_result";
/// callback_id of the "Loading…" modal opened at once with the trigger_id.
inline constexpr std::string_view kLoadingCallbackId = "escalation_loading";

/// action_id of every question input. Unique within its block (one input per block), stable
/// across views.update; block_actions from inputs with dispatch_action carry it.
inline constexpr std::string_view kAnswerActionId = "escalation_answer";

/// Case summary buttons; their value is the case id.
inline constexpr std::string_view kCaseActionsBlockId = "case_actions";
inline constexpr std::string_view kCaseClaimActionId = "case_claim";
inline constexpr std::string_view kCaseAddUpdateActionId = "case_add_update";
inline constexpr std::string_view kCaseResolveActionId = "case_resolve";
/// Takes Claim's place once the case is claimed (leads only).
inline constexpr std::string_view kCaseReassignActionId = "case_reassign";
/// "Show contact details", on a root whose emails and phones are masked ([privacy]).
inline constexpr std::string_view kCaseShowContactsActionId = "case_show_contacts";

/// The screen shown by /escalate when the agent has open drafts: pick one, or start anew. An
/// option's value is "draft:<id>" (ResumeDraftValue) or kResumeNewValue.
inline constexpr std::string_view kResumeCallbackId = "escalation_resume";
inline constexpr std::string_view kResumeBlockId = "resume_choice";
inline constexpr std::string_view kResumeActionId = "resume_choice";
inline constexpr std::string_view kResumeNewValue = "new";
inline constexpr std::string_view kResumeDraftPrefix = "draft:";

/// The Back button of a question screen (every screen after the first); its value is the id of
/// the step shown, so a click on a screen that moved on meanwhile is ignored.
inline constexpr std::string_view kBackBlockId = "step_nav";
inline constexpr std::string_view kBackActionId = "escalation_back";

/// The Add update and Resolve modals opened from a case thread (private_metadata "c:<id>").
inline constexpr std::string_view kCaseUpdateCallbackId = "case_update";
inline constexpr std::string_view kCaseResolveCallbackId = "case_resolve_note";
inline constexpr std::string_view kCaseNoteBlockId = "case_note";
inline constexpr std::string_view kCaseNoteActionId = "case_note";
/// The Reassign modal: who takes the case (users_select), and the optional note (case_note).
inline constexpr std::string_view kCaseReassignCallbackId = "case_reassign_to";
inline constexpr std::string_view kCaseReassignUserBlockId = "case_new_owner";
inline constexpr std::string_view kCaseReassignUserActionId = "case_new_owner";

/// Live-ladder buttons on a tier's ping; their value is "<case id>:<step>".
inline constexpr std::string_view kLadderActionsBlockId = "ladder_actions";
inline constexpr std::string_view kLadderAcceptActionId = "ladder_accept";
inline constexpr std::string_view kLadderDeclineActionId = "ladder_decline";
/// "I answer" within the window (stops the clock); after it, ladder_accept ("Accepted for
/// handling") and ladder_not_accept ("Not accepted") for the one who answered.
inline constexpr std::string_view kLadderAnswerActionId = "ladder_answer";
inline constexpr std::string_view kLadderNotAcceptActionId = "ladder_not_accept";

inline constexpr std::string_view kQuestionBlockPrefix = "q_";

/// "draft:<id>", the resume screen's option for a draft.
std::string ResumeDraftValue(long long draft_id);

/// The input block id of a question: "q_<question id>", stable across renders and versions.
std::string QuestionBlockId(std::string_view question_id);
/// The question id in a block id made by QuestionBlockId; "" for any other block id.
std::string_view QuestionIdOfBlock(std::string_view block_id);

}  // namespace escbot::commands::escalation::views::ids
