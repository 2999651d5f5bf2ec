#include "commands/oncall/oncall_command.hpp"

#include <string>

#include "bot/core/logging.hpp"
#include "commands/block_kit/text.hpp"
#include "config/schedule.hpp"
#include "config/time_text.hpp"

namespace escbot::commands::oncall {
namespace {

/// What a user typed, made safe to show back in a mrkdwn code span and kept short.
std::string Shown(std::string_view typed) {
    std::string kept;
    for (const char c : typed) {
        if (c != '`' && c != '\n') kept += c;
    }
    return block_kit::EscapeMrkdwn(block_kit::Truncate(kept, 40, ""));
}

std::string_view FirstWord(std::string_view text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return {};
    text.remove_prefix(begin);
    return text.substr(0, text.find_first_of(" \t\r\n"));
}

std::string Mentions(const config::Duty& duty) {
    std::string text;
    const auto add = [&](const std::string& mention) {
        text += (text.empty() ? "" : ", ") + mention;
    };
    for (const auto& id : duty.users) add("<@" + id + ">");
    for (const auto& id : duty.groups) add("<!subteam^" + id + ">");
    return text;
}

/// "6:00 PM EST" on the same local day as `now`, else "Tue Nov 24, 9:00 AM EST".
std::string When(const config::Rotation& rotation, TimePoint t, TimePoint now) {
    if (rotation.LocalDayOf(t) == rotation.LocalDayOf(now)) {
        return config::FormatClockTime(rotation, t);
    }
    return config::FormatDayAndTime(rotation, t);
}

/// A Slack date token: shown in the reader's zone, with the rotation-zone text as fallback.
std::string DateToken(const config::Rotation& rotation, TimePoint t) {
    return "<!date^" + std::to_string(ToUnix(t)) + "^{date_short_pretty} at {time}|" +
           config::FormatDayAndTime(rotation, t) + ">";
}

routing::Ack Reply(std::string text, std::string context) {
    nlohmann::json blocks = nlohmann::json::array();
    blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", text}}}});
    if (!context.empty()) {
        blocks.push_back({{"type", "context"},
                          {"elements", {{{"type", "mrkdwn"}, {"text", std::move(context)}}}}});
    }
    return routing::Ack::Message(
        {{"response_type", "ephemeral"}, {"text", std::move(text)}, {"blocks", std::move(blocks)}});
}

routing::Ack UnknownRotation(const config::Settings& settings, std::string_view typed) {
    std::string names;
    for (const auto& name : settings.rotations.Names()) {
        names += (names.empty() ? "" : ", ") + ("`" + name + "`");
    }
    if (names.empty()) return routing::Ack::Ephemeral("No on-call rotations are configured.");
    std::string text = "There is no rotation called `" + Shown(typed) + "`. Rotations: " +
                       names + ".\nTry `/oncall " + settings.rotations.Names().front() + "`.";
    return routing::Ack::Ephemeral(std::move(text));
}

}  // namespace

routing::Ack OncallReply(const config::Settings& settings, std::string_view text, TimePoint now) {
    const std::string_view typed = FirstWord(text);
    const std::string name = typed.empty() ? settings.concert.rotation : std::string(typed);
    const config::Rotation* rotation = settings.rotations.Find(name);
    if (rotation == nullptr) return UnknownRotation(settings, typed.empty() ? name : typed);

    const config::Duty duty = config::OnDuty(*rotation, now);
    const auto change = config::NextChange(*rotation, now);
    std::string body = "*On call: " + name + "*\n";
    std::string context = "Times are " + rotation->time_zone_name() + ".";

    if (duty.empty()) {
        body += "Nobody is on duty now.";
    } else {
        body += "Now: " + Mentions(duty);
        body += change ? " until " + When(*rotation, change->at, now) : " (no change ahead)";
    }
    if (change && !change->after.empty()) {
        body += std::string(duty.empty() ? "\nNext on duty: " : "\nNext: ") +
                Mentions(change->after) + " from " + When(*rotation, change->at, now);
        context += " In your time zone: " + DateToken(*rotation, change->at) + ".";
    } else if (change) {
        body += "\nThen nobody, from " + When(*rotation, change->at, now) + ".";
        if (const auto reopen = config::NextChange(*rotation, change->at)) {
            body += "\nNext on duty: " + Mentions(reopen->after) + " from " +
                    When(*rotation, reopen->at, now);
            context += " In your time zone: " + DateToken(*rotation, reopen->at) + ".";
        }
    }
    return Reply(std::move(body), std::move(context));
}

void RegisterOncallCommand(routing::Router& router,
                           std::function<std::shared_ptr<const config::Settings>()> settings,
                           const Clock& clock) {
    router.Command(std::string(kOncallCommand),
                   [settings = std::move(settings), &clock](const routing::SlashCommand& in) {
                       const auto current = settings();
                       if (!current) {
                           return routing::Ack::Ephemeral(
                               "The bot's configuration is not loaded; try again shortly.");
                       }
                       logging::Get("oncall")->debug("oncall: user={}", in.user_id);
                       return OncallReply(*current, in.text, clock.Now());
                   });
}

}  // namespace escbot::commands::oncall
