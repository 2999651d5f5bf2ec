#include "commands/escalation/timer_payloads.hpp"

namespace escbot::commands::escalation {

using nlohmann::json;

namespace {

/// The integer at `key`; nullopt when missing or not an integer.
std::optional<long long> IntegerAt(const json& object, const char* key) {
    if (!object.is_object()) return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<long long>();
}

}  // namespace

json ToJson(const LadderTimerPayload& payload) {
    return {{"case_id", payload.case_id}, {"step", payload.step}};
}

std::optional<LadderTimerPayload> ReadLadderTimer(const json& payload) {
    const auto case_id = IntegerAt(payload, "case_id");
    const auto step = IntegerAt(payload, "step");
    if (!case_id || !step) return std::nullopt;
    return LadderTimerPayload{*case_id, static_cast<int>(*step)};
}

json ToJson(const FollowUpTimerPayload& payload) {
    return {{"case_id", payload.case_id}, {"stage", StageName(payload.stage)}};
}

std::optional<FollowUpTimerPayload> ReadFollowUpTimer(const json& payload) {
    const auto case_id = IntegerAt(payload, "case_id");
    if (!case_id) return std::nullopt;
    const auto stage = payload.find("stage");
    if (stage == payload.end()) return FollowUpTimerPayload{*case_id, PromiseStage::kDue};
    if (!stage->is_string()) return std::nullopt;
    const auto parsed = ParseStage(stage->get_ref<const std::string&>());
    if (!parsed) return std::nullopt;
    return FollowUpTimerPayload{*case_id, *parsed};
}

json ToJson(const PermalinkTimerPayload& payload) {
    json out = {{"case_id", payload.case_id}, {"tries", payload.tries}};
    if (payload.asked_at != 0) out["asked_at"] = payload.asked_at;
    return out;
}

std::optional<PermalinkTimerPayload> ReadPermalinkTimer(const json& payload) {
    const auto case_id = IntegerAt(payload, "case_id");
    const auto tries = IntegerAt(payload, "tries");
    if (!case_id || !tries) return std::nullopt;
    return PermalinkTimerPayload{*case_id, static_cast<int>(*tries),
                                 IntegerAt(payload, "asked_at").value_or(0)};
}

}  // namespace escbot::commands::escalation
