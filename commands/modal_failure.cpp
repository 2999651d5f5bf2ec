#include "commands/modal_failure.hpp"


#include "bot/slack/token_pause.hpp"

namespace escbot::commands {
namespace {

bool OneOf(std::string_view error, std::initializer_list<std::string_view> codes) {
    for (const std::string_view code : codes) {
        if (code == error) return true;
    }
    return false;
}

std::string Code(std::string_view error) {
    std::string code;
    for (const char c : error) {
        if (c != '`' && c != '<' && c != '>' && c != '&') code.push_back(c);
    }
    return "`" + (code.empty() ? std::string("unknown_error") : code) + "`";
}

}  // namespace

std::string ModalFailureText(std::string_view error, const ModalRequest& request) {
    const std::string code = Code(error);
    const std::string again = request.again.empty() ? "try again" : request.again;
    const std::string meanwhile =
        request.meanwhile.empty() ? std::string() : " Meanwhile you can " + request.meanwhile + ".";
    if (OneOf(error, {"expired_trigger_id", "exchanged_trigger_id", "trigger_exchanged",
                      "deadline_exceeded"})) {
        return ":hourglass: The form did not open: Slack gives a form only a few seconds to open, "
               "and they had passed (" + code + "). Please " + again +
               "; nothing you entered before was lost.";
    }
    if (slack::IsTokenWideError(error) || OneOf(error, {"not_allowed_token_type", "team_access_not_granted"})) {
        return ":warning: The form did not open: Slack refuses the bot's access right now (" + code +
               "). Please tell a Slack admin (the app may need reinstalling); nothing you entered "
               "before was lost." + meanwhile;
    }
    if (OneOf(error, {"invalid_arguments", "invalid_blocks", "invalid_blocks_format",
                      "view_too_large", "duplicate_external_id", "push_limit_reached"})) {
        return ":warning: The form did not open: Slack found it invalid (" + code +
               "). This is a fault in the bot, not in anything you did: please tell an admin." +
               meanwhile;
    }
    return ":warning: The form did not open: Slack or the network failed (" + code + "). Please " +
           again + " in a moment." + meanwhile;
}

void ReportModalFailure(slack::PrivateReplies* replies, const ModalRequest& request,
                        std::string_view error) {
    if (replies == nullptr) return;
    replies->Send(request.reply_to, {{"text", ModalFailureText(error, request)}});
}

}  // namespace escbot::commands
