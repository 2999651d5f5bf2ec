#pragma once

#include <filesystem>
#include <sstream>
#include <string>

#include "bot/app/console_mode.hpp"

namespace escbot::test {

/// What `escalation-bot console` printed for one scripted session.
struct ConsoleRun {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs the console with `config` as `user`, reading `script` as the terminal's input.
inline ConsoleRun RunConsoleScript(const std::filesystem::path& config, const std::string& script,
                                   std::string user = "U0AGENT001") {
    app::ConsoleOptions options;
    options.config_path = config;
    options.user_id = std::move(user);
    std::istringstream in(script);
    std::ostringstream out, err;
    ConsoleRun run;
    run.exit_code = app::RunConsole(options, in, out, err);
    run.out = out.str();
    run.err = err.str();
    return run;
}

}  // namespace escbot::test
