#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "storage/models.hpp"

namespace escbot::commands::escalation {

// Outbox items for the escalation flow's messages. `message` is {"text", "blocks"} from a view
// builder; the items are enqueued in the transaction of the state change that causes them.

/// chat.postMessage to a channel; `result_key` stores where it landed (for replies and updates).
storage::OutboxItem ChannelPost(const std::string& channel, nlohmann::json message,
                                std::string lane, std::string result_key = {},
                                std::string notify_user = {});

/// chat.postMessage in the thread whose root was stored under `thread_key` (its channel too).
storage::OutboxItem ThreadReply(std::string thread_key, nlohmann::json message, std::string lane,
                                std::string notify_user = {});

/// chat.update of the message stored under `ts_key`.
storage::OutboxItem MessageUpdate(std::string ts_key, nlohmann::json message, std::string lane);

/// chat.postMessage to a user's DM with the bot.
storage::OutboxItem DirectMessage(const std::string& user, nlohmann::json message, std::string lane,
                                  std::string result_key = {});

}  // namespace escbot::commands::escalation
