#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/routing/payloads.hpp"
#include "commands/escalation/views/step_modal.hpp"
#include "config/sop/sop.hpp"
#include "config/business_calendar.hpp"

namespace escbot::commands::escalation::views {

/// One open draft as the resume screen lists it.
struct UnfinishedForm {
    TimePoint started_at{};
    TimePoint saved_at{};
    std::string step_title;  // SOP text: the step reached
    std::string sop_version;
    std::string homeowner_name;  // user text, "" when not answered yet
    long long draft_id = 0;      // the option's value (ids::ResumeDraftValue)
};

/// At most this many drafts are offered (a radio group holds 10 options; one starts anew).
inline constexpr std::size_t kResumeMaxDrafts = 9;

/// The first screen of /escalate when the agent has open drafts: one option per draft (the
/// homeowner, the step reached and the draft's age at `now`; the newest preselected), then
/// "Start a new escalation" (ids::kResumeNewValue), in block ids::kResumeBlockId. `forms` are
/// newest first; past kResumeMaxDrafts the oldest are left out. Pure.
nlohmann::json ResumeModal(const std::vector<UnfinishedForm>& forms, TimePoint now,
                           std::string_view private_metadata,
                           const config::BusinessCalendar& calendar);

/// "5 min", "3 h", "2 d": how long ago `then` was at `now` (rounded down; "1 min" at least).
std::string AgeText(TimePoint then, TimePoint now);

/// The choice made on the resume screen, from view.state.values: a draft id, or nullopt for
/// "start a new escalation". Missing or malformed: ResumeChoiceMissing. Never throws.
struct ResumeChoiceMissing {};
std::variant<std::optional<long long>, ResumeChoiceMissing> ResumeChoice(
    const routing::StateValues& state);

/// What the live-transfer result screen reports.
struct LiveTransferInfo {
    std::string case_id;  // "ESC-12"
    /// The tier paged now; nullptr when no one was available (voicemail at once).
    const config::sop::LadderTier* paged = nullptr;
    std::vector<std::string> users;  // on duty for `paged`
    std::vector<std::string> groups;
    int window_seconds = 30;
    std::vector<std::string> skipped;                    // tier names passed over: no one on duty
    const config::sop::LadderTier* voicemail = nullptr;  // set when it ended in voicemail at once
    std::optional<TimePoint> follow_up_due;
};

/// The result screen after the customer refused to wait (SOP §1 B): the outcome's advice, who is
/// being paged now and for how long (or, when no one is available, the voicemail instructions
/// and the follow-up case created), and that each step appears in the agent's DMs. Pure.
nlohmann::json LiveTransferModal(const config::sop::Sop& sop, const config::sop::Outcome& outcome,
                                 const LiveTransferInfo& info, std::string_view private_metadata,
                                 const config::BusinessCalendar& calendar);

/// The result screen after this interaction was added to an existing case (SOP 002 step 2): the
/// outcome's advice and the case's status, owner and last update. Pure.
nlohmann::json AddedToCaseModal(const config::sop::Outcome& outcome, const ExistingCaseInfo& info,
                                std::string_view private_metadata,
                                const config::BusinessCalendar& calendar);

/// A read-only screen with one message (a finished or vanished form). Pure.
nlohmann::json NoticeModal(std::string_view title, std::string_view mrkdwn,
                           std::string_view private_metadata = {});

/// The note modals of a case thread: "Add update" (ids::kCaseUpdateCallbackId) and "Resolve"
/// (ids::kCaseResolveCallbackId), each one required multi-line input (block
/// ids::kCaseNoteBlockId, at most 3000 characters). Pure.
nlohmann::json CaseUpdateModal(std::string_view case_id, std::string_view private_metadata);
nlohmann::json ResolveCaseModal(std::string_view case_id, std::string_view private_metadata);

/// The text typed into a note modal, from view.state.values ("" when missing). Never throws.
std::string CaseNoteText(const routing::StateValues& state);

}  // namespace escbot::commands::escalation::views
