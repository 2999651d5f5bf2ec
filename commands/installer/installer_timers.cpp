#include "commands/installer/installer_timers.hpp"

namespace escbot::commands::installer {

nlohmann::json ToJson(const InstallerTimerPayload& payload) {
    return {{"complaint", payload.complaint_id}, {"attempt", payload.attempt}};
}

std::optional<InstallerTimerPayload> ReadInstallerTimer(const nlohmann::json& payload) {
    if (!payload.is_object()) return std::nullopt;
    const auto complaint = payload.find("complaint");
    const auto attempt = payload.find("attempt");
    if (complaint == payload.end() || !complaint->is_number_integer() ||
        complaint->get<long long>() <= 0 || attempt == payload.end() ||
        !attempt->is_number_integer()) {
        return std::nullopt;
    }
    return InstallerTimerPayload{complaint->get<long long>(), attempt->get<int>()};
}

}  // namespace escbot::commands::installer
