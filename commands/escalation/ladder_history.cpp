#include "commands/escalation/ladder_history.hpp"

#include <array>
#include <utility>

namespace escbot::commands::escalation {

using nlohmann::json;

namespace {

constexpr std::array<std::pair<LadderEvent, std::string_view>, 8> kNames = {{
    {LadderEvent::kPaged, "paged"},
    {LadderEvent::kSkipped, "skipped"},
    {LadderEvent::kTimeout, "timeout"},
    {LadderEvent::kDeclined, "declined"},
    {LadderEvent::kAccepted, "accepted"},
    {LadderEvent::kVoicemail, "voicemail"},
    {LadderEvent::kAnswered, "answered"},
    {LadderEvent::kNotAccepted, "not_accepted"},
}};

std::string StringOf(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<long long> IntegerOf(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<long long>();
}

std::vector<std::string> StringsOf(const json& object, const char* key) {
    std::vector<std::string> out;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_array()) return out;
    for (const json& value : *it) {
        if (value.is_string()) out.push_back(value.get<std::string>());
    }
    return out;
}

std::optional<LadderEntry> EntryOf(const json& in) {
    if (!in.is_object()) return std::nullopt;
    const auto event = LadderEventOf(StringOf(in, "event"));
    if (!event) return std::nullopt;
    LadderEntry entry;
    entry.event = *event;
    entry.at = FromUnix(IntegerOf(in, "at").value_or(0));
    entry.tier = StringOf(in, "tier");
    entry.step = static_cast<int>(IntegerOf(in, "step").value_or(0));
    entry.by = StringOf(in, "by");
    entry.users = StringsOf(in, "users");
    entry.groups = StringsOf(in, "groups");
    if (const auto deadline = IntegerOf(in, "deadline")) entry.deadline = FromUnix(*deadline);
    if (const auto next = IntegerOf(in, "next_shift")) entry.next_shift = FromUnix(*next);
    entry.next_shift_text = StringOf(in, "next_shift_text");
    const auto voicemail_next = in.find("voicemail_next");
    entry.voicemail_next = voicemail_next != in.end() && voicemail_next->is_boolean() &&
                           voicemail_next->get<bool>();
    return entry;
}

}  // namespace

std::string_view LadderEventName(LadderEvent event) {
    for (const auto& [value, name] : kNames) {
        if (value == event) return name;
    }
    return "unknown";
}

std::optional<LadderEvent> LadderEventOf(std::string_view name) {
    for (const auto& [value, known] : kNames) {
        if (known == name) return value;
    }
    return std::nullopt;
}

const LadderEntry* LadderHistory::Paged(int step) const {
    for (const LadderEntry& entry : entries) {
        if (entry.event == LadderEvent::kPaged && entry.step == step) return &entry;
    }
    return nullptr;
}

std::vector<const LadderEntry*> LadderHistory::SkippedBefore(int step) const {
    std::vector<const LadderEntry*> skipped;
    for (const LadderEntry& entry : entries) {
        if (entry.event == LadderEvent::kSkipped) {
            skipped.push_back(&entry);
        } else if (entry.event == LadderEvent::kPaged) {
            if (entry.step == step) return skipped;
            skipped.clear();
        }
    }
    return {};
}

void to_json(json& out, const LadderEntry& entry) {
    out = {{"at", ToUnix(entry.at)},
           {"event", LadderEventName(entry.event)},
           {"tier", entry.tier},
           {"step", entry.step}};
    if (!entry.by.empty()) out["by"] = entry.by;
    if (entry.event == LadderEvent::kPaged) {
        out["users"] = entry.users;
        out["groups"] = entry.groups;
    }
    if (entry.deadline) out["deadline"] = ToUnix(*entry.deadline);
    if (entry.next_shift) out["next_shift"] = ToUnix(*entry.next_shift);
    if (!entry.next_shift_text.empty()) out["next_shift_text"] = entry.next_shift_text;
    if (entry.voicemail_next) out["voicemail_next"] = true;
}

void to_json(json& out, const LadderHistory& history) {
    out = json::array();
    for (const LadderEntry& entry : history.entries) out.push_back(entry);
}

void from_json(const json& in, LadderHistory& history) {
    history.entries.clear();
    if (!in.is_array()) return;
    for (const json& item : in) {
        if (auto entry = EntryOf(item)) history.entries.push_back(std::move(*entry));
    }
}

}  // namespace escbot::commands::escalation
