#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/core/clock.hpp"
#include "commands/concert/concert_guidance.hpp"
#include "config/rotation.hpp"
#include "storage/concert_repository.hpp"

namespace escbot::commands::concert {

// Pure builders of every message and view of the Concert confirmation flow. User text (the
// homeowner, the address, a question) is escaped for mrkdwn and cut with a marker; every result
// passes block_kit::CheckLimits. Times are shown in `rotation`'s zone ("10:03 AM EST", or
// "Tue Nov 24, 9:00 AM EST" on another day than the request's). All pure and thread-safe.

/// "<@U1> <@U2> <!subteam^S1>": user ids (U…/W…) and group ids (S…) as Slack mentions.
std::string Mentions(const std::vector<std::string>& ids);
/// The ids of `duty`: users, then groups.
std::vector<std::string> DutyIds(const config::Duty& duty);
/// "Confirmed: Concert customer" or "Not a Concert customer" (the buttons' words).
std::string_view AnswerLabel(storage::ConcertRequest::Status answer);

/// The post in the confirmation channel ({text, blocks}): who is tagged, the agent, the
/// homeowner and the address, and the buttons Confirmed / Not a Concert customer / Need more
/// info / Cancel request. `held_since` is set when the request waited for this window.
nlohmann::json RequestPost(const storage::ConcertRequest& request, const config::Rotation& rotation,
                           std::optional<TimePoint> held_since);
/// The same post once answered or cancelled (for chat.update): who, when and what; no buttons.
nlohmann::json ClosedPost(const storage::ConcertRequest& request, const config::Rotation& rotation);

/// Thread replies ({text}).
nlohmann::json AnswerReply(const storage::ConcertRequest& request,
                           const config::Rotation& rotation);
nlohmann::json ReminderReply(const storage::ConcertRequest& request, int number, int of);
nlohmann::json FallbackReply(const storage::ConcertRequest& request,
                             const std::vector<std::string>& fallback_ids,
                             std::string_view fallback_rotation);
/// The question for the agent, with an "Answered" button (kQuestionAnsweredAction, the request
/// id as value) for the agent to press once they answered in the thread: reminders wait till
/// then.
nlohmann::json QuestionReply(const storage::ConcertRequest& request, std::string_view asker,
                             std::string_view question);
/// The agent answered the question: the people tagged are asked again ({text}).
nlohmann::json QuestionAnsweredReply(const storage::ConcertRequest& request);

/// Notes to the requesting agent ({text}, and blocks where noted), in their channel
/// (ephemeral) and by DM. A confirmation with `guidance` adds its blocks: the financier
/// explanation, the check of the email and phone on file, and /escalate for fraud or
/// compliance (SOP data, escaped).
nlohmann::json AgentAnswerNote(const storage::ConcertRequest& request,
                               const config::Rotation& rotation, std::string_view channel,
                               const ConcertGuidance* guidance = nullptr);
/// The request went to the fallback rotation (no answer after the reminders).
nlohmann::json AgentFallbackNote(const storage::ConcertRequest& request,
                                 std::string_view fallback_rotation, std::string_view channel);
nlohmann::json AgentPostedNote(const storage::ConcertRequest& request, std::string_view channel);
nlohmann::json AgentQuestionNote(const storage::ConcertRequest& request, std::string_view asker,
                                 std::string_view channel);

/// The ephemeral reply to `/concert` ({response_type, text, blocks}): posted (tagging `tagged`)
/// or, with `opens_at`, held until the next window; both with a Cancel button.
nlohmann::json RequestAccepted(const storage::ConcertRequest& request,
                               const config::Rotation& rotation, std::string_view channel,
                               std::optional<TimePoint> opens_at);

/// The `/concert` form, pre-filled. `channel` (where the agent typed it) rides in
/// private_metadata.
nlohmann::json RequestModal(std::string_view channel, std::string_view homeowner,
                            std::string_view address);
/// What the form shows after a valid submission (no inputs; Close only).
nlohmann::json RequestAcceptedModal(const storage::ConcertRequest& request,
                                    const config::Rotation& rotation, std::string_view channel,
                                    std::optional<TimePoint> opens_at);
/// "Need more info": the question for the agent. The request id rides in private_metadata.
nlohmann::json QuestionModal(const storage::ConcertRequest& request);

}  // namespace escbot::commands::concert
