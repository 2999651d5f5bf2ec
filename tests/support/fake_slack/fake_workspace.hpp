#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/fake_slack/fake_slack_server.hpp"

namespace escbot::test::fake_slack {

/// One HTTP answer of the fake.
struct Answer {
    int status = 200;
    nlohmann::json body;    // sent as JSON unless null
    std::string text_body;  // sent as text/plain when body is null
    std::optional<int> retry_after_seconds;
    std::chrono::milliseconds delay{0};
    /// Close the connection without writing this answer (the call was handled or not).
    bool drop_connection = false;
};

/// Slack's semantics for the fake: auth, argument checks and the workspace's state (messages,
/// views, DMs). Not thread-safe: FakeSlackServer calls it under its lock.
class Workspace {
public:
    explicit Workspace(FakeSlackOptions options)
        : socket_mode_url(options.socket_mode_url), options_(std::move(options)) {}

    /// The normal answer to `call` (auth first, then the method's checks), changing state.
    Answer Handle(const SlackCall& call);

    /// Forgets messages, views and DMs; keeps configuration.
    void ResetActivity();

    /// A new response_url ("<base>hooks/<kind>/<team>/<n>/<secret>") that posts into `channel`
    /// for `user` (fake_response_urls.cpp).
    std::string IssueResponseUrl(const std::string& base, const std::string& kind,
                                 const std::string& channel, const std::string& user,
                                 std::chrono::steady_clock::time_point now);
    /// A POST to a response_url, as Slack answers it: 200 "ok"/{"ok":true}, else 404
    /// "no_service" (unknown), "expired_url" (after 30 minutes), "used_url" (after 5 posts), or
    /// 400 "invalid_payload" / "no_text".
    Answer PostToResponseUrl(const SlackCall& call, std::chrono::steady_clock::time_point now);

    const FakeSlackOptions& options() const { return options_; }

    // Configuration, set through FakeSlackServer.
    std::set<std::string> channels;  // empty: every channel exists
    std::map<std::string, nlohmann::json> users;
    std::map<std::string, std::vector<std::string>> usergroups;
    std::string socket_mode_url;
    /// The bot token's scopes; nullopt: every scope (see FakeSlackServer::SetScopes).
    std::optional<std::set<std::string>> scopes;
    /// Channels that exist but the bot is not in: posting there gives `not_in_channel`.
    std::set<std::string> non_member_channels;
    /// Channels conversations.info calls public (is_private false); every other one is private.
    std::set<std::string> public_channels;
    /// Added to the age of every response_url (tests of the 30-minute expiry).
    std::chrono::seconds response_url_age{0};
    /// Answer a good response_url post with the text "ok" instead of {"ok":true}.
    bool response_url_answers_text = false;

    // State, read through FakeSlackServer.
    std::map<std::string, std::map<std::string, nlohmann::json>> messages;  // channel, ts
    std::map<std::string, nlohmann::json> views;                            // by id
    std::map<std::string, nlohmann::json> home_views;                       // by user
    std::map<std::string, std::string> dms;                                 // user -> D..
    /// Notes only one user sees: {"channel","user","text","blocks"?,"via"} where via is
    /// "chat.postEphemeral" or "response_url".
    std::vector<nlohmann::json> ephemerals;

private:
    nlohmann::json PostMessage(const nlohmann::json& args);
    nlohmann::json Update(const nlohmann::json& args);
    nlohmann::json PostEphemeral(const nlohmann::json& args);
    nlohmann::json GetPermalink(const nlohmann::json& args);
    nlohmann::json OpenOrPushView(const nlohmann::json& args, bool push);
    nlohmann::json UpdateView(const nlohmann::json& args);
    nlohmann::json PublishView(const nlohmann::json& args);
    nlohmann::json OpenConversation(const nlohmann::json& args);
    nlohmann::json UserInfo(const nlohmann::json& args);
    nlohmann::json UsergroupMembers(const nlohmann::json& args);
    nlohmann::json AuthTest();
    nlohmann::json ChannelInfo(const nlohmann::json& args);
    nlohmann::json History(const nlohmann::json& args, bool replies);

    /// The channel a post goes to (a user id becomes that user's DM), or "" if it does not exist.
    std::string ResolveChannel(const std::string& channel);
    std::string DmFor(const std::string& user_id);
    std::string NextTs();
    std::string NextViewId();
    std::string NextHash();
    nlohmann::json StoredView(nlohmann::json view, const std::string& id,
                              const std::string& root_id, const nlohmann::json& previous_id);

    struct ResponseUrl {
        std::string channel;
        std::string user;
        std::chrono::steady_clock::time_point issued;
        int uses = 0;
    };
    std::map<std::string, ResponseUrl> response_urls_;  // by path
    long long response_url_counter_ = 0;

    FakeSlackOptions options_;
    long long ts_counter_ = 0;
    long long last_ts_micros_ = 0;
    long long view_counter_ = 0;
    long long hash_counter_ = 0;
    long long dm_counter_ = 0;
};

}  // namespace escbot::test::fake_slack
