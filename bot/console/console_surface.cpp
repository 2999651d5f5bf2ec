#include "bot/console/console_surface.hpp"

#include <cstdio>

#include "bot/slack/json_text.hpp"

namespace escbot::console {
namespace {

slack::ApiResult Ok(nlohmann::json body) {
    body["ok"] = true;
    slack::ApiResult result;
    result.kind = slack::ApiResult::Kind::kOk;
    result.http_status = 200;
    result.attempts = 1;
    result.body = std::move(body);
    return result;
}

slack::ApiResult Error(std::string code) {
    slack::ApiResult result;
    result.kind = slack::ApiResult::Kind::kPlatform;
    result.http_status = 200;
    result.attempts = 1;
    result.error = code;
    result.body = {{"ok", false}, {"error", std::move(code)}};
    return result;
}

}  // namespace

ConsoleSurface::ConsoleSurface(std::ostream& out, std::map<std::string, std::string> channel_names)
    : out_(out), channel_names_(std::move(channel_names)) {}

void ConsoleSurface::Call(std::string method, nlohmann::json args, slack::CallOptions,
                          slack::ApiCallback done) {
    nlohmann::json body;
    {
        std::lock_guard lock(mutex_);
        body = Handle(method, slack::Expanded(std::move(args)));
    }
    if (body.is_string()) {
        done(Error(body.get<std::string>()));
    } else {
        done(Ok(std::move(body)));
    }
}

// Returns the response body, or a string holding Slack's error code.
nlohmann::json ConsoleSurface::Handle(const std::string& method, const nlohmann::json& args) {
    if (method == "chat.postMessage") return PostMessage(args, false);
    if (method == "chat.postEphemeral") return PostMessage(args, true);
    if (method == "chat.update") return UpdateMessage(args);
    if (method == "views.open" || method == "views.push" || method == "views.update") {
        if (!args.contains("view")) return "invalid_arguments";
        return StoreView(args["view"], method.substr(6), args.value("view_id", ""));
    }
    if (method == "views.publish") return nlohmann::json{{"view", {{"id", "VHOME"}}}};
    if (method == "chat.getPermalink") {
        return nlohmann::json{{"channel", args.value("channel", "")},
                              {"permalink", "console://" + args.value("channel", "") + "/p" +
                                                args.value("message_ts", "")}};
    }
    if (method == "conversations.open") {
        return nlohmann::json{{"channel", {{"id", "D" + args.value("users", "")}}}};
    }
    if (method == "users.info") {
        const std::string user = args.value("user", "");
        return nlohmann::json{{"user", {{"id", user}, {"name", user}, {"tz", "America/New_York"}}}};
    }
    if (method == "usergroups.users.list") return nlohmann::json{{"users", nlohmann::json::array()}};
    return nlohmann::json::object();
}

std::string ConsoleSurface::ChannelLabel(const std::string& channel) const {
    auto it = channel_names_.find(channel);
    if (it != channel_names_.end()) return "#" + it->second + " (" + channel + ")";
    if (!channel.empty() && (channel[0] == 'U' || channel[0] == 'W' || channel[0] == 'D'))
        return "direct message to @" + channel;
    return "#" + channel;
}

void ConsoleSurface::PrintMessage(const std::string& heading, const nlohmann::json& args,
                                  const std::string& channel, const std::string& ts) {
    std::vector<RenderedButton> rendered;
    for (size_t i = 0; i < buttons_.size(); ++i) rendered.push_back(buttons_[i].button);
    const size_t first_new = rendered.size();
    std::string body;
    if (args.contains("blocks")) body = RenderBlocks(args["blocks"], rendered);
    if (body.empty()) body = MrkdwnToText(args.value("text", "")) + "\n";
    for (size_t i = first_new; i < rendered.size(); ++i) {
        buttons_.push_back({rendered[i], channel, ts});
        live_.push_back(true);
    }
    out_ << "\n--- " << heading << " ---\n" << body << std::flush;
}

nlohmann::json ConsoleSurface::PostMessage(const nlohmann::json& args, bool ephemeral) {
    const std::string channel = args.value("channel", "");
    if (channel.empty()) return "channel_not_found";
    char ts[32];
    std::snprintf(ts, sizeof ts, "1700000000.%06lld", next_ts_++);
    std::string heading = ephemeral ? "only you see this, in " + ChannelLabel(channel)
                                    : "posted to " + ChannelLabel(channel);
    if (args.contains("thread_ts")) heading += ", in the thread of " + args["thread_ts"].get<std::string>();
    PrintMessage(heading, args, channel, ts);
    if (ephemeral) return nlohmann::json{{"message_ts", ts}};
    return nlohmann::json{{"channel", channel}, {"ts", ts}, {"message", {{"text", args.value("text", "")}}}};
}

nlohmann::json ConsoleSurface::UpdateMessage(const nlohmann::json& args) {
    const std::string channel = args.value("channel", "");
    const std::string ts = args.value("ts", "");
    for (size_t i = 0; i < buttons_.size(); ++i)
        if (buttons_[i].channel == channel && buttons_[i].message_ts == ts) live_[i] = false;
    PrintMessage("message " + ts + " in " + ChannelLabel(channel) + " now reads", args, channel, ts);
    return nlohmann::json{{"channel", channel}, {"ts", ts}};
}

nlohmann::json ConsoleSurface::StoreView(nlohmann::json view, const std::string& mode,
                                         const std::string& view_id) {
    if (mode == "update") {
        for (auto& existing : views_) {
            if (existing.value("id", "") != view_id && !view_id.empty()) continue;
            const std::string id = existing.value("id", "");
            existing = std::move(view);
            existing["id"] = id;
            existing["hash"] = "h" + std::to_string(next_view_++);
            return nlohmann::json{{"view", existing}};
        }
        return "not_found";
    }
    if (mode == "push" && views_.size() >= 3) return "push_limit_reached";
    if (mode == "open") views_.clear();
    view["id"] = "VCONSOLE" + std::to_string(next_view_++);
    view["hash"] = "h" + std::to_string(next_view_++);
    views_.push_back(view);
    return nlohmann::json{{"view", view}};
}

void ConsoleSurface::ShowReply(const nlohmann::json& message, const std::string& channel) {
    std::lock_guard lock(mutex_);
    char ts[32];
    std::snprintf(ts, sizeof ts, "1700000000.%06lld", next_ts_++);
    PrintMessage("reply only you see", message, channel, ts);
}

bool ConsoleSurface::HasModal() const {
    std::lock_guard lock(mutex_);
    return !views_.empty();
}

nlohmann::json ConsoleSurface::TopView() const {
    std::lock_guard lock(mutex_);
    return views_.empty() ? nlohmann::json() : views_.back();
}

void ConsoleSurface::PopView() {
    std::lock_guard lock(mutex_);
    if (!views_.empty()) views_.pop_back();
}

void ConsoleSurface::ClearViews() {
    std::lock_guard lock(mutex_);
    views_.clear();
}

void ConsoleSurface::ReplaceTop(nlohmann::json view) {
    std::lock_guard lock(mutex_);
    if (views_.empty()) return;
    view["id"] = views_.back().value("id", "");
    view["hash"] = "h" + std::to_string(next_view_++);
    views_.back() = std::move(view);
}

void ConsoleSurface::Push(nlohmann::json view) {
    std::lock_guard lock(mutex_);
    view["id"] = "VCONSOLE" + std::to_string(next_view_++);
    view["hash"] = "h" + std::to_string(next_view_++);
    views_.push_back(std::move(view));
}

std::optional<ClickableButton> ConsoleSurface::Button(int n) const {
    std::lock_guard lock(mutex_);
    if (n < 1 || static_cast<size_t>(n) > buttons_.size() || !live_[n - 1]) return std::nullopt;
    return buttons_[n - 1];
}

}  // namespace escbot::console
