#include "tests/support/http_client/slack_http_client.hpp"

namespace escbot::test {
namespace {

const Clock& WallClock() {
    static const SystemClock clock;
    return clock;
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
    return Post(SlashCommandRequest(secret_, Timestamp(), command, text, fields));
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
