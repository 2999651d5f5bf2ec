#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "storage/escalation_repositories.hpp"
#include "tests/support/test_bot/test_bot.hpp"

namespace escbot::test {

/// Answers as an agent types them: question id -> a string (text, date, or an option value) or
/// an array of option values.
using AgentAnswers = std::map<std::string, nlohmann::json>;

/// Plays the agent (and the leads) against a TestBot over signed HTTP, the way Slack would:
/// modals are what the bot opened or answered with, submissions carry view.state.values built
/// from the view's own input blocks.
class EscalationDriver {
public:
    explicit EscalationDriver(TestBot& bot) : bot_(bot) {}

    /// `/escalate <text>` as `user`; returns the view that views.open opened (with the fake's
    /// "id" and "hash"), or null if none was opened.
    nlohmann::json Escalate(const std::string& user, const std::string& text = "");

    /// The view_submission of `view` (its callback_id, id and private_metadata) with every input
    /// block of the view filled from `answers` (blocks without an answer are sent empty, as
    /// Slack does). Returns the ack body (null when empty).
    nlohmann::json Submit(const std::string& user, const nlohmann::json& view,
                          const AgentAnswers& answers);

    /// Submits screen after screen with `answers` while the bot answers with another question
    /// screen; returns the last ack body (a result screen, errors, or null). At most 30 screens.
    nlohmann::json Walk(const std::string& user, nlohmann::json view, const AgentAnswers& answers);

    /// The view Slack would show after an ack body with response_action "update" (keeps the
    /// previous view's id; a new hash).
    static nlohmann::json Updated(const nlohmann::json& previous, const nlohmann::json& ack);

    /// A button click in a channel message (block_actions) as `user`; returns the HTTP status.
    int Click(const std::string& user, const std::string& action_id, const std::string& value,
              const std::string& channel = "C0RESOLUTN1");

    /// An answer changed inside the modal (block_actions from an input with dispatch_action):
    /// `answers` are what is typed into `view` now; `question_id` is the input that changed.
    void ChangeAnswer(const std::string& user, const nlohmann::json& view,
                      const AgentAnswers& answers, const std::string& question_id);

    /// The Back button of a question screen, pressed with `answers` typed into `view`; returns
    /// the view that views.update showed (with the fake's id and hash), or null if none.
    nlohmann::json Back(const std::string& user, const nlohmann::json& view,
                        const AgentAnswers& answers);

    /// A view_closed for `view` with `answers` typed into it.
    void Close(const std::string& user, const nlohmann::json& view, const AgentAnswers& answers);

    /// Runs the flow to the live ladder: qualify (origin), refuse to wait. Returns the case id.
    long long RefuseToWait(const std::string& user, const std::string& origin,
                           const std::string& name = "Jane Q. Homeowner");
    /// Runs the whole agrees-to-wait flow; returns the case id.
    long long AgreeToWait(const std::string& user, const std::string& name = "Jane Q. Homeowner",
                          const std::string& address = "12 North Main Street, Springfield");

    std::optional<storage::EscalationCase> Case(long long id);
    std::optional<storage::LiveLadder> Ladder(long long id);
    std::vector<storage::AuditEntry> Audit(const std::string& entity);

    /// The messages posted to `channel` (as the fake holds them now).
    std::vector<nlohmann::json> Messages(const std::string& channel);
    /// The DMs the bot sent `user`.
    std::vector<nlohmann::json> DirectMessages(const std::string& user);
    /// The notes only `user` saw (response_url posts and chat.postEphemeral), {"text", ...}.
    std::vector<nlohmann::json> Ephemerals(const std::string& user);

    /// Every view and message the bot sent to the fake Slack (views.open/update/push, chat.*
    /// args) and every view in an ack body it returned, checked against Slack's limits: one line
    /// per problem, empty when all pass.
    std::vector<std::string> LimitProblems();

    /// Moves the clock a second at a time (flushing each time) until `done` holds; false after
    /// `max` seconds.
    bool AdvanceUntil(const std::function<bool()>& done, int max_seconds = 30);

private:
    TestBot& bot_;
    std::vector<nlohmann::json> acked_views_;
    int trigger_ = 0;
};

/// The qualify answers of a typical escalation (homeowner asked for a supervisor; fraud).
AgentAnswers QualifyAnswers(const std::string& origin = "homeowner",
                            const std::string& name = "Jane Q. Homeowner",
                            const std::string& address = "12 North Main Street, Springfield");
/// Every answer of the agrees-to-wait flow (fraud, with the sales-rep section).
AgentAnswers FullAnswers(const std::string& name = "Jane Q. Homeowner",
                         const std::string& address = "12 North Main Street, Springfield");

/// The view_submission (or view_closed, by `type`) payload Slack would send for `view` with
/// `answers` typed into its input blocks; `trigger` makes its trigger_id unique. For drivers of
/// a bot in another process (tests/kill).
nlohmann::json ViewInteractionPayload(const std::string& type, const std::string& user,
                                      const nlohmann::json& view, const AgentAnswers& answers,
                                      int trigger);

/// All text of a message or view (mrkdwn and plain), joined, for substring checks.
std::string AllText(const nlohmann::json& surface);
/// Only the mrkdwn texts (and a message's `text`), where Slack reads mentions and links.
std::string MrkdwnText(const nlohmann::json& surface);

}  // namespace escbot::test
