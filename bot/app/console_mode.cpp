#include "bot/app/console_mode.hpp"

#include "bot/app/bot.hpp"
#include "bot/app/cli.hpp"
#include "bot/app/open_store.hpp"
#include "bot/console/console_session.hpp"
#include "bot/console/console_surface.hpp"
#include "bot/core/logging.hpp"

namespace escbot::app {
namespace {

std::map<std::string, std::string> ChannelNames(const config::ChannelSettings& channels) {
    std::map<std::string, std::string> names;
    auto add = [&](const std::string& id, const char* name) {
        if (!id.empty()) names[id] = name;
    };
    add(channels.resolution_team, "resolution-team");
    add(channels.live_escalation, "live-escalation");
    add(channels.concert_confirmation, "concert-confirmation");
    add(channels.back_office, "back-office");
    return names;
}

}  // namespace

int RunConsole(const ConsoleOptions& options, std::istream& in, std::ostream& out, std::ostream& err) {
    std::string errors;
    auto loaded = LoadRuntimeConfig(options.config_path, config::ProcessEnvironment(), std::nullopt, errors);
    if (!loaded) {
        err << errors;
        return kExitUsageOrConfig;
    }
    // The terminal is the user interface: only problems are logged, to stderr.
    logging::Init(logging::Format::kText, "warn");
    try {
        OffsetClock clock;
        metrics::Registry registry;
        auto store = OpenStore(loaded->settings->storage);
        console::ConsoleSurface surface(out, ChannelNames(loaded->settings->channels));
        slack::OutboxWorkerOptions outbox_options;
        outbox_options.channel_post_interval = std::chrono::milliseconds(0);
        Bot bot(*loaded, clock, *store, surface, registry, outbox_options);

        console::ConsoleSession::Options session_options;
        session_options.user_id = options.user_id;
        session_options.now_text = [&clock, settings = loaded->settings] {
            return settings->business_calendar.FormatForPeople(clock.Now());
        };
        console::ConsoleSession session(
            bot.router(), surface, in, out, session_options, [&bot] { bot.Pump(); },
            [&clock, settings = loaded->settings](const config::Duration& d) {
                // Business units count on the business calendar, as promises do.
                const TimePoint now = clock.Now();
                const auto moved = settings->business_calendar.Add(now, d) - now;
                clock.Advance(moved);
                return moved;
            });
        bot.Pump();  // what fell due while the bot was not running
        return session.Run();
    } catch (const std::exception& e) {
        err << "escalation-bot: " << e.what() << "\n";
        return kExitRuntimeFailure;
    }
}

}  // namespace escbot::app
