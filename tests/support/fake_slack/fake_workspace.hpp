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

    const FakeSlackOptions& options() const { return options_; }

    // Configuration, set through FakeSlackServer.
    std::set<std::string> channels;  // empty: every channel exists
    std::map<std::string, nlohmann::json> users;
    std::map<std::string, std::vector<std::string>> usergroups;
    std::string socket_mode_url;
    /// The bot token's scopes; nullopt: every scope (see FakeSlackServer::SetScopes).
    std::optional<std::set<std::string>> scopes;

    // State, read through FakeSlackServer.
    std::map<std::string, std::map<std::string, nlohmann::json>> messages;  // channel, ts
    std::map<std::string, nlohmann::json> views;                            // by id
    std::map<std::string, nlohmann::json> home_views;                       // by user
    std::map<std::string, std::string> dms;                                 // user -> D..
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
    nlohmann::json History(const nlohmann::json& args, bool replies);

    /// The channel a post goes to (a user id becomes that user's DM), or "" if it does not exist.
    std::string ResolveChannel(const std::string& channel);
    std::string DmFor(const std::string& user_id);
    std::string NextTs();
    std::string NextViewId();
    std::string NextHash();
    nlohmann::json StoredView(nlohmann::json view, const std::string& id,
                              const std::string& root_id, const nlohmann::json& previous_id);

    FakeSlackOptions options_;
    long long ts_counter_ = 0;
    long long last_ts_micros_ = 0;
    long long view_counter_ = 0;
    long long hash_counter_ = 0;
    long long dm_counter_ = 0;
};

}  // namespace escbot::test::fake_slack
