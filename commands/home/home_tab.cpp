#include "commands/home/home_tab.hpp"

#include "bot/core/logging.hpp"
#include "commands/home/home_data.hpp"
#include "commands/home/home_refresh.hpp"
#include "commands/home/home_view.hpp"

namespace escbot::commands::home {

void PublishHome(storage::UnitOfWork& u, team::TeamEnv& env, const config::Settings& settings,
                 std::string_view user, TimePoint now) {
    const auto sop = env.deps.sops.Current();
    HomeInputs in{settings, sop.get(), now, std::string(user), env.directory.SeesTeam(user, settings)};
    const HomeData data = GatherHome(u, env.labels, in);
    storage::OutboxItem item;
    item.method = "views.publish";
    item.lane = HomeLane(user);
    item.args = {{"user_id", std::string(user)}, {"view", RenderHome(data, settings)}};
    u.Outbox().Enqueue(item, now);
}

void RegisterHomeTab(routing::Router& router, const std::shared_ptr<team::TeamEnv>& env) {
    router.Event("app_home_opened", [env](const routing::EventCallback& in) {
        const auto* opened = std::get_if<routing::AppHomeOpened>(&in.event);
        if (opened == nullptr || opened->tab != "home") return routing::Ack::Empty();
        const std::string& user = opened->user;
        const auto settings = env->deps.settings();
        const TimePoint now = env->deps.clock.Now();
        env->deps.store.Write([&](storage::UnitOfWork& u) {
            // Seen and handled in one transaction: a redelivery (to any replica) changes nothing,
            // and a delivery that failed here is not marked seen, so Slack's retry is handled.
            if (!in.event_id.empty() && !u.Events().FirstSeen(in.event_id, now)) return;
            u.TeamView().NoteHomeOpened(user, now);
            u.Timers().Cancel(RefreshTimerKey(user));  // this publish reads the latest state
            PublishHome(u, *env, *settings, user, now);
        });
        return routing::Ack::Empty();
    });
    env->deps.scheduler.On(std::string(kRefreshTimer),
                           [env](const storage::Timer& timer, storage::UnitOfWork& u) {
        const std::string user = RefreshTimerUser(timer.payload);
        if (user.empty()) {
            logging::Get("home")->warn("timer {} key={} has a malformed payload; dropped", timer.kind, timer.key);
            return;
        }
        const auto settings = env->deps.settings();
        PublishHome(u, *env, *settings, user, env->deps.clock.Now());
    });
}

}  // namespace escbot::commands::home
