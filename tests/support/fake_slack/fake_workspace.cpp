#include "tests/support/fake_slack/fake_workspace.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string_view>

namespace escbot::test::fake_slack {
namespace {

using nlohmann::json;

constexpr long long kBaseSeconds = 1'700'000'000;

json Ok(json fields = json::object()) {
    json out = {{"ok", true}};
    out.update(fields);
    return out;
}

json Error(std::string_view code, std::vector<std::string> messages = {}) {
    json out = {{"ok", false}, {"error", code}};
    if (!messages.empty()) out["response_metadata"] = {{"messages", messages}};
    return out;
}

std::string Str(const json& args, const char* key) {
    const auto it = args.find(key);
    if (it == args.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return it->dump();
    return {};
}

bool Has(const json& args, const char* key) {
    const auto it = args.find(key);
    if (it == args.end() || it->is_null()) return false;
    return !(it->is_string() && it->get_ref<const std::string&>().empty());
}

// JSON-valued arguments may come as JSON or as JSON text; a text that is not JSON is discarded.
json JsonArg(const json& args, const char* key) {
    const auto it = args.find(key);
    if (it == args.end() || it->is_null()) return json();
    if (it->is_string()) return json::parse(it->get<std::string>(), nullptr, false);
    return *it;
}

std::size_t CodePoints(std::string_view text) {
    std::size_t n = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    }
    return n;
}

std::string TextOf(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_object()) return {};
    return Str(*it, "text");
}

// Slack's answer when blocks break a limit, or nullopt.
std::optional<json> BlocksProblem(const json& blocks, std::size_t max_blocks) {
    if (blocks.is_discarded() || !blocks.is_array()) return Error("invalid_blocks_format");
    if (blocks.size() > max_blocks) {
        return Error("invalid_blocks", {"[ERROR] no more than " + std::to_string(max_blocks) +
                                        " items allowed [json-pointer:/blocks]"});
    }
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        const json& block = blocks[i];
        const std::string where = " [json-pointer:/blocks/" + std::to_string(i) + "/text/text]";
        if (!block.is_object() || !block.contains("type")) {
            return Error("invalid_blocks", {"[ERROR] missing required field: type"});
        }
        const std::string type = Str(block, "type");
        if (type == "section") {
            if (CodePoints(TextOf(block, "text")) > 3000) {
                return Error("invalid_blocks",
                             {"[ERROR] must be less than 3001 characters" + where});
            }
            if (!block.contains("text") && !block.contains("fields")) {
                return Error("invalid_blocks", {"[ERROR] missing required field: text"});
            }
        } else if (type == "header") {
            if (CodePoints(TextOf(block, "text")) > 150) {
                return Error("invalid_blocks",
                             {"[ERROR] must be less than 151 characters" + where});
            }
        }
    }
    return std::nullopt;
}

// Every string under a "text" key, at any depth, in characters.
std::size_t TextInBlocks(const json& value) {
    std::size_t total = 0;
    if (value.is_object()) {
        for (const auto& [key, item] : value.items())
            total += key == "text" && item.is_string() ? CodePoints(item.get<std::string>())
                                                       : TextInBlocks(item);
    } else if (value.is_array()) {
        for (const auto& item : value) total += TextInBlocks(item);
    }
    return total;
}

// A message's blocks: their own limits, then the text of all of them together, which Slack
// refuses past about 12,000 characters even when each block is within its own limit (bolt-js
// issues #2509, #2867).
std::optional<json> MessageBlocksProblem(const json& blocks) {
    if (auto problem = BlocksProblem(blocks, 50)) return problem;
    if (TextInBlocks(blocks) > 12000) return Error("msg_blocks_too_long");
    return std::nullopt;
}

