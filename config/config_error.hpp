#pragma once

#include <string>
#include <utility>
#include <vector>

#include "config/settings.hpp"

namespace escbot::config {

/// One problem in the configuration, located: the file (or "environment", or "--port"), the line
/// (0 when there is none) and the dotted key ("server.port", "rotations.tier2.windows[0].start";
/// empty when the problem is the file as a whole). The message never quotes a value from the file
/// or the environment, so no secret can leak through it.
struct ConfigError {
    SourceLocation where;
    std::string message;

    /// "config/escalation-bot.toml:14: server.port: expected an integer between 1 and 65535".
    std::string ToString() const;
};

/// The outcome of LoadSettings: the settings, or every problem found, in file order.
class SettingsResult {
public:
    static SettingsResult Ok(Settings settings);
    static SettingsResult Failed(std::vector<ConfigError> errors);

    bool ok() const { return errors_.empty(); }
    explicit operator bool() const { return ok(); }

    /// The settings; throws std::logic_error when !ok().
    const Settings& value() const&;
    Settings value() &&;

    const std::vector<ConfigError>& errors() const { return errors_; }
    /// Every error's ToString(), one per line, for stderr at start-up.
    std::string ErrorText() const;

private:
    SettingsResult() = default;

    Settings settings_;
    std::vector<ConfigError> errors_;
};

}  // namespace escbot::config
