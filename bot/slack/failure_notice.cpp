#include "bot/slack/failure_notice.hpp"

#include <string>

namespace escbot::slack {
namespace {

std::string EscapeMrkdwn(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '&') {
            out += "&amp;";
        } else if (c == '<') {
            out += "&lt;";
        } else if (c == '>') {
            out += "&gt;";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string Where(const nlohmann::json& args) {
    const auto it = args.is_object() ? args.find("channel") : args.end();
    const std::string channel = it != args.end() && it->is_string() ? it->get<std::string>() : "";
    if (channel.empty()) return "Slack";
    if (channel[0] == 'C' || channel[0] == 'G') return "<#" + EscapeMrkdwn(channel) + ">";
    if (channel[0] == 'D' || channel[0] == 'U' || channel[0] == 'W') return "a direct message";
    return "a channel";
}

}  // namespace

std::string FailureNoticeText(const storage::OutboxItem& item, std::string_view error) {
    std::string what;
    if (item.method == "chat.postMessage") {
        what =
            (item.args.is_object() && item.args.contains("thread_ts")) || !item.thread_key.empty()
                ? "a thread reply in " + Where(item.args)
                : "a message in " + Where(item.args);
    } else if (item.method == "chat.update") {
        what = "an update to a message in " + Where(item.args);
    } else if (item.method == "chat.postEphemeral") {
        what = "a private note in " + Where(item.args);
    } else if (item.method == "views.publish") {
        what = "your App Home tab";
    } else {
        what = "a `" + EscapeMrkdwn(item.method) + "` call";
    }
    return ":warning: I could not post " + what + ": Slack answered `" + EscapeMrkdwn(error) +
           "`, so I gave up. Please post it yourself, or ask an admin to check the bot's access.";
}

}  // namespace escbot::slack
