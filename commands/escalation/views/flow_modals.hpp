#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/clock.hpp"
#include "bot/routing/payloads.hpp"
#include "commands/escalation/views/step_modal.hpp"
#include "config/sop/sop.hpp"
#include "config/business_calendar.hpp"

namespace escbot::commands::escalation::views {

/// What the "Resume or start over?" screen says about the unfinished form.
struct UnfinishedForm {
    TimePoint started_at{};
    TimePoint saved_at{};
    std::string step_title;  // SOP text
    std::string sop_version;
    std::string homeowner_name;  // user text, "" when not answered yet
    long long draft_id = 0;      // not shown: the caller puts it in the private metadata
};

/// The first screen of /escalate when the agent has an unfinished form: when it was started and
/// last saved, where it stopped, and a choice (block ids::kResumeBlockId) between resuming and
/// starting over (ids::kResumeValue / ids::kStartOverValue; resume preselected). Pure.
nlohmann::json ResumeModal(const UnfinishedForm& form, std::string_view private_metadata,
                           const config::BusinessCalendar& calendar);

/// The choice made on the resume screen, from view.state.values: ids::kResumeValue,
/// ids::kStartOverValue, or "" when missing or anything else. Never throws.
std::string ResumeChoice(const routing::StateValues& state);

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
