// SocketModeClient::Impl: envelope handling (de-duplication, the typed read of the payload,
// dispatch on the handler pool, acks). Declared in socket_mode_client_impl.hpp.

#include <chrono>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <boost/asio/post.hpp>

#include "bot/routing/router.hpp"
#include "bot/socket_mode/envelope_dedupe.hpp"
#include "bot/socket_mode/frame.hpp"
#include "bot/socket_mode/socket_mode_client_impl.hpp"

namespace escbot::socket_mode {
namespace {

double Millis(SteadyClock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

}  // namespace

void SocketModeClient::Impl::OnEnvelope(int link_id, Frame&& frame) {
    if (stopping_) return;  // unacked: Slack delivers it again, to the next connection
    const auto now = SteadyClock::now();
    const auto kind = InboundKindFor(frame.type);
    envelopes_[kind ? frame.type : "other"]->Inc();

    if (EnvelopeDedupe::Entry* seen = dedupe_.Find(frame.envelope_id, now)) {
        redeliveries_->Inc();
        Log()->info("envelope {} type={} redelivered (retry_attempt={}): acked, not dispatched",
                    frame.envelope_id, Code(frame.type), frame.retry_attempt);
        if (seen->ack_frame) {
            SendAck(link_id, frame.envelope_id, *seen->ack_frame);
        } else {
            seen->waiting_links.push_back(link_id);
        }
        return;
    }

    EnvelopeDedupe::Entry& entry = dedupe_.Insert(frame.envelope_id, now);
    if (!kind) {
        Log()->warn("envelope {}: unhandled type {}, acked without dispatch",
                    frame.envelope_id, Code(frame.type));
        entry.ack_frame = AckFrame(frame.envelope_id, routing::Ack::Empty());
        SendAck(link_id, frame.envelope_id, *entry.ack_frame);
        return;
    }

    auto read = ToInbound(frame, *kind, now);
    if (const auto* malformed = std::get_if<routing::PayloadError>(&read)) {
        Log()->warn("envelope {}: malformed {} payload ({}), acked without dispatch",
                    frame.envelope_id, Code(frame.type), malformed->error);
        entry.ack_frame = AckFrame(frame.envelope_id, routing::Ack::Empty());
        SendAck(link_id, frame.envelope_id, *entry.ack_frame);
        return;
    }
    Job job{frame.envelope_id, frame.type, link_id,
            frame.retry_attempt, now, std::move(std::get<routing::Inbound>(read))};
    net::post(*pool_, [this, job = std::move(job)]() mutable { RunHandler(std::move(job)); });
}

// On a handler thread.
void SocketModeClient::Impl::RunHandler(Job job) {
    std::string route = routing::RouteName(job.inbound);
    routing::Ack ack = routing::Ack::Empty();
    bool failed = false;
    try {
        ack = dispatch_(job.inbound);
    } catch (const std::exception& e) {
        failed = true;
        Log()->error("envelope {}: handler for {} threw: {}", job.envelope_id, route, e.what());
    } catch (...) {
        failed = true;
        Log()->error("envelope {}: handler for {} threw", job.envelope_id, route);
    }
    // A failed event is left unacked, so that Slack delivers it again (retry_attempt), as HTTP
    // mode answers 5xx (bot/routing/router.cpp). Slash commands and interactions are never
    // redelivered: they keep their ack (the router's "nothing was saved" reply, or an empty one).
    if (failed && job.type == "events_api") {
        job.inbound = {};
        net::post(io_, [this, job = std::move(job), route = std::move(route)]() mutable {
            OnEventFailed(std::move(job), route);
        });
        return;
    }
    std::string ack_frame = AckFrame(job.envelope_id, ack);
    const bool with_payload = !ack.IsEmpty();
    job.inbound = {};  // release the payload before the hop back
    net::post(io_, [this, job = std::move(job), route = std::move(route),
                    ack_frame = std::move(ack_frame), with_payload]() mutable {
        OnHandled(std::move(job), route, std::move(ack_frame), with_payload);
    });
}

void SocketModeClient::Impl::OnHandled(Job job, const std::string& route, std::string ack_frame,
                                       bool with_payload) {
    const auto now = SteadyClock::now();
    std::vector<int> waiting;
    if (EnvelopeDedupe::Entry* entry = dedupe_.Find(job.envelope_id, now)) {
        waiting = std::move(entry->waiting_links);
        entry->waiting_links.clear();
        entry->ack_frame = ack_frame;
    }
    const bool sent = SendAck(job.link_id, job.envelope_id, ack_frame);
    for (int link_id : waiting) SendAck(link_id, job.envelope_id, ack_frame);

    const auto latency = now - job.received_at;
    ack_latency_->Observe(std::chrono::duration<double>(latency).count());
    Log()->info("envelope {} type={} route={} retry={} {} in {:.2f} ms{}", job.envelope_id,
                job.type, route, job.retry_num, sent ? "acked" : "NOT acked",
                Millis(latency), with_payload ? " with payload" : "");
}

void SocketModeClient::Impl::OnEventFailed(Job job, const std::string& route) {
    // Forget the id: a redelivery with the same envelope_id must be dispatched, not answered as
    // a duplicate. Redeliveries waiting for this answer stay unacked too.
    dedupe_.Forget(job.envelope_id);
    unacked_failures_->Inc();
    Log()->warn("envelope {} type={} route={} retry={} NOT acked: its handler failed, Slack "
                "delivers it again",
                job.envelope_id, job.type, route, job.retry_num);
}

/// Acks on the link the envelope came on, or on the live link if that one is closing (the
/// SDKs ack on the current connection too). False when no link is open: Slack redelivers.
bool SocketModeClient::Impl::SendAck(int link_id, const std::string& envelope_id,
                                     const std::string& ack_frame) {
    for (int id : {link_id, active_id_}) {
        if (id == 0) continue;
        auto it = links_.find(id);
        if (it != links_.end() && it->second->Send(ack_frame)) {
            acks_->Inc();
            return true;
        }
    }
    Log()->warn("envelope {}: no open connection for the ack", envelope_id);
    return false;
}

}  // namespace escbot::socket_mode
