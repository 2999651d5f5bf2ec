#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace escbot::test {

// FakeSlackServer: the Slack Web API on loopback, for every integration test.
//
// A real HTTP/1.1 server (Boost.Beast, keep-alive, its own thread) on 127.0.0.1 at a port the OS
// picks. Point the bot at BaseUrl() (the app's SLACK_API_BASE_URL) and use options().bot_token
// as SLACK_BOT_TOKEN.
//
//   FakeSlackServer slack;                                   // starts listening at once
//   slack.SetChannels({"C0RESOLVE"});                        // optional allow-list
//   slack.RateLimitNext("views.open", 1, /*retry_after_s=*/1);
//   ... run the bot ...
//   ASSERT_TRUE(slack.WaitForCalls("chat.postMessage", 2));  // no sleeps
//   auto posts = slack.Calls("chat.postMessage");
//   EXPECT_EQ(posts[1].args["thread_ts"], posts[0].response["ts"]);
//
// Wire format, as Slack speaks it:
// - `POST /api/<method>` with a JSON body (`application/json`) or a form body
//   (`application/x-www-form-urlencoded`); `GET /api/<method>?a=b` also works. Form and query
//   values are strings, except `view`, `blocks`, `attachments` and `metadata`, which are parsed
//   from their JSON text (as Slack does). A token may come as `Authorization: Bearer` or as a
//   `token` form field.
// - Answers are HTTP 200 `{"ok":true,...}` or `{"ok":false,"error":"<code>"}`; scripted 429s
//   carry `Retry-After`; scripted 5xx carry a non-JSON body; unknown methods get HTTP 404 with
//   `unknown_method`.
// - Auth: no token -> `not_authed`; the app token on a bot method (or the bot token on
//   apps.connections.open) -> `not_allowed_token_type`; any other wrong token -> `invalid_auth`.
//
// Methods and their checks:
//   chat.postMessage     channel (`channel_not_found` if missing, or unknown when an allow-list is
//                        set; user ids U../W.. post to that user's DM "D.."), text or blocks
//                        (`no_text`), <= 50 blocks and section text <= 3000 chars
//                        (`invalid_blocks`), all the blocks' text together <= 12000 chars
//                        (`msg_blocks_too_long`). Answers `channel`, a unique increasing `ts`
//                        ("1700000000.000100", ...) and `message`.
//   chat.update          channel + ts of a posted message (`message_not_found`), text <= 4000
//                        (`msg_too_long`), blocks as above. Answers channel, ts, text, message.
//   chat.postEphemeral   channel, user (`invalid_arguments`), text or blocks. Answers message_ts.
//   chat.getPermalink    channel, message_ts. Answers `permalink`.
//   views.open/push      trigger_id and view (`invalid_arguments`), view.type "modal", <= 100
//                        blocks (`invalid_blocks`), title/submit/close <= 24 chars,
//                        private_metadata <= 3000, callback_id <= 255 (`invalid_arguments` with
//                        response_metadata.messages). Answers the view with `id` "V...",
//                        `hash`, `root_view_id`, `previous_view_id`, `state`, `team_id`, ...
//   views.update         view_id (must exist: `not_found`) or external_id, view; `hash` when
//                        given must match (`hash_conflict`). Answers the view with a new hash.
//   views.publish        user_id, view of type "home" (<= 100 blocks, text limits as above);
//                        `hash` checked likewise. Any view (open/push/update/publish) whose JSON
//                        is over 250 kB: `view_too_large`.
//   conversations.open   users ("U1" or "U1,U2") or channel (`users_list_not_supplied`).
//                        Answers `channel.id`: one stable "D..." per user.
//   users.info           user (`invalid_arguments`). Answers `user` {id, name, real_name, tz,
//                        tz_label, tz_offset, profile{...}}, merged with SetUser's fields.
//   usergroups.users.list usergroup (`invalid_arguments`; unknown: `no_such_subteam`). Answers
//                        `users` (ids, "U..."/"W...") from SetUsergroupMembers. Needs the
//                        usergroups:read scope when SetScopes was called: without it
//                        `{"ok":false,"error":"missing_scope","needed":"usergroups:read",
//                        "provided":"<the scopes, comma-separated>"}`, as Slack answers.
//   apps.connections.open needs the app token. Answers `url` (SetSocketModeUrl).
//   auth.test            Answers team_id, user_id (the bot), bot_id.
//   conversations.history channel (`channel_not_found`), its top-level messages newest first:
//                        `oldest`/`latest` (exclusive unless `inclusive`), `limit` (default 100,
//                        at most 999), `cursor` (`invalid_cursor`); `has_more` and
//                        `response_metadata.next_cursor` while more remain. A message's
//                        `metadata` only with `include_all_metadata`. Scopes, when SetScopes
//                        was called: channels:history (C..), groups:history (G..),
//                        im:history (D..).
//   conversations.info   channel: `channel` {id, name, is_channel, is_group, is_private,
//                        is_member, ...}; every channel is private unless SetPublicChannels
//                        names it. Unknown ids, user ids, DMs, and a private channel the bot is
//                        not in (SetNonMemberChannels) answer `channel_not_found`. Scopes, when
//                        SetScopes was called: channels:read (public), groups:read (private),
//                        else `missing_scope` with `needed` and `provided`.
//   conversations.replies channel and ts of a message (`thread_not_found`): the parent, then
//                        its replies oldest first, with the same window, paging and metadata.
//
// chat.postMessage stores `metadata` (JSON or JSON text) with the message when its event_type
// is letters, digits, '_' and '-' and event_payload an object; otherwise it ignores it and warns
// `invalid_metadata_schema`, as Slack does. Message ts count up from 1700000000.000100 by
// 100 microseconds, or, when FakeSlackOptions::clock is set, follow that clock (each ts still
// greater than the last), so that a bot's time window around its posts finds them.
//
// Channels the bot is not in (SetNonMemberChannels): chat.postMessage and chat.postEphemeral
// answer `not_in_channel`. A "D.." channel the fake did not open is a DM between people:
// both answer `channel_not_found` (the bot cannot post there).
//
// Response URLs (NewResponseUrl): `POST <origin>/hooks/<kind>/<team>/<n>/<secret>`, recorded as
// calls of method "response_url" (no token needed; a test can check none was sent). A JSON
// message with text or blocks; response_type "ephemeral" (default) becomes a note the user sees
// (Ephemerals), "in_channel" a message in the channel. Answers 200 {"ok":true} (or the text
// "ok", AnswerResponseUrlsWithText), else text bodies: 404 "no_service" (unknown URL),
// "expired_url" (30 minutes after issue, see AgeResponseUrls), "used_url" (a sixth post),
// 400 "invalid_payload" (not JSON), "no_text".
//
// Scripting: Script(method, answer, times) queues answers for the next `times` calls of that
// method, in order (shortcuts below). A scripted answer wins over the checks above; `Delayed`
// answers normally after the delay. SetResponder(method, fn) replaces the normal answer.
//
// Every call is recorded on arrival (before any delay), answered calls also with their response.
// Thread-safety: every member function may be called from any thread.