std::optional<json> ViewProblem(const json& view, std::string_view expected_type) {
    if (view.is_discarded() || !view.is_object()) {
        return Error("invalid_arguments", {"[ERROR] missing required field: view"});
    }
    if (Str(view, "type") != expected_type) {
        return Error("invalid_arguments", {"[ERROR] must be '" + std::string(expected_type) +
                                           "' [json-pointer:/view/type]"});
    }
    if (!view.contains("blocks")) {
        return Error("invalid_arguments", {"[ERROR] missing required field: blocks"});
    }
    if (auto problem = BlocksProblem(view["blocks"], 100)) return problem;
    // Slack refuses a view over 250 kB as a whole (views.open, views.update, views.publish).
    if (view.dump().size() > 250'000) return Error("view_too_large");
    if (expected_type == "modal") {
        if (!view.contains("title")) {
            return Error("invalid_arguments", {"[ERROR] missing required field: title"});
        }
        for (const char* key : {"title", "submit", "close"}) {
            if (CodePoints(TextOf(view, key)) > 24) {
                return Error("invalid_arguments",
                             {"[ERROR] must be less than 25 characters [json-pointer:/view/" +
                              std::string(key) + "/text]"});
            }
        }
    }
    if (CodePoints(Str(view, "private_metadata")) > 3000) {
        return Error(
            "invalid_arguments",
            {"[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]"});
    }
    for (const char* key : {"callback_id", "external_id"}) {
        if (CodePoints(Str(view, key)) > 255) {
            return Error("invalid_arguments",
                         {"[ERROR] must be less than 256 characters [json-pointer:/view/" +
                          std::string(key) + "]"});
        }
    }
    return std::nullopt;
}

// Slack keeps metadata whose event_type is letters, digits, '_' and '-' and whose event_payload
// is an object; other metadata it ignores with a warning.
bool ValidMetadata(const json& metadata) {
    if (!metadata.is_object()) return false;
    const std::string type = Str(metadata, "event_type");
    if (type.empty()) return false;
    for (char c : type) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
    }
    const auto payload = metadata.find("event_payload");
    return payload != metadata.end() && payload->is_object();
}

// A Slack ts ("1700000000.000100") or a Unix time ("1700000000", "1700000000.5") in
// microseconds; nullopt when it is not one.
std::optional<long long> TsMicros(const std::string& text) {
    if (text.empty()) return std::nullopt;
    const auto dot = text.find('.');
    const std::string whole = text.substr(0, dot);
    std::string fraction = dot == std::string::npos ? std::string() : text.substr(dot + 1);
    if (whole.empty() || fraction.size() > 6) return std::nullopt;
    for (char c : whole + fraction) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    }
    fraction.resize(6, '0');
    return std::stoll(whole) * 1'000'000 + std::stoll(fraction);
}

bool Truthy(const json& args, const char* key) {
    const auto it = args.find(key);
    if (it == args.end()) return false;
    if (it->is_boolean()) return it->get<bool>();
    if (it->is_number()) return it->get<double>() != 0;
    const std::string text = Str(args, key);
    return text == "true" || text == "1";
}

bool IsUserId(const std::string& id) { return !id.empty() && (id[0] == 'U' || id[0] == 'W'); }

std::string Lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

}  // namespace

