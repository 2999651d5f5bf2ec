#include "bot/socket_mode/envelope_dedupe.hpp"

#include <algorithm>
#include <iterator>

namespace escbot::socket_mode {

EnvelopeDedupe::EnvelopeDedupe(std::chrono::steady_clock::duration window, std::size_t max_entries)
    : window_(window), max_entries_(max_entries == 0 ? 1 : max_entries) {}

EnvelopeDedupe::Entry* EnvelopeDedupe::Find(std::string_view id, TimePoint now) {
    Expire(now);
    const auto it = entries_.find(std::string(id));
    return it == entries_.end() ? nullptr : &it->second;
}

EnvelopeDedupe::Entry& EnvelopeDedupe::Insert(std::string id, TimePoint now) {
    Expire(now);
    while (entries_.size() >= max_entries_ && !order_.empty()) {
        entries_.erase(order_.front().second);
        order_.pop_front();
    }
    order_.emplace_back(now, id);
    Entry& entry = entries_[std::move(id)];
    entry = Entry{now, std::nullopt, {}};
    return entry;
}

void EnvelopeDedupe::Forget(std::string_view id) {
    if (entries_.erase(std::string(id)) == 0) return;
    // The failed delivery is among the newest: search from the back.
    const auto it = std::find_if(order_.rbegin(), order_.rend(),
                                 [&](const auto& seen) { return seen.second == id; });
    if (it != order_.rend()) order_.erase(std::next(it).base());
}

void EnvelopeDedupe::Expire(TimePoint now) {
    while (!order_.empty() && now - order_.front().first >= window_) {
        entries_.erase(order_.front().second);
        order_.pop_front();
    }
}

}  // namespace escbot::socket_mode