/// One request the fake received.
struct SlackCall {
    std::string method;       // "chat.postMessage"
    std::string http_method;  // "POST" or "GET"
    /// The arguments: the JSON body, or form/query fields (see above). Always an object.
    nlohmann::json args = nlohmann::json::object();
    std::map<std::string, std::string> headers;  // names in lower case
    std::string content_type;
    std::string path;   // the request target without its query: "/api/chat.postMessage", "/hooks/..."
    std::string token;  // from `Authorization: Bearer` or the `token` field; "" if none
    std::string body;   // raw request body
    std::chrono::steady_clock::time_point arrived_at;
    bool answered = false;  // the fields below are set once the answer was written
    std::chrono::steady_clock::time_point answered_at;
    int status = 0;
    nlohmann::json response;  // the JSON answered (null for a non-JSON 5xx body)
};

/// What to answer one call with, instead of the normal answer.
struct ScriptedAnswer {
    std::chrono::milliseconds delay{0};  // wait this long first (other connections go on)
    int http_status = 200;
    std::optional<int> retry_after_seconds;  // sets the Retry-After header
    std::string error;                       // when set (status 200): {"ok":false,"error":...}
    std::optional<nlohmann::json> body;      // when set: this JSON, as is
    std::optional<std::string> text;         // when set: this text/plain body, as is