Answer Workspace::Handle(const SlackCall& call) {
    const std::string& method = call.method;
    static const std::set<std::string, std::less<>> kKnown = {
        "chat.postMessage",   "chat.update", "chat.postEphemeral",    "chat.getPermalink",
        "views.open",         "views.push",  "views.update",          "views.publish",
        "conversations.open", "users.info",  "usergroups.users.list", "apps.connections.open",
        "auth.test",          "conversations.history", "conversations.replies",
        "conversations.info"};
    Answer answer;
    if (!kKnown.contains(method)) {
        answer.status = 404;
        answer.body = Error("unknown_method");
        return answer;
    }

    const bool wants_app_token = method == "apps.connections.open";
    const std::string& right = wants_app_token ? options_.app_token : options_.bot_token;
    const std::string& other = wants_app_token ? options_.bot_token : options_.app_token;
    if (call.token.empty()) {
        answer.body = Error("not_authed");
        return answer;
    }
    if (call.token == other) {
        answer.body = Error("not_allowed_token_type");
        return answer;
    }
    if (call.token != right) {
        answer.body = Error("invalid_auth");
        return answer;
    }

    const json& args = call.args;
    if (method == "chat.postMessage") {
        answer.body = PostMessage(args);
    } else if (method == "chat.update") {
        answer.body = Update(args);
    } else if (method == "chat.postEphemeral") {
        answer.body = PostEphemeral(args);
    } else if (method == "chat.getPermalink") {
        answer.body = GetPermalink(args);
    } else if (method == "views.open" || method == "views.push") {
        answer.body = OpenOrPushView(args, method == "views.push");
    } else if (method == "views.update") {
        answer.body = UpdateView(args);
    } else if (method == "views.publish") {
        answer.body = PublishView(args);
    } else if (method == "conversations.open") {
        answer.body = OpenConversation(args);
    } else if (method == "users.info") {
        answer.body = UserInfo(args);
    } else if (method == "usergroups.users.list") {
        answer.body = UsergroupMembers(args);
    } else if (method == "conversations.history" || method == "conversations.replies") {
        answer.body = History(args, method == "conversations.replies");
    } else if (method == "conversations.info") {
        answer.body = ChannelInfo(args);
    } else if (method == "apps.connections.open") {
        answer.body = Ok({{"url", socket_mode_url}});
    } else {
        answer.body = AuthTest();
    }
    if (call.content_type.rfind("application/json", 0) == 0 &&
        call.content_type.find("charset") == std::string::npos && answer.body.value("ok", false)) {
        answer.body["warning"] = "missing_charset";
        answer.body["response_metadata"]["warnings"] = {"missing_charset"};
    }
    return answer;
}

void Workspace::ResetActivity() {
    messages.clear();
    views.clear();
    home_views.clear();
    dms.clear();
    ephemerals.clear();
    response_urls_.clear();
    response_url_age = std::chrono::seconds(0);
}

json Workspace::PostMessage(const json& args) {
    const std::string channel = ResolveChannel(Str(args, "channel"));
    if (channel.empty()) return Error("channel_not_found");
    if (non_member_channels.contains(channel)) return Error("not_in_channel");
    const json blocks = JsonArg(args, "blocks");
    const bool has_blocks = blocks.is_array() && !blocks.empty();
    if (!Has(args, "text") && !has_blocks && !Has(args, "attachments")) return Error("no_text");
    if (!blocks.is_null()) {
        if (auto problem = MessageBlocksProblem(blocks)) return *problem;
    }

    const std::string ts = NextTs();
    json message = {{"type", "message"},
                    {"text", Str(args, "text")},
                    {"user", options_.bot_user_id},
                    {"bot_id", options_.bot_id},
                    {"app_id", options_.app_id},
                    {"team", options_.team_id},
                    {"ts", ts}};
    if (!blocks.is_null()) message["blocks"] = blocks;
    if (Has(args, "thread_ts")) message["thread_ts"] = Str(args, "thread_ts");
    bool metadata_ignored = false;
    if (Has(args, "metadata")) {
        const json metadata = JsonArg(args, "metadata");
        if (ValidMetadata(metadata)) {
            message["metadata"] = {{"event_type", metadata["event_type"]},
                                   {"event_payload", metadata["event_payload"]}};
        } else {
            metadata_ignored = true;
        }
    }
    messages[channel][ts] = message;
    json answer = Ok({{"channel", channel}, {"ts", ts}, {"message", message}});
    if (metadata_ignored) {
        answer["warning"] = "invalid_metadata_schema";
        answer["response_metadata"]["warnings"] = {"invalid_metadata_schema"};
    }
    return answer;
}

json Workspace::Update(const json& args) {
    const std::string channel = Str(args, "channel");
    if (channel.empty()) return Error("channel_not_found");
    const std::string ts = Str(args, "ts");
    const auto in_channel = messages.find(channel);
    if (ts.empty() || in_channel == messages.end() || !in_channel->second.contains(ts)) {
        return Error("message_not_found");
    }
    if (CodePoints(Str(args, "text")) > 4000) return Error("msg_too_long");
    const json blocks = JsonArg(args, "blocks");
    if (!blocks.is_null()) {
        if (auto problem = MessageBlocksProblem(blocks)) return *problem;
    }

    json& message = in_channel->second[ts];
    if (args.contains("text")) message["text"] = Str(args, "text");
    if (!blocks.is_null()) message["blocks"] = blocks;
    message["edited"] = {{"user", options_.bot_user_id}, {"ts", NextTs()}};
    return Ok({{"channel", channel}, {"ts", ts}, {"text", message["text"]}, {"message", message}});
}

