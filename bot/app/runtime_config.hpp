#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "config/settings.hpp"
#include "config/settings_loader.hpp"
#include "config/sop/sop.hpp"

namespace escbot::app {

/// The configuration file, the environment and the SOP files it names, loaded and validated
/// together: start-up and SIGHUP both go through here, so a reload accepts exactly what a start
/// would.
struct RuntimeConfig {
    std::shared_ptr<const config::Settings> settings;
    std::shared_ptr<const config::sop::Sop> escalation_sop;
};

/// Loads `path` with `env`, applies a --port override, then loads the escalation SOP the file
/// names. On failure returns nullopt and fills `errors` with one problem a line, each naming
/// the file, line and key (or SOP step). Never throws for bad input.
std::optional<RuntimeConfig> LoadRuntimeConfig(const std::filesystem::path& path,
                                               const config::Environment& env,
                                               std::optional<long long> port_override,
                                               std::string& errors);

/// The settings in force, swapped whole by a reload. Thread-safe; readers keep their snapshot.
class SettingsHolder {
public:
    explicit SettingsHolder(std::shared_ptr<const config::Settings> settings)
        : settings_(std::move(settings)) {}

    std::shared_ptr<const config::Settings> Get() const {
        std::lock_guard lock(mutex_);
        return settings_;
    }
    void Set(std::shared_ptr<const config::Settings> settings) {
        std::lock_guard lock(mutex_);
        settings_ = std::move(settings);
    }

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const config::Settings> settings_;
};

}  // namespace escbot::app
