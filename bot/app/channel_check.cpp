#include "bot/app/channel_check.hpp"

#include <algorithm>
#include <future>
#include <memory>

#include "bot/core/logging.hpp"

namespace escbot::app {
namespace {

std::string Named(const PersonalDataChannel& channel, const ChannelAnswer& answer) {
    std::string text = channel.key + " = \"" + channel.id + "\"";
    if (!answer.name.empty()) text += " (#" + answer.name + ")";
    return text;
}

// Slack's conversations.info needs channels:read for public channels and groups:read for
// private ones; which one is missing is what Slack says in `needed`.
std::string ScopeAdvice(const ChannelAnswer& answer) {
    std::string text = "the bot token lacks the scope to read it (missing_scope";
    if (!answer.needed.empty()) text += ", needed: " + answer.needed;
    if (!answer.provided.empty()) text += ", provided: " + answer.provided;
    return text + "): add channels:read and groups:read to the app's bot scopes "
                  "(deploy/slack-app-manifest.yaml) and reinstall it";
}

}  // namespace

std::vector<PersonalDataChannel> PersonalDataChannels(const config::Settings& settings) {
    const auto& c = settings.channels;
    std::vector<PersonalDataChannel> out;
    for (const auto& [key, id] :
         {std::pair<const char*, const std::string&>{"channels.resolution_team", c.resolution_team},
          {"channels.live_escalation", c.live_escalation},
          {"channels.concert_confirmation", c.concert_confirmation},
          {"channels.back_office", c.back_office}}) {
        if (!id.empty()) out.push_back({key, id});
    }
    return out;
}

std::vector<std::string> ChannelPrivacyProblems(
    const std::vector<PersonalDataChannel>& channels,
    const std::map<std::string, ChannelAnswer>& answers,
    const std::vector<std::string>& allowed_public, bool& configuration_error) {
    configuration_error = false;
    std::vector<std::string> problems;
    const auto add = [&](std::string text, bool config) {
        problems.push_back(std::move(text));
        configuration_error = configuration_error || config;
    };
    for (const PersonalDataChannel& channel : channels) {
        const auto found = answers.find(channel.id);
        const ChannelAnswer answer = found == answers.end() ? ChannelAnswer{} : found->second;
        const std::string named = Named(channel, answer);
        if (!answer.answered) {
            add(named + ": Slack did not answer conversations.info, so its privacy is unknown; "
                        "start again when Slack answers",
                false);
        } else if (answer.error == "missing_scope") {
            add(named + ": " + ScopeAdvice(answer), true);
        } else if (answer.error == "channel_not_found" || answer.error == "not_in_channel") {
            add(named + ": Slack answers " + answer.error +
                    ": check the id, and invite the bot to the channel (a private channel is "
                    "only visible to the bot once it is a member)",
                true);
        } else if (!answer.error.empty()) {
            add(named + ": conversations.info failed (" + answer.error + ")", true);
        } else if (!answer.is_private &&
                   std::find(allowed_public.begin(), allowed_public.end(), channel.id) ==
                       allowed_public.end()) {
            add(named + ": the channel is PUBLIC, and personal data (homeowner names, addresses, "
                        "emails, phones) is posted there: make it private, pick a private "
                        "channel, or allow it explicitly with [privacy] allow_public_channels = [\"" +
                    channel.id + "\"]",
                true);
        }
    }
    return problems;
}

std::map<std::string, ChannelAnswer> AskChannels(slack::SlackApi& api,
                                                 const std::vector<PersonalDataChannel>& channels,
                                                 std::chrono::milliseconds bound) {
    std::map<std::string, std::future<slack::ApiResult>> pending;
    for (const PersonalDataChannel& channel : channels) {
        if (pending.contains(channel.id)) continue;
        auto answer = std::make_shared<std::promise<slack::ApiResult>>();
        pending.emplace(channel.id, answer->get_future());
        slack::CallOptions options;
        options.deadline = std::chrono::steady_clock::now() + bound;
        options.max_attempts = 3;
        api.Call("conversations.info", {{"channel", channel.id}}, options,
                 [answer](const slack::ApiResult& result) { answer->set_value(result); });
    }
    // A little past the deadline: a call's own last attempt may still be answering.
    const auto until = std::chrono::steady_clock::now() + bound + std::chrono::seconds(2);
    const auto log = logging::Get("app");
    std::map<std::string, ChannelAnswer> answers;
    for (auto& [id, future] : pending) {
        ChannelAnswer& answer = answers[id];
        if (future.wait_until(until) != std::future_status::ready) {
            log->warn("conversations.info channel={}: no answer in time", id);
            continue;
        }
        const slack::ApiResult result = future.get();
        if (result.kind != slack::ApiResult::Kind::kOk &&
            result.kind != slack::ApiResult::Kind::kPlatform) {
            log->warn("conversations.info channel={}: {}", id,
                      result.error.empty() ? "no answer" : result.error);
            continue;
        }
        answer.answered = true;
        if (!result.ok()) {
            answer.error = result.error.empty() ? "unknown_error" : result.error;
            answer.needed = result.body.value("needed", "");
            answer.provided = result.body.value("provided", "");
            continue;
        }
        const nlohmann::json channel = result.body.value("channel", nlohmann::json::object());
        answer.name = channel.value("name", "");
        answer.is_private = channel.value("is_private", false);
        log->info("channel={} is {}", id, answer.is_private ? "private" : "public");
    }
    return answers;
}

}  // namespace escbot::app
