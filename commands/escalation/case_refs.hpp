#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace escbot::commands::escalation {

// Names of everything the escalation flow keeps outside its own tables: message keys (outbox
// result_key / thread_key / ts_key, stored in message_refs), outbox lanes, timer keys and kinds,
// and the values carried by buttons and private_metadata. Ids only, never personal data.

/// "ESC-42": how people see and paste a case id.
std::string CaseDisplayId(long long case_id);
/// 42 from "ESC-42" or "42"; nullopt for anything else (buttons carry untrusted values).
std::optional<long long> ParseCaseId(std::string_view text);

/// The case summary thread root in the Resolution Team channel.
std::string RootKey(long long case_id);
/// The agent's live-ladder status DM (posted once, then updated).
std::string StatusKey(long long case_id);
/// The live-ladder ping of one step in the live-escalation channel.
std::string PingKey(long long case_id, int step);

/// Lane of the case thread's traffic (root, replies, root updates): in order, per case, so that
/// one case's failed root never holds up another case.
std::string CaseLane(long long case_id);
/// Lane of the agent's DMs about one case.
std::string AgentLane(long long case_id);
/// Lane of one ladder step's ping and its update.
std::string PingLane(long long case_id, int step);

inline constexpr std::string_view kLadderTimerKind = "ladder.step";
inline constexpr std::string_view kFollowUpTimerKind = "case.follow_up";
inline constexpr std::string_view kPermalinkTimerKind = "case.permalink";
std::string LadderTimerKey(long long case_id);
std::string FollowUpTimerKey(long long case_id);
std::string PermalinkTimerKey(long long case_id);

/// The audit entity of a case ("case:42") and of a draft ("draft:7").
std::string CaseEntity(long long case_id);
std::string DraftEntity(long long draft_id);

/// private_metadata of the flow's modals: "d:<draft id>" (question and resume screens) and
/// "c:<case id>" (Add update, Resolve).
std::string DraftMetadata(long long draft_id);
std::optional<long long> ParseDraftMetadata(std::string_view metadata);
std::string CaseMetadata(long long case_id);
std::optional<long long> ParseCaseMetadata(std::string_view metadata);

/// The value of a ladder button: "<case id>:<step>".
std::string LadderButtonValue(long long case_id, int step);
struct LadderButton {
    long long case_id = 0;
    int step = 0;
};
std::optional<LadderButton> ParseLadderButtonValue(std::string_view value);

}  // namespace escbot::commands::escalation
