#pragma once

#include <filesystem>
#include <istream>
#include <ostream>
#include <string>

namespace escbot::app {

struct ConsoleOptions {
    std::filesystem::path config_path;
    std::string user_id = "UCONSOLE1";  // who the person at the terminal is in Slack terms
};

/// `escalation-bot console`: the bot with the Slack side replaced by the terminal. Same router,
/// handlers, database and SOP data as serve mode; no Slack account needed. Returns the exit code.
int RunConsole(const ConsoleOptions& options, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace escbot::app
