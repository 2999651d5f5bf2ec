#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bot/slack/slack_api.hpp"
#include "tests/support/fake_socket_mode/fake_socket_mode_server.hpp"

namespace escbot::test {

/// A SlackApi that answers apps.connections.open the way Slack does ({"ok":true,"url":…}, with a
/// fresh URL of the fake Socket Mode server) and records each call's method, token and time.
/// Results can be scripted (errors first). Thread-safe.
class FakeConnectionsOpen final : public slack::SlackApi {
public:
    struct RecordedCall {
        std::string method;
        std::string token;
        std::chrono::steady_clock::time_point at;
    };

    explicit FakeConnectionsOpen(FakeSocketModeServer& server) : server_(server) {}

    /// The next `times` calls get `result` instead of a URL.
    void FailNext(const slack::ApiResult& result, int times = 1) {
        std::lock_guard lock(mutex_);
        for (int i = 0; i < times; ++i) scripted_.push_back(result);
    }
    /// Answers `url` instead of a fresh URL of the fake server (e.g. a wss:// one).
    void SetUrl(std::string url) {
        std::lock_guard lock(mutex_);
        url_ = std::move(url);
    }
    /// Every call gets `result`.
    void FailAlways(const slack::ApiResult& result) {
        std::lock_guard lock(mutex_);
        always_ = result;
    }

    std::vector<RecordedCall> Calls() const {
        std::lock_guard lock(mutex_);
        return calls_;
    }
    int CallCount() const {
        std::lock_guard lock(mutex_);
        return static_cast<int>(calls_.size());
    }

    void Call(std::string method, nlohmann::json /*args*/, slack::CallOptions options,
              slack::ApiCallback done) override {
        std::optional<slack::ApiResult> scripted;
        std::string url;
        {
            std::lock_guard lock(mutex_);
            calls_.push_back({method, options.token, std::chrono::steady_clock::now()});
            if (always_) {
                scripted = always_;
            } else if (!scripted_.empty()) {
                scripted = scripted_.front();
                scripted_.pop_front();
            }
            url = url_;
        }
        if (scripted) {
            done(*scripted);
            return;
        }
        slack::ApiResult result;
        result.attempts = 1;
        if (method != "apps.connections.open") {
            result.kind = slack::ApiResult::Kind::kPlatform;
            result.error = "unknown_method";
            result.http_status = 200;
            result.body = {{"ok", false}, {"error", "unknown_method"}};
        } else {
            result.kind = slack::ApiResult::Kind::kOk;
            result.http_status = 200;
            result.body = {{"ok", true}, {"url", url.empty() ? server_.NewUrl() : url}};
        }
        done(result);
    }

    static slack::ApiResult PlatformError(const std::string& code) {
        slack::ApiResult result;
        result.kind = slack::ApiResult::Kind::kPlatform;
        result.error = code;
        result.http_status = 200;
        result.body = {{"ok", false}, {"error", code}};
        result.attempts = 1;
        return result;
    }
    static slack::ApiResult TransportError() {
        slack::ApiResult result;
        result.kind = slack::ApiResult::Kind::kTransport;
        result.error = "connection refused";
        result.attempts = 1;
        return result;
    }

private:
    FakeSocketModeServer& server_;
    mutable std::mutex mutex_;
    std::vector<RecordedCall> calls_;
    std::deque<slack::ApiResult> scripted_;
    std::optional<slack::ApiResult> always_;
    std::string url_;
};

}  // namespace escbot::test
