#pragma once

#include <optional>

#include <nlohmann/json.hpp>

namespace escbot::commands::installer {

/// The payload of the installer timers (kChaseTimer, kOwnerReminderTimer, kCommitmentTimer):
/// the complaint, and the chase attempt the timer belongs to. Written with ToJson, read back
/// with ReadInstallerTimer: nullopt when the stored JSON lacks a positive complaint id or an
/// integer attempt, so a handler never reads half a payload.
struct InstallerTimerPayload {
    long long complaint_id = 0;
    int attempt = 0;
};

nlohmann::json ToJson(const InstallerTimerPayload& payload);
std::optional<InstallerTimerPayload> ReadInstallerTimer(const nlohmann::json& payload);

}  // namespace escbot::commands::installer
