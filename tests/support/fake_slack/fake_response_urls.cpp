// Response URLs, as Slack serves them: each takes up to 5 posts within 30 minutes, needs no
// token, and answers 200 "ok" (or {"ok":true}) or another status with a short text body.

#include <cstdio>

#include "tests/support/fake_slack/fake_workspace.hpp"

namespace escbot::test::fake_slack {
namespace {

using nlohmann::json;

constexpr int kMaxUses = 5;
constexpr std::chrono::minutes kLifetime{30};

Answer Refuse(int status, std::string text) {
    Answer answer;
    answer.status = status;
    answer.text_body = std::move(text);
    return answer;
}

bool HasText(const json& message) {
    const auto text = message.find("text");
    const bool has_text = text != message.end() && text->is_string() && !text->get<std::string>().empty();
    const auto blocks = message.find("blocks");
    return has_text || (blocks != message.end() && blocks->is_array() && !blocks->empty());
}

}  // namespace

std::string Workspace::IssueResponseUrl(const std::string& base, const std::string& kind,
                                        const std::string& channel, const std::string& user,
                                        std::chrono::steady_clock::time_point now) {
    char tail[64];
    ++response_url_counter_;
    std::snprintf(tail, sizeof tail, "/%lld/RsP%08lldx", 1'700'000'000'000LL + response_url_counter_,
                  response_url_counter_ * 7919);
    const std::string path = "/hooks/" + kind + "/" + options_.team_id + tail;
    response_urls_[path] = {channel, user, now, 0};
    // `base` is "http://127.0.0.1:<port>/api/": the hooks live beside the API.
    const std::string origin = base.substr(0, base.find("/api/"));
    return origin + path;
}

Answer Workspace::PostToResponseUrl(const SlackCall& call, std::chrono::steady_clock::time_point now) {
    const auto found = response_urls_.find(call.path);
    if (found == response_urls_.end()) return Refuse(404, "no_service");
    ResponseUrl& url = found->second;
    if (now + response_url_age - url.issued > kLifetime) return Refuse(404, "expired_url");
    if (url.uses >= kMaxUses) return Refuse(404, "used_url");
    const json message = json::parse(call.body, nullptr, false);
    if (!message.is_object()) return Refuse(400, "invalid_payload");
    if (!HasText(message)) return Refuse(400, "no_text");
    ++url.uses;

    const std::string type = message.value("response_type", "ephemeral");
    json note = {{"channel", url.channel}, {"user", url.user}, {"text", message.value("text", "")},
                 {"via", "response_url"}};
    if (message.contains("blocks")) note["blocks"] = message["blocks"];
    if (message.value("replace_original", false)) note["replace_original"] = true;
    if (type == "in_channel") {
        const std::string ts = NextTs();
        json posted = {{"type", "message"}, {"text", note["text"]}, {"ts", ts}};
        if (note.contains("blocks")) posted["blocks"] = note["blocks"];
        messages[url.channel][ts] = std::move(posted);
    } else {
        ephemerals.push_back(std::move(note));
    }
    Answer answer;
    if (response_url_answers_text) {
        answer.text_body = "ok";
    } else {
        answer.body = json{{"ok", true}};
    }
    return answer;
}

}  // namespace escbot::test::fake_slack
