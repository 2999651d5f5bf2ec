#pragma once

#include <string>
#include <string_view>

#include "bot/slack/private_reply.hpp"

namespace escbot::commands {

/// The request that asked for a modal, and what to tell its user if the modal does not open.
struct ModalRequest {
    /// Where the user hears of a failure (the slash command's or the click's response_url first).
    slack::ReplyTarget reply_to;
    /// What to do again, as an imperative: "run `/escalate` again".
    std::string again;
    /// Another way to the same end while forms fail ("" for none): "type `/concert Name, Address`".
    std::string meanwhile;
};

/// What the user reads when views.open failed with Slack's (or our transport's) `error`: what
/// happened, in words, with the code, and what to do. mrkdwn; ids and codes only.
///  - the trigger expired (expired_trigger_id, exchanged_trigger_id, deadline_exceeded): do it
///    again, the few seconds a form may take to open had passed;
///  - the token is refused (invalid_auth, token_revoked, missing_scope, ...): tell an admin;
///  - the form itself was refused (invalid_arguments, invalid_blocks, view_too_large, ...): a
///    bug of the bot, tell an admin, and the other way meanwhile;
///  - anything else (rate limits, Slack or the network down): try again in a moment.
std::string ModalFailureText(std::string_view error, const ModalRequest& request);

/// Tells the user of `request` privately that their form did not open (see ModalFailureText).
/// Thread-safe and quick: callable from a Web API callback. No-op when `replies` is null.
void ReportModalFailure(slack::PrivateReplies* replies, const ModalRequest& request,
                        std::string_view error);

}  // namespace escbot::commands
