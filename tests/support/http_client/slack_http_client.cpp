#include "tests/support/http_client/slack_http_client.hpp"

namespace escbot::test {
namespace {

const Clock& WallClock() {
    static const SystemClock clock;
    return clock;
}

bool IsSlackHook(const nlohmann::json& url) {
    return url.is_string() && url.get<std::string>().rfind("https://hooks.slack.com/", 0) == 0;
}

std::string StringAt(const nlohmann::json& j, const char* object, const char* key) {
    if (!j.contains(object) || !j[object].is_object()) return {};
    return j[object].value(key, "");
}

nlohmann::json WithType(nlohmann::json payload, std::string_view type) {
    if (payload.is_object() && !payload.contains("type")) payload["type"] = type;
    return payload;
}

}  // namespace

SlackHttpClient::SlackHttpClient(std::uint16_t port, std::string secret)
    : SlackHttpClient(port, std::move(secret), WallClock()) {}

SlackHttpClient::SlackHttpClient(std::uint16_t port, std::string secret, const Clock& clock)
    : secret_(std::move(secret)), clock_(clock), http_(port) {}

std::string SlackHttpClient::Timestamp() const { return std::to_string(ToUnix(clock_.Now())); }

HttpResponse SlackHttpClient::SlashCommand(std::string_view command, std::string_view text,
                                           const SlashCommandFields& fields) {
    SlashCommandFields sent = fields;
    if (issue_response_url_ && IsSlackHook(sent.response_url)) {
        sent.response_url = issue_response_url_("commands", sent.channel_id, sent.user_id);
    }
    return Post(SlashCommandRequest(secret_, Timestamp(), command, text, sent));
}

HttpResponse SlackHttpClient::BlockAction(nlohmann::json payload) {
    return Interaction(WithType(std::move(payload), "block_actions"));
}

HttpResponse SlackHttpClient::ViewSubmission(nlohmann::json payload) {
    return Interaction(WithType(std::move(payload), "view_submission"));
}

HttpResponse SlackHttpClient::ViewClosed(nlohmann::json payload) {
    return Interaction(WithType(std::move(payload), "view_closed"));
}

HttpResponse SlackHttpClient::Interaction(const nlohmann::json& payload) {
    if (issue_response_url_ && payload.is_object() && payload.contains("response_url") &&
        IsSlackHook(payload["response_url"])) {
        nlohmann::json sent = payload;
        std::string channel = StringAt(payload, "channel", "id");
        if (channel.empty()) channel = StringAt(payload, "container", "channel_id");
        sent["response_url"] = issue_response_url_("actions", channel, StringAt(payload, "user", "id"));
        return Post(InteractionRequest(secret_, Timestamp(), sent));
    }
    return Post(InteractionRequest(secret_, Timestamp(), payload));
}

HttpResponse SlackHttpClient::Event(const nlohmann::json& envelope) {
    return Post(EventRequest(secret_, Timestamp(), envelope));
}

HttpResponse SlackHttpClient::Send(const SignedRequest& request) {
    return http_.Send(request.ToHttp());
}

HttpResponse SlackHttpClient::Post(SignedRequest request) {
    request.path = path_;
    return http_.Send(request.ToHttp());
}

}  // namespace escbot::test
