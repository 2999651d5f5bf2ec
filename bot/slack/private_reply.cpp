#include "bot/slack/private_reply.hpp"

#include "bot/core/logging.hpp"

namespace escbot::slack {

storage::OutboxItem PrivateReplies::FallbackItem(const ReplyTarget& to, const nlohmann::json& message) {
    storage::OutboxItem item;
    item.args = {{"text", message.value("text", "")}};
    if (message.contains("blocks")) item.args["blocks"] = message["blocks"];
    if (to.channel.empty() || to.channel[0] == 'D') {
        // A DM: the bot's own with this person shows it as well as an ephemeral would.
        item.method = "chat.postMessage";
        item.args["channel"] = to.user;
        item.lane = "dm:" + to.user;
    } else {
        item.method = "chat.postEphemeral";
        item.args["channel"] = to.channel;
        item.args["user"] = to.user;
        item.lane = "ephemeral:" + to.channel;
    }
    return item;
}

void PrivateReplies::Send(const ReplyTarget& to, const nlohmann::json& message) {
    if (to.user.empty() && to.response_url.empty()) return;
    if (client_ == nullptr) {
        Fallback(to, message);
        return;
    }
    if (to.response_url.empty()) {
        client_->Run([this, to, message] { Fallback(to, message); });
        return;
    }
    nlohmann::json body = {{"response_type", "ephemeral"},
                           {"replace_original", false},
                           {"text", message.value("text", "")}};
    if (message.contains("blocks")) body["blocks"] = message["blocks"];
    client_->Post(to.response_url, std::move(body), [this, to, message](const ApiResult& result) {
        if (result.ok()) return;
        logging::Get("respond")->info("answer to user={} goes through the outbox: response_url {}",
                                      to.user, result.error);
        Fallback(to, message);
    });
}

void PrivateReplies::Fallback(const ReplyTarget& to, const nlohmann::json& message) {
    if (to.user.empty()) return;
    try {
        const storage::OutboxItem item = FallbackItem(to, message);
        store_.Write([&](storage::UnitOfWork& u) { u.Outbox().Enqueue(item, clock_.Now()); });
    } catch (const std::exception& e) {
        logging::Get("respond")->error("answer to user={} lost: {}", to.user, e.what());
    }
}

}  // namespace escbot::slack