json Workspace::PostEphemeral(const json& args) {
    const std::string channel = ResolveChannel(Str(args, "channel"));
    if (channel.empty()) return Error("channel_not_found");
    if (non_member_channels.contains(channel)) return Error("not_in_channel");
    if (!Has(args, "user"))
        return Error("invalid_arguments", {"[ERROR] missing required field: user"});
    const json blocks = JsonArg(args, "blocks");
    const bool has_blocks = blocks.is_array() && !blocks.empty();
    if (!Has(args, "text") && !has_blocks && !Has(args, "attachments")) return Error("no_text");
    if (!blocks.is_null()) {
        if (auto problem = MessageBlocksProblem(blocks)) return *problem;
    }
    const std::string ts = NextTs();
    json note = {{"channel", channel},
                 {"user", Str(args, "user")},
                 {"text", Str(args, "text")},
                 {"message_ts", ts},
                 {"via", "chat.postEphemeral"}};
    if (!blocks.is_null()) note["blocks"] = blocks;
    if (Has(args, "thread_ts")) note["thread_ts"] = Str(args, "thread_ts");
    ephemerals.push_back(std::move(note));
    return Ok({{"message_ts", ts}});
}

json Workspace::GetPermalink(const json& args) {
    const std::string channel = Str(args, "channel");
    if (channel.empty()) return Error("channel_not_found");
    std::string ts = Str(args, "message_ts");
    if (ts.empty()) return Error("message_not_found");
    std::string compact;
    for (char c : ts) {
        if (c != '.') compact.push_back(c);
    }
    return Ok(
        {{"channel", channel},
         {"permalink", "https://fake-workspace.slack.com/archives/" + channel + "/p" + compact}});
}

json Workspace::OpenOrPushView(const json& args, bool push) {
    if (!Has(args, "trigger_id") && !Has(args, "interactivity_pointer")) {
        return Error("invalid_arguments", {"[ERROR] missing required field: trigger_id"});
    }
    if (!Has(args, "view"))
        return Error("invalid_arguments", {"[ERROR] missing required field: view"});
    const json view = JsonArg(args, "view");
    if (auto problem = ViewProblem(view, "modal")) return *problem;

    const std::string id = NextViewId();
    (void)push;  // the fake does not track which modal a trigger came from: each view is a root
    json stored = StoredView(view, id, id, nullptr);
    views[id] = stored;
    return Ok({{"view", stored}});
}

json Workspace::UpdateView(const json& args) {
    const std::string view_id = Str(args, "view_id");
    const std::string external_id = Str(args, "external_id");
    if (view_id.empty() && external_id.empty()) {
        return Error("invalid_arguments", {"[ERROR] missing required field: view_id"});
    }
    if (!Has(args, "view"))
        return Error("invalid_arguments", {"[ERROR] missing required field: view"});
    const json view = JsonArg(args, "view");
    if (auto problem = ViewProblem(view, "modal")) return *problem;

    auto it = views.end();
    if (!view_id.empty()) {
        it = views.find(view_id);
    } else {
        for (auto candidate = views.begin(); candidate != views.end(); ++candidate) {
            if (Str(candidate->second, "external_id") == external_id) it = candidate;
        }
    }
    if (it == views.end()) return Error("not_found");
    if (Has(args, "hash") && Str(args, "hash") != Str(it->second, "hash")) {
        return Error("hash_conflict");
    }
    json stored = StoredView(view, it->first, Str(it->second, "root_view_id"),
                             it->second.value("previous_view_id", json()));
    it->second = stored;
    return Ok({{"view", stored}});
}

