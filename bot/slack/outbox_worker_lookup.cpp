// The OutboxWorker's lookups: before a post whose outcome is unknown goes again, the worker
// reads the conversation for it (outbox_lookup.hpp). The item's lane, and for a post its
// channel's pacing slot, stay taken from the first page to the send that may follow.

#include <spdlog/logger.h>

#include "bot/core/logging.hpp"
#include "bot/slack/outbox_worker.hpp"
#include "bot/slack/outbox_worker_shared.hpp"
#include "bot/slack/token_pause.hpp"

namespace escbot::slack {
namespace {

using SteadyClock = std::chrono::steady_clock;

}  // namespace

void OutboxWorker::StartLookup(storage::OutboxItem item) {
    auto lookup = std::make_shared<MessageLookup>(item, options_.lookup);
    CallLookup(std::move(item), std::move(lookup));
}

void OutboxWorker::CallLookup(storage::OutboxItem item, std::shared_ptr<MessageLookup> lookup) {
    in_flight_lanes_.insert(item.lane);
    CallOptions options;
    options.max_attempts = 1;  // a failed page fails the lookup; it is retried through storage
    api_.Call(lookup->Method(), lookup->Args(), options,
              [shared = shared_, item = std::move(item), lookup](const ApiResult& result) {
                  shared->Add(Finished{item, result, SteadyClock::now(), lookup});
              });
}

void OutboxWorker::OnLookupAnswer(const Finished& finished) {
    const storage::OutboxItem& item = finished.item;
    const MessageLookup::Step step = finished.lookup->OnAnswer(finished.result);
    auto count = [&](const char* result) {
        registry_
            .GetCounter("escbot_outbox_lookups_total",
                        "Looking up a post whose outcome was unknown, by result.",
                        {{"result", result}})
            .Inc();
    };
    if (step.kind == MessageLookup::Step::Kind::kContinue) {
        CallLookup(item, finished.lookup);
        return;
    }
    if (step.kind == MessageLookup::Step::Kind::kNotFound) {
        count(step.note.empty() ? "not_found" : "unreadable");
        if (!step.note.empty()) {
            Log()->warn("outbox item={} cannot be looked up ({}): sending it again may post it "
                        "twice; give the app the scopes of the manifest in deploy/",
                        item.id, step.note);
        }
        const bool exhausted = options_.max_attempts > 0 && item.attempts >= options_.max_attempts;
        if (!exhausted) {
            Log()->info("outbox item={} not found in {} page(s): sending it", item.id,
                        finished.lookup->pages_read());
            Send(item);  // the lane and the channel's slot stay taken
            return;
        }
        in_flight_lanes_.erase(item.lane);
        FreeChannelSlot(item, finished.answered_at);
        try {
            RecordFailed(item, item.last_error.empty() ? "unknown_error" : item.last_error,
                         item.attempts);
        } catch (const std::exception& e) {
            Log()->error("outbox item={} outcome not recorded: {}", item.id, e.what());
        }
        return;
    }

    in_flight_lanes_.erase(item.lane);
    FreeChannelSlot(item, finished.answered_at);
    try {
        if (step.kind == MessageLookup::Step::Kind::kFound) {
            count("found");
            Log()->info("outbox item={} found in Slack (ts={}): not sent again", item.id, step.ts);
            std::optional<storage::MessageRef> ref;
            if (!item.result_key.empty()) {
                ref = storage::MessageRef{item.result_key, step.channel, step.ts};
            }
            RecordSent(item, ref, "found");
            return;
        }
        count("failed");
        const ApiResult& failure = step.failure;
        const std::string error =
            "lookup:" + (failure.error.empty() ? std::string("unknown_error") : failure.error);
        if (IsTokenWideError(failure.error)) {
            if (token_pause_.OnTokenError(failure.error, finished.answered_at)) {
                shared_->paused.store(true);
                Log()->error("Slack refuses the bot token ({}): the outbox is paused", failure.error);
            }
            return;
        }
        const auto delay = RetryDelay(failure, item.attempts + 1);
        const TimePoint now = clock_.Now();
        store_.WriteTx(
            [&](storage::UnitOfWork& uow) { uow.Outbox().MarkRetry(item.id, now + delay, error); });
        Log()->info("outbox item={} lookup failed: {}; again in {}s", item.id, error,
                    delay.count());
    } catch (const std::exception& e) {
        Log()->error("outbox item={} lookup outcome not recorded: {}", item.id, e.what());
    }
}

}  // namespace escbot::slack
