#pragma once

namespace escbot::app {

/// Exit codes of escalation-bot, documented in --help and the README.
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeFailure = 1;
inline constexpr int kExitUsageOrConfig = 2;

/// Parses the command line and runs the chosen subcommand; returns the process exit code.
int RunCli(int argc, char** argv);

}  // namespace escbot::app
