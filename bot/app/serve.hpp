#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace escbot::app {

struct ServeOptions {
    std::filesystem::path config_path;
    std::optional<long long> port;    // --port: wins over PORT and the file
    std::optional<std::string> bind;  // --bind: wins over server.bind
};

/// `escalation-bot serve`: HTTP mode, or Socket Mode when SLACK_APP_TOKEN is set. Runs until
/// SIGTERM or SIGINT (stop accepting, finish requests in flight, flush the outbox within a bound,
/// close the database); SIGHUP reloads the configuration and SOP files, keeping the old ones when
/// the new ones are invalid. Returns the process exit code (0, 1 runtime failure, 2 config error).
int RunServe(const ServeOptions& options);

}  // namespace escbot::app
