#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace escbot::socket_mode {

/// Remembers the envelope ids seen within a time window, so that a redelivered envelope is acked
/// again but not dispatched twice. Each entry keeps the ack sent for it (to repeat it) and the
/// connections waiting for that ack while the first delivery is still being handled.
/// Not thread-safe: the client uses it on its I/O thread only.
class EnvelopeDedupe {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    struct Entry {
        TimePoint first_seen;
        std::optional<std::string> ack_frame;  // set once the handler has answered
        std::vector<int> waiting_links;        // redeliveries that arrived before the answer
    };

    /// `window`: how long an id is remembered; `max_entries`: a memory cap (oldest go first).
    EnvelopeDedupe(std::chrono::steady_clock::duration window, std::size_t max_entries);

    /// The entry for `id` if it was seen within the window, after forgetting expired ids.
    Entry* Find(std::string_view id, TimePoint now);
    /// Records a new id (precondition: Find returned null) and returns its entry.
    Entry& Insert(std::string id, TimePoint now);
    /// Forgets `id` at once, so that its next delivery is dispatched again (its handler failed
    /// and it was left unacked for Slack to deliver again).
    void Forget(std::string_view id);

    std::size_t size() const { return entries_.size(); }

private:
    void Expire(TimePoint now);

    std::chrono::steady_clock::duration window_;
    std::size_t max_entries_;
    std::unordered_map<std::string, Entry> entries_;
    std::deque<std::pair<TimePoint, std::string>> order_;  // insertion order, for expiry
};

}  // namespace escbot::socket_mode
