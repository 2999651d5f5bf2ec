#include "bot/app/serve.hpp"

#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>
#include <pthread.h>
#include <string>
#include <vector>
#include <unistd.h>

#include "bot/app/bot.hpp"
#include "bot/app/channel_check.hpp"
#include "bot/app/cli.hpp"
#include "bot/app/token_check.hpp"
#include "bot/core/logging.hpp"
#include "bot/http/http_server.hpp"
#include "bot/slack/curl_slack_api.hpp"
#include "bot/slack/response_url.hpp"
#include "bot/socket_mode/socket_mode_client.hpp"
#include "bot/app/open_store.hpp"

#include <spdlog/spdlog.h>

namespace escbot::app {
namespace {

constexpr std::chrono::seconds kRequestGrace{5};
constexpr std::chrono::seconds kOutboxFlushBound{5};
// auth.test at start-up: a refused token stops serve within seconds.
constexpr std::chrono::milliseconds kTokenCheckBound{5000};
// conversations.info for the channels that receive personal data, all at once.
constexpr std::chrono::milliseconds kChannelCheckBound{5000};

// The signals the main thread waits for; blocked in every thread (they inherit the mask).
sigset_t ControlSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    return set;
}

// Missing secrets are configuration errors, named like the loader names its errors.
std::string MissingSecrets(const config::Settings& settings) {
    std::string errors;
    if (settings.secrets.bot_token.empty())
        errors += "environment: SLACK_BOT_TOKEN: required to call the Slack Web API\n";
    if (settings.secrets.app_token.empty() && settings.secrets.signing_secret.empty())
        errors += "environment: SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN "
                  "for Socket Mode)\n";
    return errors;
}

// What keeps the channels personal data goes to from being served: public ones not allowed,
// ones Slack will not describe (bot/app/channel_check.hpp).
std::vector<std::string> PrivacyProblems(slack::SlackApi& api, const config::Settings& settings,
                                         bool& configuration_error) {
    if (!settings.privacy.check_channels_at_start) {
        logging::Get("app")->warn(
            "[privacy] check_channels_at_start = false: not checking that the channels personal "
            "data goes to are private");
        return {};
    }
    const auto channels = PersonalDataChannels(settings);
    return ChannelPrivacyProblems(channels, AskChannels(api, channels, kChannelCheckBound),
                                  settings.privacy.allow_public_channels, configuration_error);
}

// The transport Slack's requests arrive by: HTTP with a signing secret, or Socket Mode.
class Transport {
public:
    virtual ~Transport() = default;
    virtual void Start() = 0;
    virtual void Stop() = 0;
};

class HttpTransport final : public Transport {
public:
    HttpTransport(const config::Settings& s, const Clock& clock, slack::CurlSlackApi& api, Bot& bot,
                  metrics::Registry& registry)
        : server_(Options(s, api, bot), clock,
                  [&bot](const routing::Inbound& in) { return bot.Dispatch(in); },
                  [&bot] { return bot.Healthy(); }, registry) {}
    void Start() override {
        server_.Start();
        logging::Get("app")->info("HTTP mode: listening on port {}", server_.port());
    }
    void Stop() override { server_.Stop(kRequestGrace); }

private:
    static http::ServerOptions Options(const config::Settings& s, slack::CurlSlackApi& api,
                                       const Bot& bot) {
        http::ServerOptions o;
        o.health_detail = [&bot] { return bot.HealthDetail(); };
        o.bind_address = s.server.bind;
        o.port = static_cast<std::uint16_t>(s.server.port);
        o.body_limit = s.server.body_limit_bytes;
        o.read_timeout = std::chrono::milliseconds(s.server.read_timeout_ms);
        o.idle_timeout = std::chrono::seconds(s.server.idle_timeout_s);
        o.threads = s.server.threads;
        // One I/O thread: the Web API client's. A views.open then leaves from the thread that
        // read its slash command, with no hand-off to another thread.
        if (s.server.threads == 1) o.io_context = &api.IoContext();
        // 0 (the default): handlers run on the I/O thread, which costs the least CPU per request
        // (README "While a backup runs"). The store never makes them wait: WAL, the bot is the
        // file's only writer (backups only read), and checkpoints run on their own thread.
        o.handler_threads = s.server.handler_threads;
        o.signing_secret = s.secrets.signing_secret;
        o.hold_intake = [&api] { return api.Backlogged(); };
        return o;
    }
    http::HttpServer server_;
};

// A Socket Mode client that cannot recover (revoked or wrong app token) ends the process with
// exit code 1, so that the supervisor notices instead of a bot that silently serves nobody.
std::atomic<bool> g_fatal{false};

class SocketModeTransport final : public Transport {
public:
    SocketModeTransport(const config::Settings& s, slack::SlackApi& api, Bot& bot, metrics::Registry& registry)
        : client_(Options(s), api,
                  [&bot](const routing::Inbound& in) { return bot.Dispatch(in); }, registry) {
        bot.SetSocketModeProbe([this] { return client_.Connected(); });
    }
    void Start() override {
        client_.Start();
        logging::Get("app")->info("Socket Mode: connecting");
    }
    void Stop() override { client_.Stop(); }

private:
    static socket_mode::SocketModeClient::Options Options(const config::Settings& s) {
        socket_mode::SocketModeClient::Options o;
        o.app_token = s.secrets.app_token;
        o.handler_threads = s.server.threads;
        o.on_fatal = [](const std::string& error) {
            logging::Get("app")->critical("Socket Mode cannot connect: {}", error);
            g_fatal = true;
            kill(getpid(), SIGTERM);
        };
        return o;
    }
    socket_mode::SocketModeClient client_;
};

}  // namespace

