#include "commands/escalation/case_refs.hpp"

#include <charconv>

namespace escbot::commands::escalation {
namespace {

constexpr std::string_view kCasePrefix = "ESC-";

template <class Int>
std::optional<Int> ParsePositive(std::string_view text) {
    Int value = 0;
    if (text.empty() || text.size() > 18) return std::nullopt;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
    return value;
}

std::optional<long long> ParsePrefixed(std::string_view text, std::string_view prefix) {
    if (!text.starts_with(prefix)) return std::nullopt;
    return ParsePositive<long long>(text.substr(prefix.size()));
}

}  // namespace

std::string CaseDisplayId(long long case_id) {
    return std::string(kCasePrefix) + std::to_string(case_id);
}

std::optional<long long> ParseCaseId(std::string_view text) {
    if (text.starts_with(kCasePrefix)) text.remove_prefix(kCasePrefix.size());
    return ParsePositive<long long>(text);
}

std::string RootKey(long long case_id) {
    return "case:" + std::to_string(case_id) + ":root";
}
std::string StatusKey(long long case_id) {
    return "case:" + std::to_string(case_id) + ":status";
}
std::string PingKey(long long case_id, int step) {
    return "case:" + std::to_string(case_id) + ":ping:" + std::to_string(step);
}

std::string CaseLane(long long case_id) {
    return "case:" + std::to_string(case_id);
}
std::string AgentLane(long long case_id) {
    return "case:" + std::to_string(case_id) + ":agent";
}
std::string PingLane(long long case_id, int step) {
    return PingKey(case_id, step);
}

std::string LadderTimerKey(long long case_id) {
    return "case:" + std::to_string(case_id) + ":ladder";
}
std::string FollowUpTimerKey(long long case_id) {
    return "case:" + std::to_string(case_id) + ":follow_up";
}
std::string PermalinkTimerKey(long long case_id) {
    return "case:" + std::to_string(case_id) + ":permalink";
}

std::string CaseEntity(long long case_id) {
    return "case:" + std::to_string(case_id);
}
std::string DraftEntity(long long draft_id) {
    return "draft:" + std::to_string(draft_id);
}

std::string DraftMetadata(long long draft_id) {
    return "d:" + std::to_string(draft_id);
}
std::optional<long long> ParseDraftMetadata(std::string_view metadata) {
    return ParsePrefixed(metadata, "d:");
}
std::string CaseMetadata(long long case_id) {
    return "c:" + std::to_string(case_id);
}
std::optional<long long> ParseCaseMetadata(std::string_view metadata) {
    return ParsePrefixed(metadata, "c:");
}

std::string LadderButtonValue(long long case_id, int step) {
    return std::to_string(case_id) + ":" + std::to_string(step);
}

std::optional<LadderButton> ParseLadderButtonValue(std::string_view value) {
    const auto colon = value.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const auto case_id = ParsePositive<long long>(value.substr(0, colon));
    const auto step = ParsePositive<int>(value.substr(colon + 1));
    if (!case_id || !step) return std::nullopt;
    return LadderButton{*case_id, *step};
}

}  // namespace escbot::commands::escalation
