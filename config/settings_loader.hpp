#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "config/config_error.hpp"
#include "config/settings.hpp"

namespace escbot::config {

/// Environment variables, by name. Passed in so that tests can inject them; only config/ reads
/// the process environment (ProcessEnvironment).
using Environment = std::map<std::string, std::string, std::less<>>;

/// The variables LoadSettings reads, in the order --help lists them.
inline constexpr const char* kEnvironmentVariables[] = {
    "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_BASE_URL", "PORT",
    "DATABASE_URL"};

/// The process's values of kEnvironmentVariables (unset ones are absent). Call at start-up,
/// before other threads run (getenv is not thread-safe against setenv).
Environment ProcessEnvironment();

/// Loads one TOML file and the environment into Settings, validated.
///
/// Every key is optional and defaults to the value in settings.hpp, except that [concert]'s
/// rotation and fallback_rotation must name rotations defined under [rotations]. Unknown keys and
/// unknown tables are errors (with a "did you mean" when a known key is close), as is anything
/// that looks like a secret: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_APP_TOKEN are read
/// from `env` only, into Settings::secrets. SLACK_API_BASE_URL overrides slack.api_base_url
/// (which always ends with "/"); PORT overrides server.port; ApplyPortOverride applies the CLI's
/// --port over both. Relative paths in the file (storage.path, escalation.sop_file) are kept as
/// written and so resolve against the process's current working directory, not the file's
/// folder. Empty environment values count as unset.
///
/// Fails with every problem found, each naming the file, line and key; no message quotes a
/// value, so secrets never appear in them. Never throws for bad input; thread-safe.
SettingsResult LoadSettings(const std::filesystem::path& path, const Environment& env);

/// Applies the command line's --port, which wins over the file and PORT. Fails (leaving
/// `settings` unchanged) unless 1 <= port <= 65535.
std::optional<ConfigError> ApplyPortOverride(Settings& settings, long long port);

}  // namespace escbot::config
