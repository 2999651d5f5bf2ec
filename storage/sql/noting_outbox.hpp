#pragma once

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/store.hpp"

namespace escbot::storage::sql {

// The outbox as a unit of work hands it out: notes whether the transaction enqueued anything,
// so that the store can wake the outbox worker after the commit.
class NotingOutbox final : public OutboxRepository {
public:
    explicit NotingOutbox(OutboxRepository& inner) : inner_(inner) {}

    long long Enqueue(const OutboxItem& item, TimePoint now) override {
        const long long id = inner_.Enqueue(item, now);
        enqueued_ = true;
        return id;
    }
    std::vector<OutboxItem> Due(TimePoint now, int limit) override { return inner_.Due(now, limit); }
    std::vector<OutboxItem> ClaimDue(TimePoint now, int limit, std::string_view owner,
                                     TimePoint lease_until) override {
        return inner_.ClaimDue(now, limit, owner, lease_until);
    }
    std::optional<OutboxItem> Get(long long id) override { return inner_.Get(id); }
    void MarkSent(long long id, TimePoint now) override { inner_.MarkSent(id, now); }
    void MarkRetry(long long id, TimePoint next_attempt_at, std::string_view error) override {
        inner_.MarkRetry(id, next_attempt_at, error);
    }
    void MarkFailed(long long id, std::string_view error, TimePoint now) override {
        inner_.MarkFailed(id, error, now);
    }
    void MarkAttempting(long long id, TimePoint now) override { inner_.MarkAttempting(id, now); }
    void MarkOutcomeKnown(long long id) override { inner_.MarkOutcomeKnown(id); }
    int FailWaitingOn(std::string_view key, std::string_view error, TimePoint now) override {
        return inner_.FailWaitingOn(key, error, now);
    }
    OutboxStats Stats() override { return inner_.Stats(); }
    std::optional<TimePoint> NextAttemptAt() override { return inner_.NextAttemptAt(); }
    long long PruneFinished(TimePoint cutoff) override { return inner_.PruneFinished(cutoff); }
    std::optional<OutboxSend> LastSend(std::string_view result_key) override {
        return inner_.LastSend(result_key);
    }

    std::vector<OutboxItem> UnreportedFailures(int limit) override {
        return inner_.UnreportedFailures(limit);
    }
    void MarkFailureReported(long long id, TimePoint at) override {
        inner_.MarkFailureReported(id, at);
    }

    /// True when an item was enqueued since the last call; clears the mark.
    bool TakeEnqueued() { return std::exchange(enqueued_, false); }

private:
    OutboxRepository& inner_;
    bool enqueued_ = false;
};

}  // namespace escbot::storage::sql
