#include "bot/app/cli.hpp"

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "bot/app/audit_command.hpp"
#include "bot/app/console_mode.hpp"
#include "bot/app/due_command.hpp"
#include "bot/app/migrate_storage_command.hpp"
#include "bot/app/purge_command.hpp"
#include "bot/app/report_commands.hpp"
#include "bot/app/runtime_config.hpp"
#include "bot/app/serve.hpp"
#include "bot/app/sop_commands.hpp"
#include "bot/core/clock.hpp"
#include "bot/core/logging.hpp"
#include "commands/manifest.hpp"
#include "commands/oncall/oncall_report.hpp"
#include "config/settings_loader.hpp"
#include "config/sop/sop_lint.hpp"
#include "bot/app/open_store.hpp"

namespace escbot::app {
namespace {

constexpr const char* kDefaultConfig = "config/escalation-bot.example.toml";

constexpr const char* kFooter = R"(
Environment (secrets are read from here only, never from files):
  SLACK_BOT_TOKEN       bot token (xoxb-...), for the Web API
  SLACK_SIGNING_SECRET  verifies requests in HTTP mode
  SLACK_APP_TOKEN       app-level token (xapp-...): when set, serve uses Socket Mode
  SLACK_API_BASE_URL    Web API base URL (default https://slack.com/api/)
  PORT                  HTTP port (--port wins over it, it wins over the file)
  DATABASE_URL          PostgreSQL instead of SQLite (postgresql://user:password@host/db);
                        wins over [storage] url and path
  PGPASSWORD            the PostgreSQL password, when [storage] url names the database

Exit codes: 0 success, 1 runtime failure, 2 usage or configuration error.

Examples:
  escalation-bot console                          try the flows in the terminal
  escalation-bot serve --port 3000                HTTP mode on port 3000
  escalation-bot sop lint config/sop/escalation.toml
  escalation-bot sop graph config/sop/escalation.toml --format svg > sop.svg
  escalation-bot sop diff old.toml config/sop/escalation.toml
  escalation-bot oncall --at 2026-11-23T22:00:00-05:00
  escalation-bot due --from now --add 24bh        when 24 business hours from now run out
  escalation-bot export --since 2026-11-01 --format csv > cases.csv
  escalation-bot report --since 2026-11-01 --until 2026-12-01
  escalation-bot audit ESC-12                     a case's history, oldest first
  escalation-bot purge --dry-run                  what retention would remove now
  escalation-bot migrate-storage --from sqlite:/var/lib/escalation-bot/bot.sqlite3 \
                 --to postgresql://bot@db.internal/escbot   copy SQLite into PostgreSQL)";

}  // namespace

int RunCli(int argc, char** argv) {
    CLI::App cli{"escalation-bot: guided, recorded, timed escalations for homeowner support in Slack."};
    cli.footer(kFooter);
    cli.require_subcommand(1);
    cli.fallthrough();
    std::string config_path = kDefaultConfig;
    cli.add_option("--config", config_path, "Configuration file (TOML)")->capture_default_str();

    auto* serve = cli.add_subcommand("serve", "Run the bot for Slack (HTTP mode, or Socket Mode with SLACK_APP_TOKEN).");
    std::optional<long long> port;
    std::optional<std::string> bind;
    serve->add_option("--port", port, "Port to listen on (HTTP mode)");
    serve->add_option("--bind", bind, "Address to listen on (HTTP mode)");

    auto* console = cli.add_subcommand("console", "Run the bot in this terminal: no Slack account needed.");
    std::string console_user = "UCONSOLE1";
    console->add_option("--user", console_user, "The Slack user id you act as")->capture_default_str();

    auto* sop = cli.add_subcommand("sop", "Work with SOP files.");
    sop->require_subcommand(1);
    auto* lint = sop->add_subcommand("lint", "Check an SOP file; exits 2 and names each bad step on errors.");
    std::string sop_file;
    lint->add_option("FILE", sop_file, "SOP file (TOML)")->required();
    auto* graph = sop->add_subcommand("graph", "Draw an SOP's steps, routes and outcomes (Graphviz).");
    std::string graph_format = "dot";
    graph->add_option("FILE", sop_file, "SOP file (TOML)")->required();
    graph->add_option("--format", graph_format, "dot, or svg (rendered by Graphviz's dot)")
        ->capture_default_str();
    auto* diff = sop->add_subcommand("diff", "List what changed between two SOP versions.");
    std::string old_sop_file;
    diff->add_option("OLD", old_sop_file, "The older SOP file")->required();
    diff->add_option("NEW", sop_file, "The newer SOP file")->required();

    auto* oncall = cli.add_subcommand("oncall", "Print who is on duty at an instant, and the next change.");
    commands::oncall::OncallArgs oncall_args;
    oncall->add_option("--rotation", oncall_args.rotation, "Rotation name")->capture_default_str();
    oncall->add_option("--at", oncall_args.at, "ISO-8601 instant with an offset or Z (default: now)");
    oncall->add_flag("--week", oncall_args.week, "Print the coming week's hand-offs");

    auto* due = cli.add_subcommand(
        "due", "Print an instant plus a duration, counted by the business calendar.");
    DueArgs due_args;
    due->add_option("--from", due_args.from, "now, or an ISO-8601 instant with an offset or Z")
        ->required();
    due->add_option("--add", due_args.add,
                    "Duration: 24bh, 2bd (business time), 1w, 3d, 2h, 30m, 30s")
        ->required();

    ReportArgs report_args;
    auto* export_cases = cli.add_subcommand(
        "export", "Print one record per case created in a range (CSV or JSON Lines).");
    export_cases->add_option("--since", report_args.since, "From this date (YYYY-MM-DD) or instant")->required();
    export_cases->add_option("--until", report_args.until, "Until this date or instant (default: now)");
    export_cases->add_option("--format", report_args.format, "csv or json")->capture_default_str();
    export_cases->add_flag("--include-personal-data", report_args.include_personal_data,
                           "Add names, addresses, emails, phones and free-text answers (audited)");
    auto* report = cli.add_subcommand(
        "report", "Print counts, the share of promises kept and medians for a range.");
    report->add_option("--since", report_args.since, "From this date (YYYY-MM-DD) or instant")->required();
    report->add_option("--until", report_args.until, "Until this date or instant (default: now)");

    auto* audit = cli.add_subcommand("audit", "Print a case's history: every audited change, oldest first.");
    std::string audit_reference;
    audit->add_option("CASE", audit_reference, "ESC-12, 12, or an entity such as draft:7")->required();

    auto* purge = cli.add_subcommand(
        "purge", "Remove the personal data of work closed longer ago than [retention] personal_data_days.");
    bool purge_dry_run = false;
    purge->add_flag("--dry-run", purge_dry_run, "Count what would be removed; change nothing");

    auto* migrate_storage = cli.add_subcommand(
        "migrate-storage",
        "Copy the SQLite database into an empty PostgreSQL one (one transaction), then compare counts.");
    MigrateStorageArgs migrate_args;
    migrate_storage->add_option("--from", migrate_args.from, "sqlite:PATH, the bot's SQLite file")
        ->required();
    migrate_storage->add_option("--to", migrate_args.to,
                                "postgresql://… without a password (PGPASSWORD); default DATABASE_URL");

    auto* manifest = cli.add_subcommand("manifest", "Print the Slack app manifest (YAML) for this bot.");
    bool socket_mode = false;
    std::string request_url(commands::kExampleRequestUrl);
    manifest->add_flag("--socket-mode", socket_mode, "Socket Mode: no request URLs");
    manifest->add_option("--request-url", request_url, "Public URL of POST /slack/events (HTTP mode)")
        ->capture_default_str();

    auto* version = cli.add_subcommand("version", "Print the version.");

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? kExitOk : kExitUsageOrConfig;
    }

    if (version->parsed()) {
        std::cout << "escalation-bot " << ESCBOT_VERSION << "\n";
        return kExitOk;
    }
    if (manifest->parsed()) {
        std::cout << commands::SlackAppManifest(socket_mode, request_url);
        return kExitOk;
    }
    if (lint->parsed()) return config::sop::RunSopLint(sop_file, std::cout, std::cerr);
    if (graph->parsed()) return RunSopGraph(sop_file, graph_format, std::cout, std::cerr);
    if (diff->parsed()) return RunSopDiff(old_sop_file, sop_file, std::cout, std::cerr);
    if (serve->parsed()) return RunServe({config_path, port, bind});
    if (console->parsed()) return RunConsole({config_path, console_user}, std::cin, std::cout, std::cerr);
    if (oncall->parsed()) {
        auto settings = config::LoadSettings(config_path, config::ProcessEnvironment());
        if (!settings) {
            std::cerr << settings.ErrorText() << "\n";
            return kExitUsageOrConfig;
        }
        SystemClock clock;
        return commands::oncall::RunOncall(settings.value(), oncall_args, clock, std::cout, std::cerr);
    }
    if (purge->parsed()) {
        std::string errors;
        auto loaded = LoadRuntimeConfig(config_path, config::ProcessEnvironment(), std::nullopt, errors);
        if (!loaded) {
            std::cerr << errors;
            return kExitUsageOrConfig;
        }
        logging::Init(logging::Format::kText, "warn");
        const char* user = std::getenv("USER");
        try {
            auto store = OpenStore(loaded->settings->storage);
            config::sop::SopCatalog sops;
            sops.Add(loaded->escalation_sop);
            SystemClock clock;
            return RunPurge(*store, sops, *loaded->settings, purge_dry_run,
                            std::string("cli:") + (user != nullptr && *user != '\0' ? user : "unknown"),
                            clock, std::cout, std::cerr);
        } catch (const std::exception& e) {
            std::cerr << "purge: " << e.what() << "\n";
            return kExitRuntimeFailure;
        }
    }
    if (export_cases->parsed() || report->parsed()) {
        std::string errors;
        auto loaded = LoadRuntimeConfig(config_path, config::ProcessEnvironment(), std::nullopt, errors);
        if (!loaded) {
            std::cerr << errors;
            return kExitUsageOrConfig;
        }
        logging::Init(logging::Format::kText, "warn");  // stdout carries the records
        const char* user = std::getenv("USER");
        report_args.who = user != nullptr && *user != '\0' ? user : "unknown";
        SystemClock clock;
        const auto& settings = *loaded->settings;
        return export_cases->parsed()
                   ? RunExport(settings, settings.escalation.sop_file, report_args, clock, std::cout, std::cerr)
                   : RunReport(settings, settings.escalation.sop_file, report_args, clock, std::cout, std::cerr);
    }
    if (audit->parsed()) {
        auto settings = config::LoadSettings(config_path, config::ProcessEnvironment());
        if (!settings) {
            std::cerr << settings.ErrorText() << "\n";
            return kExitUsageOrConfig;
        }
        logging::Init(logging::Format::kText, "warn");
        try {
            auto store = OpenStore(settings.value().storage);
            return RunAudit(*store, settings.value().business_calendar, audit_reference, std::cout, std::cerr);
        } catch (const std::exception& e) {
            std::cerr << "audit: " << e.what() << "\n";
            return kExitRuntimeFailure;
        }
    }
    if (migrate_storage->parsed()) {
        logging::Init(logging::Format::kText, "warn");
        return RunMigrateStorage(migrate_args, config::ProcessEnvironment(), std::cout, std::cerr);
    }
    if (due->parsed()) {
        auto settings = config::LoadSettings(config_path, config::ProcessEnvironment());
        if (!settings) {
            std::cerr << settings.ErrorText() << "\n";
            return kExitUsageOrConfig;
        }
        SystemClock clock;
        return RunDue(settings.value(), due_args, clock, std::cout, std::cerr);
    }
    return kExitUsageOrConfig;
}

}  // namespace escbot::app