json Workspace::PublishView(const json& args) {
    const std::string user = Str(args, "user_id");
    if (user.empty())
        return Error("invalid_arguments", {"[ERROR] missing required field: user_id"});
    if (!Has(args, "view"))
        return Error("invalid_arguments", {"[ERROR] missing required field: view"});
    const json view = JsonArg(args, "view");
    if (auto problem = ViewProblem(view, "home")) return *problem;

    const auto existing = home_views.find(user);
    if (Has(args, "hash") &&
        (existing == home_views.end() || Str(args, "hash") != Str(existing->second, "hash"))) {
        return Error("hash_conflict");
    }
    const std::string id =
        existing != home_views.end() ? Str(existing->second, "id") : NextViewId();
    json stored = StoredView(view, id, id, nullptr);
    home_views[user] = stored;
    views[id] = stored;
    return Ok({{"view", stored}});
}

json Workspace::OpenConversation(const json& args) {
    if (Has(args, "channel")) {
        const std::string channel = ResolveChannel(Str(args, "channel"));
        if (channel.empty()) return Error("channel_not_found");
        return Ok({{"channel", {{"id", channel}}}});
    }
    const std::string users = Str(args, "users");
    if (users.empty()) return Error("users_list_not_supplied");
    if (users.find(',') == std::string::npos) {
        const bool already_open = dms.contains(users);
        return Ok({{"no_op", already_open},
                   {"already_open", already_open},
                   {"channel", {{"id", DmFor(users)}}}});
    }
    // A group DM: one stable id per member list.
    const std::string key = "mpim:" + users;
    auto it = dms.find(key);
    if (it == dms.end()) {
        char id[32];
        std::snprintf(id, sizeof id, "G%08lld", ++dm_counter_);
        it = dms.emplace(key, id).first;
    }
    return Ok({{"channel", {{"id", it->second}}}});
}

json Workspace::UserInfo(const json& args) {
    const std::string id = Str(args, "user");
    if (id.empty()) return Error("invalid_arguments", {"[ERROR] missing required field: user"});
    const std::string real_name = "Test User " + id;
    json user = {{"id", id},
                 {"team_id", options_.team_id},
                 {"name", Lower(id)},
                 {"real_name", real_name},
                 {"deleted", false},
                 {"is_bot", false},
                 {"tz", "America/New_York"},
                 {"tz_label", "Eastern Standard Time"},
                 {"tz_offset", -18000},
                 {"profile", {{"real_name", real_name}, {"display_name", Lower(id)}}}};
    if (const auto extra = users.find(id); extra != users.end()) user.update(extra->second);
    return Ok({{"user", user}});
}

json Workspace::UsergroupMembers(const json& args) {
    if (scopes && !scopes->contains("usergroups:read")) {
        // As Slack answers a token without the method's scope: what it needs, what it has.
        std::string provided;
        for (const std::string& scope : *scopes) provided += (provided.empty() ? "" : ",") + scope;
        json error = Error("missing_scope");
        error["needed"] = "usergroups:read";
        error["provided"] = provided;
        return error;
    }
    const std::string group = Str(args, "usergroup");
    if (group.empty())
        return Error("invalid_arguments", {"[ERROR] missing required field: usergroup"});
    const auto it = usergroups.find(group);
    if (it == usergroups.end()) return Error("no_such_subteam");
    return Ok({{"users", it->second}});
}

json Workspace::AuthTest() {
    return Ok({{"url", "https://fake-workspace.slack.com/"},
               {"team", "Fake Workspace"},
               {"user", "escalation-bot"},
               {"team_id", options_.team_id},
               {"user_id", options_.bot_user_id},
               {"bot_id", options_.bot_id}});
}