    /// HTTP 429 `{"ok":false,"error":"ratelimited"}` with `Retry-After: <seconds>`
    /// (no header when seconds < 0).
    static ScriptedAnswer RateLimited(int retry_after_seconds);
    /// That HTTP status with a non-JSON body (as Slack's load balancers send).
    static ScriptedAnswer HttpStatus(int status);
    /// HTTP 200 `{"ok":false,"error":"<code>"}`.
    static ScriptedAnswer Error(std::string code);
    /// The normal answer, after `delay`.
    static ScriptedAnswer Delayed(std::chrono::milliseconds delay);
    /// HTTP 200 with `body` as is.
    static ScriptedAnswer Json(nlohmann::json body);
    /// That HTTP status with `body` as a text/plain body (a response_url's "expired_url").
    static ScriptedAnswer Text(int status, std::string body);
    /// Slack takes the call (a post is stored) but the answer is lost: the connection is
    /// closed without a response (as a reset or a crash between Slack and the bot would).
    static ScriptedAnswer LostAnswer();
    /// The connection is closed before the call is handled: nothing changes.
    static ScriptedAnswer ResetBeforeHandling();

    bool lose_answer = false;         // handle, then close without answering
    bool reset_before_handling = false;  // close without handling
};

/// A seeded mix of faults for every call of the listed methods that no script answers: each
/// call draws one outcome. For kill and load tests.
struct FaultPlan {
    unsigned seed = 1;
    double rate429 = 0;       // HTTP 429 with Retry-After: retry_after_seconds
    double rate500 = 0;       // HTTP 500, not handled
    double rate_slow = 0;     // the normal answer after `slow`
    double rate_lost_answer = 0;  // handled, then the connection closes without an answer
    double rate_reset = 0;    // the connection closes before the call is handled
    int retry_after_seconds = 1;
    std::chrono::milliseconds slow{1'500};
    /// Empty: every method but the start-up checks (auth.test, conversations.info) and
    /// apps.connections.open.
    std::set<std::string> methods;
};

struct FakeSlackOptions {
    std::string bot_token = "xoxb-fake-bot-token";
    std::string app_token = "xapp-fake-app-token";
    std::string team_id = "T0FAKE";
    std::string bot_user_id = "U0FAKEBOT";
    std::string bot_id = "B0FAKE";
    std::string app_id = "A0FAKE";
    std::string socket_mode_url = "ws://127.0.0.1:1/link/?ticket=fake";
    /// When set, message ts follow this clock (see above); else they count up from 1700000000.
    std::function<std::chrono::system_clock::time_point()> clock;
};

class FakeSlackServer {
public:
    /// Listens on 127.0.0.1:<any free port> and serves on its own thread. Throws if it cannot
    /// bind.
    explicit FakeSlackServer(FakeSlackOptions options = {});
    /// Stops serving (open connections are dropped) and joins the thread.
    ~FakeSlackServer();
    FakeSlackServer(const FakeSlackServer&) = delete;
    FakeSlackServer& operator=(const FakeSlackServer&) = delete;

    std::uint16_t Port() const;
    /// "http://127.0.0.1:<port>/api/": the Web API base URL to give the bot.
    std::string BaseUrl() const;
    const FakeSlackOptions& options() const;

    // --- Scripting -------------------------------------------------------------------------

    /// The next `times` calls of `method` get `answer` (after any answers already queued).
    void Script(std::string_view method, ScriptedAnswer answer, int times = 1);
    void RateLimitNext(std::string_view method, int times, int retry_after_seconds);
    void FailNextWithStatus(std::string_view method, int times, int status = 500);
    void FailNextWithError(std::string_view method, int times, std::string code);
    void DelayNext(std::string_view method, int times, std::chrono::milliseconds delay);
    /// The next `times` calls of `method` are taken but their answers lost (LostAnswer).
    void LoseNextAnswers(std::string_view method, int times);
    /// From now on, calls answered by no script draw from `plan` (replacing any earlier plan).
    void SetFaults(FaultPlan plan);
    /// Stops drawing faults.
    void ClearFaults();