int RunServe(const ServeOptions& options) {
    const sigset_t signals = ControlSignals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    const config::Environment env = config::ProcessEnvironment();
    std::string errors;
    auto loaded = LoadRuntimeConfig(options.config_path, env, options.port, errors);
    if (!loaded) {
        std::cerr << errors;
        return kExitUsageOrConfig;
    }
    if (options.bind) {
        auto settings = std::make_shared<config::Settings>(*loaded->settings);
        settings->server.bind = *options.bind;
        loaded->settings = settings;
    }
    const config::Settings& settings = *loaded->settings;
    if (const std::string missing = MissingSecrets(settings); !missing.empty()) {
        std::cerr << missing;
        return kExitUsageOrConfig;
    }
    logging::Format format = logging::Format::kText;
    logging::ParseFormat(settings.log.format, format);
    logging::Init(format, settings.log.level);
    const auto log = logging::Get("app");

    try {
        SystemClock clock;
        metrics::Registry registry;
        auto store = OpenStore(settings.storage);
        slack::CurlSlackApiOptions api_options;
        api_options.base_url = settings.slack.api_base_url;
        api_options.bot_token = settings.secrets.bot_token;
        api_options.total_timeout = std::chrono::milliseconds(settings.slack.timeout_ms);
        api_options.max_connections = settings.slack.max_connections;
        slack::CurlSlackApi api(api_options, registry);
        if (const std::string refused = RefusedTokenError(api, kTokenCheckBound);
            !refused.empty()) {
            log->critical("Slack refuses SLACK_BOT_TOKEN ({}): reinstall the app or set the bot "
                          "token of this workspace (xoxb-...), then start again",
                          refused);
            api.Stop();
            spdlog::shutdown();
            std::cerr << "escalation-bot: Slack refuses SLACK_BOT_TOKEN (" << refused << ")\n";
            return kExitRuntimeFailure;
        }
        bool configuration_error = false;
        if (const auto problems = PrivacyProblems(api, settings, configuration_error);
            !problems.empty()) {
            for (const std::string& problem : problems) log->critical("{}", problem);
            api.Stop();
            spdlog::shutdown();
            std::cerr << "escalation-bot: not starting: a channel that receives personal data "
                         "is not confirmed private\n";
            for (const std::string& problem : problems) std::cerr << "  " << problem << "\n";
            return configuration_error ? kExitUsageOrConfig : kExitRuntimeFailure;
        }
        // Private answers go to a request's response_url (Slack's, or the fake's in tests).
        slack::CurlResponseUrlOptions respond_options;
        respond_options.allowed_origins.push_back(slack::OriginOf(settings.slack.api_base_url));
        slack::CurlResponseUrlClient respond(respond_options, registry);
        Bot bot(*loaded, clock, *store, api, registry, {}, &respond);

        std::unique_ptr<Transport> transport;
        if (!settings.secrets.app_token.empty()) {
            transport = std::make_unique<SocketModeTransport>(settings, api, bot, registry);
        } else {
            transport = std::make_unique<HttpTransport>(settings, clock, api, bot, registry);
        }
        bot.Start();
        transport->Start();

        while (true) {
            int signal = 0;
            sigwait(&signals, &signal);
            if (signal != SIGHUP) {
                log->info("signal {}: shutting down", signal);
                break;
            }
            std::string reload_errors;
            auto reloaded = LoadRuntimeConfig(options.config_path, config::ProcessEnvironment(),
                                              options.port, reload_errors);
            if (!reloaded) {
                log->error("reload failed; keeping the running configuration:\n{}", reload_errors);
                continue;
            }
            // A reload may not send personal data to a public channel either.
            bool reload_config_error = false;
            if (const auto problems =
                    PrivacyProblems(api, *reloaded->settings, reload_config_error);
                !problems.empty()) {
                std::string lines;
                for (const std::string& problem : problems) lines += problem + "\n";
                log->error("reload refused; keeping the running configuration:\n{}", lines);
                continue;
            }
            logging::SetLevel(reloaded->settings->log.level);
            bot.Reload(std::move(*reloaded));
            log->info("configuration reloaded from {}", options.config_path.string());
        }

        transport->Stop();
        bot.Stop();
        if (!bot.DrainOutbox(kOutboxFlushBound))
            log->warn("outbox not fully flushed; pending items go out after the next start");
        api.Stop();
        // Answers still queued reach their response_url before the Bot they call back goes.
        respond.WaitIdle(std::chrono::seconds(2));
        log->info("stopped");
        spdlog::shutdown();
        return g_fatal ? kExitRuntimeFailure : kExitOk;
    } catch (const std::exception& e) {
        log->critical("fatal: {}", e.what());
        spdlog::shutdown();
        std::cerr << "escalation-bot: " << e.what() << "\n";
        return kExitRuntimeFailure;
    }
}

}  // namespace escbot::app
