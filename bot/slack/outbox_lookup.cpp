#include "bot/slack/outbox_lookup.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "bot/slack/token_pause.hpp"

namespace escbot::slack {
namespace {

std::string StringArg(const nlohmann::json& args, const char* key) {
    if (!args.is_object()) return {};
    const auto it = args.find(key);
    return it != args.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool IsUserId(std::string_view id) { return !id.empty() && (id[0] == 'U' || id[0] == 'W'); }

// A Slack timestamp ("1700000000.000000") `margin` before `t`, never before the epoch.
std::string OldestTs(TimePoint t, std::chrono::seconds margin) {
    const long long seconds = std::max<long long>(0, ToUnix(t) - margin.count());
    char text[32];
    std::snprintf(text, sizeof text, "%lld.000000", seconds);
    return text;
}

}  // namespace

void AddOutboxMetadata(nlohmann::json& args, long long item_id) {
    args["metadata"] = {{"event_type", kOutboxEventType}, {"event_payload", {{"item", item_id}}}};
}

long long OutboxItemOf(const nlohmann::json& message) {
    if (!message.is_object()) return 0;
    const auto metadata = message.find("metadata");
    if (metadata == message.end() || !metadata->is_object()) return 0;
    if (StringArg(*metadata, "event_type") != kOutboxEventType) return 0;
    const auto payload = metadata->find("event_payload");
    if (payload == metadata->end() || !payload->is_object()) return 0;
    const auto item = payload->find("item");
    if (item == payload->end()) return 0;
    if (item->is_number_integer()) return item->get<long long>();
    if (item->is_string()) {
        try {
            return std::stoll(item->get<std::string>());
        } catch (const std::exception&) {
            return 0;
        }
    }
    return 0;
}

bool OutcomeUnknown(const ApiResult& result) {
    switch (result.kind) {
        case ApiResult::Kind::kOk:
        case ApiResult::Kind::kRateLimited:
            return false;
        case ApiResult::Kind::kHttp:
            return true;
        case ApiResult::Kind::kTransport: {
            // Refused before anything reached Slack (the call queue's own refusals, and libcurl's
            // texts for a connection that never opened).
            static constexpr std::array<std::string_view, 4> kNeverSent = {
                "queue_full", "Couldn't connect to server", "Couldn't resolve host name",
                "Couldn't resolve proxy name"};
            return std::find(kNeverSent.begin(), kNeverSent.end(), result.error) ==
                   kNeverSent.end();
        }
        case ApiResult::Kind::kPlatform: {
            static constexpr std::array<std::string_view, 4> kMaybeTaken = {
                "internal_error", "fatal_error", "service_unavailable", "request_timeout"};
            return std::find(kMaybeTaken.begin(), kMaybeTaken.end(), result.error) !=
                   kMaybeTaken.end();
        }
    }
    return true;
}

MessageLookup::MessageLookup(const storage::OutboxItem& item, LookupOptions options)
    : item_id_(item.id),
      channel_(StringArg(item.args, "channel")),
      thread_ts_(StringArg(item.args, "thread_ts")),
      oldest_(OldestTs(item.first_attempt_at.value_or(item.created_at), options.margin)),
      options_(options),
      phase_(IsUserId(channel_) ? Phase::kOpenDm : Phase::kRead) {}

std::string MessageLookup::Method() const {
    if (phase_ == Phase::kOpenDm) return "conversations.open";
    return thread_ts_.empty() ? "conversations.history" : "conversations.replies";
}

nlohmann::json MessageLookup::Args() const {
    if (phase_ == Phase::kOpenDm) return {{"users", channel_}};
    nlohmann::json args = {{"channel", channel_},
                           {"oldest", oldest_},
                           {"inclusive", true},
                           {"include_all_metadata", true},
                           {"limit", options_.page_size}};
    if (!thread_ts_.empty()) args["ts"] = thread_ts_;
    if (!cursor_.empty()) args["cursor"] = cursor_;
    return args;
}

MessageLookup::Step MessageLookup::OnAnswer(const ApiResult& result) {
    Step step;
    if (!result.ok()) {
        if (IsRetryable(result) || result.error.empty()) {
            step.kind = Step::Kind::kFailed;
            step.failure = result;
            return step;
        }
        // An answer that cannot change (channel_not_found, not_in_channel, thread_not_found,
        // missing_scope, ...): the post will meet the same fate, or the bot cannot read the
        // conversation; either way nothing better than sending is left. A token-wide refusal
        // is a failure: the worker pauses.
        // missing_scope here means the history scopes only (an app installed before them): it
        // says nothing of the token's other methods.
        if (IsTokenWideError(result.error) && result.error != "missing_scope") {
            step.kind = Step::Kind::kFailed;
            step.failure = result;
            return step;
        }
        step.kind = Step::Kind::kNotFound;
        step.note = Method() + " " + result.error;
        return step;
    }
    if (phase_ == Phase::kOpenDm) {
        const auto channel = result.body.find("channel");
        std::string id;
        if (channel != result.body.end() && channel->is_object()) id = StringArg(*channel, "id");
        if (id.empty()) {
            step.kind = Step::Kind::kNotFound;
            step.note = "conversations.open answered no channel id";
            return step;
        }
        channel_ = std::move(id);
        phase_ = Phase::kRead;
        return step;  // kContinue
    }
    ++pages_;
    const auto messages = result.body.find("messages");
    if (messages != result.body.end() && messages->is_array()) {
        for (const auto& message : *messages) {
            if (OutboxItemOf(message) != item_id_) continue;
            step.kind = Step::Kind::kFound;
            step.channel = channel_;
            step.ts = StringArg(message, "ts");
            if (!step.ts.empty()) return step;
        }
    }
    std::string next;
    if (const auto meta = result.body.find("response_metadata");
        meta != result.body.end() && meta->is_object()) {
        next = StringArg(*meta, "next_cursor");
    }
    if (next.empty() || pages_ >= options_.max_pages) {
        step.kind = Step::Kind::kNotFound;
        if (!next.empty()) step.note = "gave up after " + std::to_string(pages_) + " pages";
        return step;
    }
    cursor_ = std::move(next);
    return step;  // kContinue
}

}  // namespace escbot::slack