    /// Replaces the normal answer of `method` (after auth and scripts): return the JSON to send,
    /// or nullopt for the normal answer. Runs on the server thread under the fake's lock: keep it
    /// quick and do not call back into the fake.
    using Responder = std::function<std::optional<nlohmann::json>(const SlackCall&)>;
    void SetResponder(std::string method, Responder responder);

    // --- Workspace ---------------------------------------------------------------------------

    /// Channel ids that exist; posting elsewhere gives `channel_not_found`. Empty (the default):
    /// every channel exists. DMs opened by the fake always exist.
    void SetChannels(std::vector<std::string> channel_ids);
    /// Fields merged into users.info's `user` for `user_id` (e.g. {"tz": "America/Chicago"}).
    void SetUser(std::string user_id, nlohmann::json fields);
    void SetUsergroupMembers(std::string usergroup_id, std::vector<std::string> user_ids);
    /// The scopes the bot token was granted (e.g. {"chat:write", "commands"}). Not called: every
    /// scope. Methods that check scopes answer `missing_scope` (see above).
    void SetScopes(std::vector<std::string> scopes);
    /// The `url` apps.connections.open answers.
    void SetSocketModeUrl(std::string url);
    /// Channels that exist but the bot is not a member of (see above).
    void SetNonMemberChannels(std::vector<std::string> channel_ids);
    /// Channels conversations.info calls public; every other channel is private.
    void SetPublicChannels(std::vector<std::string> channel_ids);

    // --- Response URLs -----------------------------------------------------------------------

    /// A fresh response_url on this server, as Slack puts in a slash command ("commands") or an
    /// interaction ("actions"): posts to it reach `user` in `channel`.
    std::string NewResponseUrl(std::string_view kind, std::string channel, std::string user);
    /// Ages every response_url by `by` (30 minutes make them expire).
    void AgeResponseUrls(std::chrono::seconds by);
    /// Good posts are answered with the text "ok" (older Slack) instead of {"ok":true}.
    void AnswerResponseUrlsWithText(bool text);
    /// The notes only `user` sees (all users' when empty), in order: chat.postEphemeral's and
    /// response_url posts', each {"channel","user","text","blocks"?,"via"}.
    std::vector<nlohmann::json> Ephemerals(std::string_view user = {}) const;

    // --- Inspection --------------------------------------------------------------------------

    /// The calls of `method` (all calls when empty), in arrival order.
    std::vector<SlackCall> Calls(std::string_view method = {}) const;
    std::size_t CallCount(std::string_view method = {}) const;
    /// Waits until at least `count` calls of `method` (any method when empty) have arrived.
    /// False on timeout.
    bool WaitForCalls(std::string_view method, std::size_t count,
                      std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;
    /// Waits until at least `count` calls of `method` have been answered. False on timeout.
    bool WaitForAnswers(std::string_view method, std::size_t count,
                        std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;

    /// A posted message as it is now (after chat.update), by channel (the D.. id for DMs) and ts.
    std::optional<nlohmann::json> Message(std::string_view channel, std::string_view ts) const;
    /// The messages posted to `channel`, thread replies included, in ts order.
    std::vector<nlohmann::json> Messages(std::string_view channel) const;
    /// The channels (D.. ids for DMs) that hold at least one posted message.
    std::vector<std::string> Channels() const;
    /// The DM channel the fake uses for `user_id` ("" if none was opened yet).
    std::string DmChannel(std::string_view user_id) const;
    /// A view as it is now (after views.update), by id.
    std::optional<nlohmann::json> View(std::string_view view_id) const;
    /// The Home tab published for `user_id`.
    std::optional<nlohmann::json> HomeView(std::string_view user_id) const;

    /// Forgets calls, scripts, responders, messages, views and DMs. Keeps options, channels,
    /// users and user groups. Calls still being answered are not recorded afterwards.
    void Reset();

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace escbot::test
