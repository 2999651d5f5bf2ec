#include "commands/escalation/outbox_items.hpp"

namespace escbot::commands::escalation {
namespace {

nlohmann::json Args(nlohmann::json message) {
    nlohmann::json args = nlohmann::json::object();
    if (message.is_object()) {
        for (auto& [key, value] : message.items()) args[key] = std::move(value);
    }
    return args;
}

}  // namespace

storage::OutboxItem ChannelPost(const std::string& channel, nlohmann::json message,
                                std::string lane, std::string result_key, std::string notify_user) {
    storage::OutboxItem item;
    item.method = "chat.postMessage";
    item.args = Args(std::move(message));
    item.args["channel"] = channel;
    item.lane = std::move(lane);
    item.result_key = std::move(result_key);
    item.notify_user = std::move(notify_user);
    return item;
}

storage::OutboxItem ThreadReply(std::string thread_key, nlohmann::json message, std::string lane,
                                std::string notify_user) {
    storage::OutboxItem item;
    item.method = "chat.postMessage";
    item.args = Args(std::move(message));  // channel and thread_ts come from the root's ref
    item.lane = std::move(lane);
    item.thread_key = std::move(thread_key);
    item.notify_user = std::move(notify_user);
    return item;
}

storage::OutboxItem MessageUpdate(std::string ts_key, nlohmann::json message, std::string lane) {
    storage::OutboxItem item;
    item.method = "chat.update";
    item.args = Args(std::move(message));  // channel and ts come from the message's ref
    item.lane = std::move(lane);
    item.ts_key = std::move(ts_key);
    return item;
}

storage::OutboxItem DirectMessage(const std::string& user, nlohmann::json message, std::string lane,
                                  std::string result_key) {
    storage::OutboxItem item;
    item.method = "chat.postMessage";
    item.args = Args(std::move(message));
    item.args["channel"] = user;
    item.lane = std::move(lane);
    item.result_key = std::move(result_key);
    return item;
}

}  // namespace escbot::commands::escalation