json Workspace::ChannelInfo(const json& args) {
    const std::string id = Str(args, "channel");
    if (id.empty() || IsUserId(id) || id[0] == 'D' || (!channels.empty() && !channels.contains(id)))
        return Error("channel_not_found");
    const bool is_private = !public_channels.contains(id);
    const bool is_member = !non_member_channels.contains(id);
    // Slack hides a private channel from a bot that is not in it.
    if (is_private && !is_member) return Error("channel_not_found");
    if (scopes) {
        const std::string needed = is_private ? "groups:read" : "channels:read";
        if (!scopes->contains(needed)) {
            std::string provided;
            for (const std::string& scope : *scopes)
                provided += (provided.empty() ? "" : ",") + scope;
            json error = Error("missing_scope");
            error["needed"] = needed;
            error["provided"] = provided;
            return error;
        }
    }
    const std::string name = Lower(id);
    return Ok({{"channel",
                {{"id", id},
                 {"name", name},
                 {"name_normalized", name},
                 {"is_channel", !is_private},
                 {"is_group", is_private},
                 {"is_im", false},
                 {"is_mpim", false},
                 {"is_private", is_private},
                 {"is_archived", false},
                 {"is_general", false},
                 {"is_shared", false},
                 {"is_ext_shared", false},
                 {"is_org_shared", false},
                 {"is_member", is_member},
                 {"created", 1700000000},
                 {"creator", "U0CREATOR1"},
                 {"context_team_id", options_.team_id},
                 {"topic", {{"value", ""}, {"creator", ""}, {"last_set", 0}}},
                 {"purpose", {{"value", ""}, {"creator", ""}, {"last_set", 0}}}}}});
}

json Workspace::History(const json& args, bool replies) {
    const std::string channel = Str(args, "channel");
    if (channel.empty()) return Error("channel_not_found");
    const bool is_dm = channel[0] == 'D' &&
                       std::any_of(dms.begin(), dms.end(),
                                   [&](const auto& dm) { return dm.second == channel; });
    if (!is_dm && (IsUserId(channel) || (!channels.empty() && !channels.contains(channel)))) {
        return Error("channel_not_found");
    }
    if (scopes) {
        const std::string needed = channel[0] == 'D'   ? "im:history"
                                   : channel[0] == 'G' ? "groups:history"
                                                       : "channels:history";
        if (!scopes->contains(needed)) {
            std::string provided;
            for (const std::string& scope : *scopes)
                provided += (provided.empty() ? "" : ",") + scope;
            json error = Error("missing_scope");
            error["needed"] = needed;
            error["provided"] = provided;
            return error;
        }
    }
    const auto bound = [&](const char* key) -> std::optional<std::optional<long long>> {
        if (!Has(args, key)) return std::optional<long long>();
        const auto micros = TsMicros(Str(args, key));
        if (!micros) return std::nullopt;
        return micros;
    };
    const auto oldest = bound("oldest");
    const auto latest = bound("latest");
    if (!oldest) return Error("invalid_ts_oldest");
    if (!latest) return Error("invalid_ts_latest");
    const bool inclusive = Truthy(args, "inclusive");
    const bool with_metadata = Truthy(args, "include_all_metadata");
    long long limit = replies ? 1000 : 100;
    if (Has(args, "limit")) {
        try {
            limit = std::stoll(Str(args, "limit"));
        } catch (const std::exception&) {
            return Error("invalid_limit");
        }
    }
    limit = std::clamp<long long>(limit, 1, 999);

    const auto in_channel = messages.find(channel);
    const std::map<std::string, json> empty;
    const auto& stored = in_channel == messages.end() ? empty : in_channel->second;
    const std::string thread_ts = Str(args, "ts");
    if (replies) {
        if (thread_ts.empty()) {
            return Error("invalid_arguments", {"[ERROR] missing required field: ts"});
        }
        if (!stored.contains(thread_ts)) return Error("thread_not_found");
    }

    // The candidates in the order Slack gives them: history newest first, a thread oldest first
    // after its parent. The parent of a thread is always the first message of the first page.
    std::vector<const json*> ordered;
    const json* parent = replies ? &stored.at(thread_ts) : nullptr;
    for (const auto& [ts, message] : stored) {
        const std::string in_thread = Str(message, "thread_ts");
        const bool top_level = in_thread.empty() || in_thread == ts;
        if (replies ? (in_thread != thread_ts || ts == thread_ts) : !top_level) continue;
        const long long micros = TsMicros(ts).value_or(0);
        if (*oldest && (inclusive ? micros < **oldest : micros <= **oldest)) continue;
        if (*latest && (inclusive ? micros > **latest : micros >= **latest)) continue;
        ordered.push_back(&message);
    }
    if (!replies) std::reverse(ordered.begin(), ordered.end());

    std::size_t start = 0;
    const std::string cursor = Str(args, "cursor");
    if (!cursor.empty()) {
        constexpr std::string_view kPrefix = "next_ts:";
        if (cursor.rfind(kPrefix, 0) != 0) return Error("invalid_cursor");
        const std::string from = cursor.substr(kPrefix.size());
        start = ordered.size();
        for (std::size_t i = 0; i < ordered.size(); ++i) {
            if (Str(*ordered[i], "ts") == from) {
                start = i;
                break;
            }
        }
        if (start == ordered.size()) return Error("invalid_cursor");
    }
    json page = json::array();
    if (parent != nullptr && cursor.empty()) page.push_back(*parent);
    std::size_t i = start;
    for (; i < ordered.size() && static_cast<long long>(page.size()) < limit; ++i) {
        page.push_back(*ordered[i]);
    }
    if (!with_metadata) {
        for (json& message : page) message.erase("metadata");
    }
    const bool has_more = i < ordered.size();
    json answer = Ok({{"messages", page}, {"has_more", has_more}});
    if (!replies) answer["pin_count"] = 0;
    if (has_more) {
        answer["response_metadata"] = {{"next_cursor", "next_ts:" + Str(*ordered[i], "ts")}};
    }
    return answer;
}

