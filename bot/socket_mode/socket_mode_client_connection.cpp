// SocketModeClient::Impl: connection management (apps.connections.open, links, hello,
// disconnect frames, retries with backoff, fatal errors). Declared in socket_mode_client_impl.hpp.

#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <string>

#include <boost/asio/post.hpp>

#include "bot/socket_mode/backoff.hpp"
#include "bot/socket_mode/frame.hpp"
#include "bot/socket_mode/link.hpp"
#include "bot/socket_mode/socket_mode_client_impl.hpp"
#include "bot/socket_mode/ws_url.hpp"

namespace escbot::socket_mode {

// ---- everything below runs on the I/O thread ----

void SocketModeClient::Impl::BeginStop() {
    stopping_ = true;
    retry_timer_.cancel();
    hello_timer_.cancel();
    if (pending_id_ != 0) {
        if (auto it = links_.find(pending_id_); it != links_.end()) it->second->Abort();
    }
}

void SocketModeClient::Impl::CloseAll() {
    const auto links = links_;  // Close() may end a link and erase it from links_
    for (const auto& [id, link] : links) link->Close();
    connected_->store(false);
}

/// Asks apps.connections.open for a fresh URL. `reason` is null for the first connection.
void SocketModeClient::Impl::Connect(const char* reason) {
    if (stopping_ || state_ == State::kFailed || attempt_in_progress_) return;
    attempt_in_progress_ = true;
    if (reason != nullptr) {
        metrics_.GetCounter("escbot_socket_mode_reconnects_total",
                            "Socket Mode reconnections started, by cause", {{"reason", reason}})
            .Inc();
    }

    slack::CallOptions call;
    call.token = options_.app_token;  // the only place the app token goes
    call.max_attempts = 1;            // retries are ours, with backoff
    std::weak_ptr<Impl> weak = shared_from_this();
    api_.Call("apps.connections.open", nlohmann::json::object(), std::move(call),
              [weak](const slack::ApiResult& result) {
                  // Raw `this` in the posted handler: a handler that never runs is destroyed
                  // with io_, and io_ runs only while the Impl is alive.
                  if (auto self = weak.lock()) {
                      Impl* impl = self.get();
                      net::post(impl->io_, [impl, result] { impl->OnConnectionsOpen(result); });
                  }
              });
}

void SocketModeClient::Impl::OnConnectionsOpen(const slack::ApiResult& result) {
    if (stopping_ || state_ == State::kFailed) {
        attempt_in_progress_ = false;
        return;
    }
    if (!result.ok()) {
        attempt_in_progress_ = false;
        if (result.kind == slack::ApiResult::Kind::kPlatform && !slack::IsRetryable(result)) {
            Fail(result.error);
            return;
        }
        Log()->warn("apps.connections.open failed: {} (HTTP {})", Code(result.error),
                    result.http_status);
        const bool limited = result.kind == slack::ApiResult::Kind::kRateLimited;
        ScheduleRetry(limited ? std::chrono::milliseconds(result.retry_after)
                              : std::chrono::milliseconds(0),
                      "open_failed");
        return;
    }

    const auto url_field = result.body.find("url");
    std::optional<WsUrl> url;
    if (url_field != result.body.end() && url_field->is_string())
        url = ParseWsUrl(url_field->get_ref<const std::string&>());
    if (!url) {
        attempt_in_progress_ = false;
        Log()->warn("apps.connections.open returned no usable ws(s):// url");
        ScheduleRetry(std::chrono::milliseconds(0), "open_failed");
        return;
    }

    const int id = next_link_id_++;
    pending_id_ = id;
    // The URL's query is a connection ticket: log the host only.
    Log()->info("link {}: connecting to {}{}", id, url->HostHeader(),
                url->tls ? "" : " (plain ws://)");
    detail::LinkSettings settings;
    settings.handshake_timeout = options_.handshake_timeout;
    settings.ping_interval = options_.ping_interval;
    settings.ping_timeout = options_.ping_timeout;
    settings.max_frame_bytes = options_.max_frame_bytes;
    detail::LinkHandlers handlers{
        [this](int link_id, std::string text) { OnText(link_id, std::move(text)); },
        [this](int link_id, LinkEnd end, const std::string& why) {
            OnLinkClosed(link_id, end, why);
        }};
    links_[id] = detail::StartLink(id, io_, tls_, *url, settings, std::move(handlers));

    hello_timer_.expires_after(options_.hello_timeout);
    hello_timer_.async_wait([this, id](boost::system::error_code ec) {
        if (ec || pending_id_ != id) return;
        Log()->warn("link {}: no hello within {} ms", id, options_.hello_timeout.count());
        if (auto it = links_.find(id); it != links_.end()) it->second->Abort();
    });
}

void SocketModeClient::Impl::OnText(int link_id, std::string text) {
    Frame frame = ParseFrame(text);
    switch (frame.kind) {
        case Frame::Kind::kHello:
            OnHello(link_id, frame);
            return;
        case Frame::Kind::kDisconnect:
            OnDisconnectFrame(link_id, frame);
            return;
        case Frame::Kind::kEnvelope:
            OnEnvelope(link_id, std::move(frame));
            return;
        case Frame::Kind::kOther:
            Log()->debug("link {}: ignoring frame of type {}", link_id, Code(frame.type));
            return;
        case Frame::Kind::kMalformed:
            Log()->warn("link {}: ignoring a frame that is not a JSON object ({} bytes)",
                        link_id, text.size());
            return;
    }
}

void SocketModeClient::Impl::OnHello(int link_id, const Frame& frame) {
    if (link_id != pending_id_) {
        Log()->debug("link {}: extra hello ignored", link_id);
        return;
    }
    hello_timer_.cancel();
    pending_id_ = 0;
    attempt_in_progress_ = false;
    connected_at_ = std::chrono::steady_clock::now();
    const int replaced = active_id_;
    active_id_ = link_id;
    connected_->store(true);
    state_ = State::kConnected;
    Log()->info("link {}: connected (num_connections={})", link_id, frame.num_connections);
    // Only now, with the new link live, is the one it replaces closed: nothing is lost.
    if (replaced != 0) {
        if (auto it = links_.find(replaced); it != links_.end()) {
            Log()->info("link {}: closing, replaced by link {}", replaced, link_id);
            it->second->Close();
        }
    }
}

void SocketModeClient::Impl::OnDisconnectFrame(int link_id, const Frame& frame) {
    Log()->info("link {}: disconnect requested (reason={})", link_id, Code(frame.reason));
    if (link_id != active_id_ || attempt_in_progress_ || retry_scheduled_) return;
    if (ForgiveFailuresIfStable()) {
        // The routine refresh (a link lives hours): the new link at once.
        ++failures_;
        Connect("disconnect_frame");
        return;
    }
    // Disconnected again soon after the last hello: back off, with jitter.
    ScheduleRetry(std::chrono::milliseconds(0), "disconnect_frame");
}

bool SocketModeClient::Impl::ForgiveFailuresIfStable() {
    if (std::chrono::steady_clock::now() - connected_at_ >= options_.stable_after) failures_ = 0;
    return failures_ == 0;
}

void SocketModeClient::Impl::OnLinkClosed(int link_id, LinkEnd end,
                                          const std::string& why) {
    links_.erase(link_id);
    const bool expected = end == LinkEnd::kClosedByUs || stopping_;
    if (expected) {
        Log()->info("link {}: closed ({})", link_id, detail::LinkEndName(end));
    } else {
        Log()->warn("link {}: ended: {} {}", link_id, detail::LinkEndName(end), why);
    }

    if (link_id == pending_id_) {
        pending_id_ = 0;
        hello_timer_.cancel();
        attempt_in_progress_ = false;
        ScheduleRetry(std::chrono::milliseconds(0),
                      end == LinkEnd::kRefused ? "connect_failed" : "hello_failed");
    } else if (link_id == active_id_) {
        active_id_ = 0;
        connected_->store(false);
        if (stopping_ || state_ == State::kFailed) return;
        state_ = State::kConnecting;
        // After a disconnect frame the new link is already on its way.
        if (!attempt_in_progress_ && !retry_scheduled_) {
            ForgiveFailuresIfStable();
            ScheduleRetry(std::chrono::milliseconds(0),
                          end == LinkEnd::kPingTimeout ? "ping_timeout" : "connection_lost");
        }
    }
}

void SocketModeClient::Impl::ScheduleRetry(std::chrono::milliseconds at_least,
                                           const char* reason) {
    if (stopping_ || state_ == State::kFailed) return;
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto delay = std::max(
        at_least,
        BackoffDelay(failures_, options_.backoff_initial, options_.backoff_max, unit(rng_)));
    ++failures_;
    retry_scheduled_ = true;
    if (active_id_ == 0) state_ = State::kConnecting;
    Log()->info("reconnecting in {} ms ({}, attempt {})", delay.count(), reason, failures_);
    retry_timer_.expires_after(delay);
    retry_timer_.async_wait([this, reason](boost::system::error_code ec) {
        if (ec) return;
        retry_scheduled_ = false;
        Connect(reason);
    });
}

void SocketModeClient::Impl::Fail(const std::string& code) {
    state_ = State::kFailed;
    {
        std::lock_guard lock(error_mutex_);
        fatal_error_ = code;
    }
    Log()->error("apps.connections.open failed with {}: not retrying, Socket Mode is stopped",
                 Code(code));
    retry_timer_.cancel();
    hello_timer_.cancel();
    const auto links = links_;
    for (const auto& [id, link] : links) link->Abort();
    connected_->store(false);
    if (options_.on_fatal) {
        try {
            options_.on_fatal(code);
        } catch (const std::exception& e) {
            Log()->error("on_fatal threw: {}", e.what());
        }
    }
}

}  // namespace escbot::socket_mode
