#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/core/clock.hpp"
#include "tests/support/http_client/http_client.hpp"
#include "tests/support/http_client/slack_requests.hpp"

namespace escbot::test {

/// Drives the bot over real HTTP the way Slack does: each call builds the request Slack would
/// send, signs it with `secret` at the clock's current time and POSTs it on one keep-alive
/// connection. For example:
///     test::SlackHttpClient slack(server.port(), kSecret, clock);
///     auto r = slack.SlashCommand("/escalate", "Jane Doe", {.user_id = "U1"});
///     auto s = slack.ViewSubmission(test::ViewSubmissionPayload({.callback_id = "qualify"}));
/// Throws std::runtime_error when the server does not answer in time. Not thread-safe.
class SlackHttpClient {
public:
    /// Timestamps come from the system clock.
    SlackHttpClient(std::uint16_t port, std::string secret);
    /// Timestamps come from `clock` (a ManualClock shared with the bot); it must outlive this.
    SlackHttpClient(std::uint16_t port, std::string secret, const Clock& clock);

    HttpResponse SlashCommand(std::string_view command, std::string_view text,
                              const SlashCommandFields& fields = {});
    /// Posts `payload` (see BlockActionPayload) as an interaction; sets "type" when missing.
    HttpResponse BlockAction(nlohmann::json payload);
    /// Posts `payload` (see ViewSubmissionPayload); sets "type" when missing.
    HttpResponse ViewSubmission(nlohmann::json payload);
    /// Posts a view_closed interaction; sets "type" when missing.
    HttpResponse ViewClosed(nlohmann::json payload);
    /// Posts any interaction payload as it is.
    HttpResponse Interaction(const nlohmann::json& payload);
    /// Posts an Events API body (see EventCallback, UrlVerification) as JSON.
    HttpResponse Event(const nlohmann::json& envelope);
    /// Sends a prepared request (possibly tampered with after signing) as it is, to its own path.
    HttpResponse Send(const SignedRequest& request);

    /// The X-Slack-Request-Timestamp the next request will carry.
    std::string Timestamp() const;
    /// The path requests go to (default /slack/events; /slack/commands and
    /// /slack/interactivity are the bot's aliases).
    void set_path(std::string path) { path_ = std::move(path); }
    const std::string& secret() const { return secret_; }
    /// The underlying connection, for raw requests.
    HttpClient& http() { return http_; }

    /// Gives each request a response_url of its own, as Slack does: a slash command's or click's
    /// default https://hooks.slack.com/... URL is replaced with `issue(kind, channel, user)`
    /// ("commands" or "actions"), e.g. FakeSlackServer::NewResponseUrl. URLs set otherwise stay.
    using ResponseUrlIssuer =
        std::function<std::string(std::string_view kind, const std::string& channel, const std::string& user)>;
    void set_response_urls(ResponseUrlIssuer issue) { issue_response_url_ = std::move(issue); }

private:
    HttpResponse Post(SignedRequest request);

    std::string secret_;
    const Clock& clock_;
    std::string path_ = "/slack/events";
    HttpClient http_;
    ResponseUrlIssuer issue_response_url_;
};

}  // namespace escbot::test