std::string Workspace::ResolveChannel(const std::string& channel) {
    if (channel.empty()) return {};
    if (IsUserId(channel)) return DmFor(channel);
    for (const auto& [user, dm] : dms) {
        if (dm == channel) return channel;
    }
    // A DM the fake did not open is one between people: the bot cannot see it.
    if (channel[0] == 'D') return {};
    if (!channels.empty() && !channels.contains(channel)) return {};
    return channel;
}

std::string Workspace::DmFor(const std::string& user_id) {
    auto it = dms.find(user_id);
    if (it == dms.end()) {
        char id[32];
        std::snprintf(id, sizeof id, "D%08lld", ++dm_counter_);
        it = dms.emplace(user_id, id).first;
    }
    return it->second;
}

std::string Workspace::NextTs() {
    if (options_.clock) {
        const long long now = std::chrono::duration_cast<std::chrono::microseconds>(
                                  options_.clock().time_since_epoch())
                                  .count();
        last_ts_micros_ = std::max(now, last_ts_micros_ + 1);
        char ts[32];
        std::snprintf(ts, sizeof ts, "%lld.%06lld", last_ts_micros_ / 1'000'000,
                      last_ts_micros_ % 1'000'000);
        return ts;
    }
    const long long micros = ++ts_counter_ * 100;
    char ts[32];
    std::snprintf(ts, sizeof ts, "%lld.%06lld", kBaseSeconds + micros / 1'000'000,
                  micros % 1'000'000);
    return ts;
}

std::string Workspace::NextViewId() {
    char id[32];
    std::snprintf(id, sizeof id, "V%08lld", ++view_counter_);
    return id;
}

std::string Workspace::NextHash() {
    char hash[40];
    std::snprintf(hash, sizeof hash, "%lld.h%08lld", kBaseSeconds, ++hash_counter_);
    return hash;
}

json Workspace::StoredView(json view, const std::string& id, const std::string& root_id,
                           const json& previous_id) {
    view["id"] = id;
    view["team_id"] = options_.team_id;
    view["app_id"] = options_.app_id;
    view["app_installed_team_id"] = options_.team_id;
    view["bot_id"] = options_.bot_id;
    view["hash"] = NextHash();
    view["root_view_id"] = root_id;
    view["previous_view_id"] = previous_id;
    view["state"] = {{"values", json::object()}};
    for (const char* key : {"private_metadata", "callback_id", "external_id"}) {
        if (!view.contains(key)) view[key] = "";
    }
    for (const char* key : {"clear_on_close", "notify_on_close"}) {
        if (!view.contains(key)) view[key] = false;
    }
    return view;
}

}  // namespace escbot::test::fake_slack
