#include "bot/app/bot.hpp"

#include <thread>

#include "bot/core/logging.hpp"
#include "commands/registry.hpp"

namespace escbot::app {
namespace {

constexpr const char* kPruneTimer = "maintenance.prune";
constexpr Seconds kPruneEvery{3600};
// Slack retries an event for about 5 minutes; a day of ids is plenty.
constexpr Seconds kKeepEventIds{86400};
// Sent and failed outbox items keep message text (personal data): keep them a week for support.
constexpr Seconds kKeepFinishedOutbox{7 * 86400};

slack::OutboxWorkerOptions WithPauseReport(slack::OutboxWorkerOptions options,
                                           std::function<void(const slack::TokenPauseReport&)> report) {
    options.on_token_pause_ended = std::move(report);
    return options;
}

}  // namespace

Bot::Bot(RuntimeConfig config, const Clock& clock, storage::Store& store, slack::SlackApi& slack,
         metrics::Registry& metrics, slack::OutboxWorkerOptions outbox_options,
         slack::ResponseUrlClient* respond)
    : clock_(clock),
      store_(store),
      settings_(std::move(config.settings)),
      scheduler_(store, clock),
      replies_(store, clock, respond),
      outbox_(store, slack, clock, metrics,
              WithPauseReport(std::move(outbox_options),
                              [this](const slack::TokenPauseReport& r) { OnTokenPauseEnded(r); })),
      watchdog_(store, clock, metrics, [this] { return settings_.Get(); },
                {.socket_connected = {}, .token_refused = [this] { return outbox_.Paused(); }}),
      deps_{clock, store, slack, scheduler_, metrics, [this] { return settings_.Get(); }, sops_,
            &replies_} {
    store_.SetOnOutboxCommit([this] { outbox_.Notify(); });
    sops_.Add(std::move(config.escalation_sop));
    // Events are de-duplicated by their handlers, in the transaction of their effect
    // (commands/home/home_tab.cpp): marking one seen in a transaction of its own, before its
    // handler's, lost it when the handler then failed (Slack's retry looked like a duplicate).
    router_.SetEphemeralSink(
        [this](const routing::Inbound& in, const nlohmann::json& message) { DeliverEphemeral(in, message); });
    commands::RegisterAll(router_, deps_);
    RegisterMaintenance();
}

Bot::~Bot() {
    Stop();
    store_.SetOnOutboxCommit({});  // the store outlives this Bot
}

void Bot::Start() {
    outbox_.Start();
    scheduler_.Start();
    watchdog_.Start();
}

void Bot::Stop() {
    watchdog_.Stop();
    scheduler_.Stop();
    outbox_.Stop();
}

std::string Bot::HealthDetail() const {
    const auto open = watchdog_.OpenChecks();
    if (open.empty()) return "watchdog: ok";
    std::string text = "watchdog:";
    for (std::size_t i = 0; i < open.size(); ++i) text += (i ? ", " : " ") + open[i];
    return text;
}

bool Bot::DrainOutbox(std::chrono::milliseconds bound) { return outbox_.Drain(bound); }

void Bot::Pump(std::chrono::milliseconds wait) {
    scheduler_.RunDue();
    // Each round records the previous round's results and sends what they unblocked (thread
    // replies waiting for their root's ts).
    const auto give_up = std::chrono::steady_clock::now() + wait;
    for (int round = 0; round < 10'000; ++round) {
        const int started = outbox_.RunOnce();
        if (started == 0 && outbox_.InFlight() == 0) break;
        if (started == 0) {
            if (std::chrono::steady_clock::now() > give_up) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
}

void Bot::Reload(RuntimeConfig config) {
    const auto added = sops_.Add(config.escalation_sop);
    if (added == config::sop::SopCatalog::AddResult::kVersionConflict) {
        logging::Get("app")->error(
            "reload: SOP {} changed without a new version; keeping the SOP already loaded",
            config.escalation_sop->version);
    }
    settings_.Set(std::move(config.settings));
}

// A reply to a button click only its clicker should see: Slack ignores the ack body of
// block_actions, so it goes to the click's response_url, which works in any conversation (a DM
// between people included); without one, or when Slack refuses it, chat.postEphemeral in that
// channel (a DM from a modal or a direct message) through the outbox.
void Bot::DeliverEphemeral(const routing::Inbound& in, const nlohmann::json& message) {
    const std::string user = routing::UserId(in);
    if (user.empty()) return;
    replies_.Send({routing::ResponseUrl(in), routing::ChannelId(in), user}, message);
}

// Slack accepts the token again: the admin channel hears what happened, now that a message can
// reach it (the log and the metric said so while it lasted).
void Bot::OnTokenPauseEnded(const slack::TokenPauseReport& report) {
    const auto settings = settings_.Get();
    if (!settings || settings->channels.admin.empty()) return;
    storage::OutboxItem item;
    item.method = "chat.postMessage";
    item.args = {{"channel", settings->channels.admin}, {"text", slack::TokenPauseNotice(report)}};
    item.lane = "admin:" + settings->channels.admin;
    store_.Write([&](storage::UnitOfWork& u) { u.Outbox().Enqueue(item, clock_.Now()); });
}

void Bot::RegisterMaintenance() {
    scheduler_.On(kPruneTimer, [this](const storage::Timer&, storage::UnitOfWork& u) {
        const TimePoint now = clock_.Now();
        u.Events().Prune(now - kKeepEventIds);
        u.Outbox().PruneFinished(now - kKeepFinishedOutbox);
        u.Timers().Schedule({0, kPruneTimer, kPruneTimer, now + kPruneEvery, nlohmann::json::object()});
    });
    store_.Write([&](storage::UnitOfWork& u) {
        if (!u.Timers().Find(kPruneTimer))
            u.Timers().Schedule({0, kPruneTimer, kPruneTimer, clock_.Now() + kPruneEvery, nlohmann::json::object()});
    });
}

}  // namespace escbot::app
