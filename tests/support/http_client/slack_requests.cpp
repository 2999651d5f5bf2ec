#include "tests/support/http_client/slack_requests.hpp"

#include "bot/verify/signature.hpp"

namespace escbot::test {
namespace {

constexpr std::string_view kFormType = "application/x-www-form-urlencoded";
constexpr std::string_view kJsonType = "application/json";

void AppendField(std::string& form, std::string_view name, std::string_view value) {
    if (!form.empty()) form.push_back('&');
    form.append(name).push_back('=');
    form.append(FormEncode(value));
}

}  // namespace

HttpRequest SignedRequest::ToHttp() const {
    HttpRequest request;
    request.method = "POST";
    request.target = path;
    request.body = body;
    if (!content_type.empty()) request.headers.emplace_back("Content-Type", content_type);
    if (!timestamp.empty()) request.headers.emplace_back("X-Slack-Request-Timestamp", timestamp);
    if (!signature.empty()) request.headers.emplace_back("X-Slack-Signature", signature);
    if (retry_num > 0) {
        request.headers.emplace_back("X-Slack-Retry-Num", std::to_string(retry_num));
        request.headers.emplace_back("X-Slack-Retry-Reason", "http_timeout");
    }
    return request;
}

std::string FormEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                                (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' ||
                                byte == '.' || byte == '*';
        if (unreserved) {
            out.push_back(c);
        } else if (byte == ' ') {
            out.push_back('+');
        } else {
            out.push_back('%');
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 0x0f]);
        }
    }
    return out;
}

std::string SlashCommandForm(std::string_view command, std::string_view text,
                             const SlashCommandFields& fields) {
    std::string form;
    AppendField(form, "token", fields.token);
    AppendField(form, "team_id", fields.team_id);
    AppendField(form, "team_domain", fields.team_domain);
    if (!fields.enterprise_id.empty()) AppendField(form, "enterprise_id", fields.enterprise_id);
    if (!fields.enterprise_name.empty())
        AppendField(form, "enterprise_name", fields.enterprise_name);
    AppendField(form, "channel_id", fields.channel_id);
    AppendField(form, "channel_name", fields.channel_name);
    AppendField(form, "user_id", fields.user_id);
    AppendField(form, "user_name", fields.user_name);
    AppendField(form, "command", command);
    AppendField(form, "text", text);
    AppendField(form, "api_app_id", fields.api_app_id);
    AppendField(form, "is_enterprise_install", fields.is_enterprise_install);
    AppendField(form, "response_url", fields.response_url);
    AppendField(form, "trigger_id", fields.trigger_id);
    return form;
}

std::string InteractionForm(const nlohmann::json& payload) {
    return "payload=" + FormEncode(payload.dump());
}

nlohmann::json BlockActionPayload(const BlockActionFields& fields) {
    const nlohmann::json team = {{"id", "T0SOLAR001"}, {"domain", "solar-co"}};
    const nlohmann::json user = {{"id", fields.user_id},
                                 {"username", "agent.one"},
                                 {"name", "agent.one"},
                                 {"team_id", "T0SOLAR001"}};
    nlohmann::json action = {
        {"action_id", fields.action_id},
        {"block_id", fields.block_id},
        {"text", {{"type", "plain_text"}, {"text", "Button"}, {"emoji", true}}},
        {"type", "button"},
        {"action_ts", "1700000001.000200"}};
    if (!fields.value.empty()) action["value"] = fields.value;

    nlohmann::json payload = {{"type", "block_actions"},
                              {"user", user},
                              {"api_app_id", "A0ESCBOT01"},
                              {"token", "gIkuvaNzQIHg97ATvDxqgjtO"},
                              {"trigger_id", fields.trigger_id},
                              {"team", team},
                              {"enterprise", nullptr},
                              {"is_enterprise_install", false},
                              {"actions", nlohmann::json::array({action})}};
    if (fields.view_id.empty()) {
        payload["container"] = {{"type", "message"},
                                {"message_ts", fields.message_ts},
                                {"channel_id", fields.channel_id},
                                {"is_ephemeral", false}};
        payload["channel"] = {{"id", fields.channel_id}, {"name", "homeowner-support"}};
        payload["message"] = {
            {"type", "message"}, {"ts", fields.message_ts}, {"user", "U0BOT0001"}};
        payload["response_url"] = "https://hooks.slack.com/actions/T0SOLAR001/1234567890/AbCdEf";
    } else {
        payload["container"] = {{"type", "view"}, {"view_id", fields.view_id}};
        payload["view"] = {{"id", fields.view_id},
                           {"team_id", "T0SOLAR001"},
                           {"type", "modal"},
                           {"callback_id", fields.callback_id},
                           {"private_metadata", ""},
                           {"hash", "1700000000.AbCdEfGh"},
                           {"state", {{"values", nlohmann::json::object()}}},
                           {"blocks", nlohmann::json::array()}};
    }
    return payload;
}

