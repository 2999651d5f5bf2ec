#include "commands/concert/concert_timers.hpp"

namespace escbot::commands::concert {

nlohmann::json ToJson(const ConcertTimerPayload& payload) {
    return {{"request", payload.request_id}};
}

std::optional<ConcertTimerPayload> ReadConcertTimer(const nlohmann::json& payload) {
    if (!payload.is_object()) return std::nullopt;
    const auto request = payload.find("request");
    if (request == payload.end() || !request->is_number_integer() ||
        request->get<long long>() <= 0) {
        return std::nullopt;
    }
    return ConcertTimerPayload{request->get<long long>()};
}

}  // namespace escbot::commands::concert
