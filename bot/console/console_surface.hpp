#pragma once

#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/console/block_text.hpp"
#include "bot/slack/slack_api.hpp"

namespace escbot::console {

/// A button the user can press with `click N`, and the message it sits on.
struct ClickableButton {
    RenderedButton button;
    std::string channel;
    std::string message_ts;
};

/// The Slack side of console mode: the same Web API calls the handlers make in Slack mode, shown
/// in the terminal instead. Messages are printed with the channel they would go to; modals are
/// kept on a stack that ConsoleSession walks through as numbered questions. Calls complete before
/// Call() returns. Thread-safe.
class ConsoleSurface final : public slack::SlackApi {
public:
    /// `channel_names` maps channel ids to the names shown beside them ("resolution_team").
    ConsoleSurface(std::ostream& out, std::map<std::string, std::string> channel_names = {});

    void Call(std::string method, nlohmann::json args, slack::CallOptions options,
              slack::ApiCallback done) override;

    /// Shows a slash command's reply (the ack body: only the user sees it); its buttons become
    /// clickable like those of posted messages.
    void ShowReply(const nlohmann::json& message, const std::string& channel);

    bool HasModal() const;
    /// The view on top of the modal stack, with its "id" and "hash" as Slack would send them.
    nlohmann::json TopView() const;
    void PopView();
    void ClearViews();
    /// Applies a view_submission ack's response_action ("update", "push").
    void ReplaceTop(nlohmann::json view);
    void Push(nlohmann::json view);

    /// The button numbered `n` (1-based) if it is still on screen.
    std::optional<ClickableButton> Button(int n) const;

private:
    nlohmann::json Handle(const std::string& method, const nlohmann::json& args);
    nlohmann::json PostMessage(const nlohmann::json& args, bool ephemeral);
    nlohmann::json UpdateMessage(const nlohmann::json& args);
    nlohmann::json StoreView(nlohmann::json view, const std::string& mode, const std::string& view_id);
    std::string ChannelLabel(const std::string& channel) const;
    void PrintMessage(const std::string& heading, const nlohmann::json& args, const std::string& channel,
                      const std::string& ts);

    mutable std::mutex mutex_;
    std::ostream& out_;
    std::map<std::string, std::string> channel_names_;
    std::vector<nlohmann::json> views_;  // modal stack, bottom first
    std::vector<ClickableButton> buttons_;
    std::vector<bool> live_;  // false once the message holding the button was updated
    long long next_ts_ = 1;
    long long next_view_ = 1;
};

}  // namespace escbot::console