nlohmann::json ViewSubmissionPayload(const ViewSubmissionFields& fields) {
    return {{"type", "view_submission"},
            {"team", {{"id", "T0SOLAR001"}, {"domain", "solar-co"}}},
            {"user",
             {{"id", fields.user_id},
              {"username", "agent.one"},
              {"name", "agent.one"},
              {"team_id", "T0SOLAR001"}}},
            {"api_app_id", "A0ESCBOT01"},
            {"token", "gIkuvaNzQIHg97ATvDxqgjtO"},
            {"trigger_id", fields.trigger_id},
            {"view",
             {{"id", fields.view_id},
              {"team_id", "T0SOLAR001"},
              {"type", "modal"},
              {"callback_id", fields.callback_id},
              {"private_metadata", fields.private_metadata},
              {"hash", "1700000000.AbCdEfGh"},
              {"blocks", nlohmann::json::array()},
              {"state", {{"values", fields.values}}},
              {"title", {{"type", "plain_text"}, {"text", "Escalation"}}},
              {"submit", {{"type", "plain_text"}, {"text", "Next"}}},
              {"close", {{"type", "plain_text"}, {"text", "Cancel"}}},
              {"previous_view_id", nullptr},
              {"root_view_id", fields.view_id},
              {"clear_on_close", false},
              {"notify_on_close", false},
              {"app_id", "A0ESCBOT01"},
              {"external_id", ""},
              {"bot_id", "B0ESCBOT01"}}},
            {"response_urls", nlohmann::json::array()},
            {"is_enterprise_install", false},
            {"enterprise", nullptr}};
}

nlohmann::json EventCallback(nlohmann::json event, std::string event_id) {
    return {{"token", "gIkuvaNzQIHg97ATvDxqgjtO"},
            {"team_id", "T0SOLAR001"},
            {"api_app_id", "A0ESCBOT01"},
            {"event", std::move(event)},
            {"type", "event_callback"},
            {"event_id", std::move(event_id)},
            {"event_time", 1700000000},
            {"authorizations",
             {{{"enterprise_id", nullptr},
               {"team_id", "T0SOLAR001"},
               {"user_id", "U0BOT0001"},
               {"is_bot", true},
               {"is_enterprise_install", false}}}},
            {"is_ext_shared_channel", false},
            {"event_context", "4-eyJldCI6ImFwcF9ob21lX29wZW5lZCJ9"}};
}

nlohmann::json UrlVerification(std::string challenge) {
    return {{"token", "gIkuvaNzQIHg97ATvDxqgjtO"},
            {"challenge", std::move(challenge)},
            {"type", "url_verification"}};
}

SignedRequest SignRequest(std::string_view secret, std::string_view timestamp,
                          std::string content_type, std::string body) {
    SignedRequest request;
    request.content_type = std::move(content_type);
    request.body = std::move(body);
    request.timestamp = std::string(timestamp);
    request.signature = verify::Sign(secret, timestamp, request.body);
    return request;
}

SignedRequest SlashCommandRequest(std::string_view secret, std::string_view timestamp,
                                  std::string_view command, std::string_view text,
                                  const SlashCommandFields& fields) {
    return SignRequest(secret, timestamp, std::string(kFormType),
                       SlashCommandForm(command, text, fields));
}

SignedRequest InteractionRequest(std::string_view secret, std::string_view timestamp,
                                 const nlohmann::json& payload) {
    return SignRequest(secret, timestamp, std::string(kFormType), InteractionForm(payload));
}

SignedRequest EventRequest(std::string_view secret, std::string_view timestamp,
                           const nlohmann::json& envelope) {
    return SignRequest(secret, timestamp, std::string(kJsonType), envelope.dump());
}

}  // namespace escbot::test
