#pragma once

#include <optional>

#include <nlohmann/json.hpp>

namespace escbot::commands::concert {

/// The payload of the Concert timers (kReleaseTimer, kRemindTimer): the request they are about.
/// Written with ToJson, read back with ReadConcertTimer: nullopt when the stored JSON lacks a
/// positive request id.
struct ConcertTimerPayload {
    long long request_id = 0;
};

nlohmann::json ToJson(const ConcertTimerPayload& payload);
std::optional<ConcertTimerPayload> ReadConcertTimer(const nlohmann::json& payload);

}  // namespace escbot::commands::concert
