#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace escbot::routing {

/// What a handler answers within Slack's 3 seconds: the HTTP response body, or the Socket Mode
/// ack payload. Empty means a bare 200. Handlers build one with the named constructors.
class Ack {
public:
    enum class Kind { kEmpty, kMessage, kViewResponse, kJson };

    static Ack Empty() { return Ack(Kind::kEmpty, nullptr); }
    /// A reply only the user sees. For slash commands it is the response body; for button clicks
    /// the app posts it to the click's response_url (Slack ignores a block_actions body).
    static Ack Ephemeral(std::string text) {
        return Ack(Kind::kMessage, {{"response_type", "ephemeral"}, {"text", std::move(text)}});
    }
    /// A full message object (`text`, `blocks`, `response_type`).
    static Ack Message(nlohmann::json message) { return Ack(Kind::kMessage, std::move(message)); }
    /// view_submission: inline errors keyed by block_id.
    static Ack Errors(const std::map<std::string, std::string>& by_block_id) {
        return Ack(Kind::kViewResponse, {{"response_action", "errors"}, {"errors", by_block_id}});
    }
    static Ack UpdateView(nlohmann::json view) {
        return Ack(Kind::kViewResponse, {{"response_action", "update"}, {"view", std::move(view)}});
    }
    static Ack PushView(nlohmann::json view) {
        return Ack(Kind::kViewResponse, {{"response_action", "push"}, {"view", std::move(view)}});
    }
    static Ack ClearViews() { return Ack(Kind::kViewResponse, {{"response_action", "clear"}}); }
    /// Any other JSON body (url_verification's challenge).
    static Ack Json(nlohmann::json body) { return Ack(Kind::kJson, std::move(body)); }

    Kind kind() const { return kind_; }
    bool IsEmpty() const { return kind_ == Kind::kEmpty; }
    /// The body to send; null when empty.
    const nlohmann::json& payload() const { return payload_; }

private:
    Ack(Kind kind, nlohmann::json payload) : kind_(kind), payload_(std::move(payload)) {}

    Kind kind_;
    nlohmann::json payload_;
};

}  // namespace escbot::routing
