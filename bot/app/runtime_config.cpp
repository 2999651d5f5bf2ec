#include "bot/app/runtime_config.hpp"

#include "config/sop/sop_loader.hpp"

namespace escbot::app {

std::optional<RuntimeConfig> LoadRuntimeConfig(const std::filesystem::path& path,
                                               const config::Environment& env,
                                               std::optional<long long> port_override,
                                               std::string& errors) {
    auto loaded = config::LoadSettings(path, env);
    if (!loaded) {
        errors = loaded.ErrorText() + "\n";
        return std::nullopt;
    }
    config::Settings settings = std::move(loaded).value();
    if (port_override) {
        if (auto error = config::ApplyPortOverride(settings, *port_override)) {
            errors = error->ToString();
            return std::nullopt;
        }
    }
    auto sop = config::sop::LoadSopFile(settings.escalation.sop_file);
    if (!sop.ok()) {
        errors.clear();
        for (const auto& error : sop.errors) errors += error.ToString() + "\n";
        return std::nullopt;
    }
    return RuntimeConfig{std::make_shared<const config::Settings>(std::move(settings)), sop.sop};
}

}  // namespace escbot::app
