#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tests/support/http_client/http_client.hpp"

namespace escbot::test {

/// A request as Slack would send it in HTTP mode: body, content type and the two signing
/// headers computed with a given secret and timestamp. Change a field after signing to build a
/// forged or tampered request.
struct SignedRequest {
    std::string path = "/slack/events";
    std::string content_type;
    std::string body;
    std::string timestamp;  // X-Slack-Request-Timestamp
    std::string signature;  // X-Slack-Signature
    int retry_num = 0;      // sent as X-Slack-Retry-Num when > 0

    /// The HTTP request carrying it (POST to `path`).
    HttpRequest ToHttp() const;
};

/// The fields Slack posts with a slash command, besides `command` and `text`. Defaults are
/// plausible ids; empty optional fields (enterprise_*) are left out of the form.
struct SlashCommandFields {
    std::string user_id = "U0AGENT001";
    std::string user_name = "agent.one";
    std::string channel_id = "C0SUPPORT01";
    std::string channel_name = "homeowner-support";
    std::string team_id = "T0SOLAR001";
    std::string team_domain = "solar-co";
    std::string enterprise_id = "";
    std::string enterprise_name = "";
    std::string api_app_id = "A0ESCBOT01";
    std::string is_enterprise_install = "false";
    std::string trigger_id = "13345224609.738474920.8088930838d88f008e0";
    std::string response_url =
        "https://hooks.slack.com/commands/T0SOLAR001/1234567890123/ZxCvBnMaSdFgHjKl";
    std::string token = "gIkuvaNzQIHg97ATvDxqgjtO";  // the legacy verification token (unused)
};

/// A button click (block_actions) in a message, or in a modal when `view_id` is set.
struct BlockActionFields {
    std::string user_id = "U0AGENT001";
    std::string action_id = "button";
    std::string block_id = "actions";
    std::string value = "";
    std::string channel_id = "C0SUPPORT01";
    std::string message_ts = "1700000000.000100";
    std::string view_id = "";      // set for a click inside a modal (container type "view")
    std::string callback_id = "";  // the modal's callback_id, with view_id
    std::string trigger_id = "13345224609.738474920.8088930838d88f008e1";
};

/// A modal submission (view_submission). `values` is view.state.values:
/// {block_id: {action_id: {"type": ..., "value": ...}}}.
struct ViewSubmissionFields {
    std::string user_id = "U0AGENT001";
    std::string callback_id = "view";
    std::string view_id = "V0MODAL001";
    std::string private_metadata = "";
    nlohmann::json values = nlohmann::json::object();
    std::string trigger_id = "13345224609.738474920.8088930838d88f008e2";
};

/// Percent-encodes one form component as Slack does: unreserved characters stay, ' ' becomes
/// '+', everything else "%XX" ("/escalate" -> "%2Fescalate").
std::string FormEncode(std::string_view text);

/// The form body of a slash command with all of Slack's fields.
std::string SlashCommandForm(std::string_view command, std::string_view text,
                             const SlashCommandFields& fields = {});
/// "payload=" + the form-encoded JSON, as Slack posts interactions.
std::string InteractionForm(const nlohmann::json& payload);

/// Realistic payloads in Slack's wire shape (bolt-python fixtures).
nlohmann::json BlockActionPayload(const BlockActionFields& fields = {});
nlohmann::json ViewSubmissionPayload(const ViewSubmissionFields& fields = {});
/// An event_callback envelope around `event` (e.g. {"type":"app_home_opened","user":"U1",...}).
nlohmann::json EventCallback(nlohmann::json event, std::string event_id = "Ev0TEST0001");
nlohmann::json UrlVerification(std::string challenge);

/// Signs an arbitrary body (v0 HMAC-SHA256 of "v0:<timestamp>:<body>").
SignedRequest SignRequest(std::string_view secret, std::string_view timestamp,
                          std::string content_type, std::string body);
SignedRequest SlashCommandRequest(std::string_view secret, std::string_view timestamp,
                                  std::string_view command, std::string_view text,
                                  const SlashCommandFields& fields = {});
SignedRequest InteractionRequest(std::string_view secret, std::string_view timestamp,
                                 const nlohmann::json& payload);
SignedRequest EventRequest(std::string_view secret, std::string_view timestamp,
                           const nlohmann::json& envelope);

}  // namespace escbot::test
