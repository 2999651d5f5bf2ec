#include "config/config_error.hpp"

#include <stdexcept>

namespace escbot::config {

std::string ConfigError::ToString() const {
    std::string text = where.file;
    if (where.line > 0) text += ":" + std::to_string(where.line);
    text += ": ";
    if (!where.key.empty()) text += where.key + ": ";
    text += message;
    return text;
}

SettingsResult SettingsResult::Ok(Settings settings) {
    SettingsResult result;
    result.settings_ = std::move(settings);
    return result;
}

SettingsResult SettingsResult::Failed(std::vector<ConfigError> errors) {
    if (errors.empty()) throw std::logic_error("SettingsResult::Failed needs an error");
    SettingsResult result;
    result.errors_ = std::move(errors);
    return result;
}

const Settings& SettingsResult::value() const& {
    if (!ok()) throw std::logic_error("settings failed to load: " + errors_.front().ToString());
    return settings_;
}

Settings SettingsResult::value() && {
    if (!ok()) throw std::logic_error("settings failed to load: " + errors_.front().ToString());
    return std::move(settings_);
}

std::string SettingsResult::ErrorText() const {
    std::string text;
    for (const auto& error : errors_) {
        if (!text.empty()) text += '\n';
        text += error.ToString();
    }
    return text;
}

}  // namespace escbot::config
