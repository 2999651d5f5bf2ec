#include "bot/app/cli.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

namespace escbot::app {

int RunCli(int argc, char** argv) {
    CLI::App cli{"escalation-bot: guided, recorded, timed escalations for homeowner support."};
    cli.require_subcommand(1);
    auto* version = cli.add_subcommand("version", "Print the version and exit.");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = cli.exit(e);
        return code == 0 ? kExitOk : kExitUsageOrConfig;
    }
    if (version->parsed()) {
        std::cout << "escalation-bot " << ESCBOT_VERSION << "\n";
        return kExitOk;
    }
    return kExitUsageOrConfig;
}

}  // namespace escbot::app
