#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "storage/models.hpp"

namespace escbot::storage::sqlite {

/// What DraftRepository::ListOpen last read for each (user, flow): the user's open drafts, most
/// recently saved first (an empty list: none). Every /escalate asks it, and an agent usually has
/// nothing new to keep, so the answer is then served without a transaction (no lock calls, no
/// statement, no JSON parse). FindOpen is the list's first draft.
///
/// It is sound only while this process is the database's only writer (one connection behind the
/// store's mutex), so the store uses it only when Store::AllowsProcessCache() is true; and
/// drafts change only through the draft repository: a Create or Save forgets the entries it
/// touches (the draft's own user and flow, and whichever entry lists its id), and none is
/// remembered again until the transaction has ended (its writes may still roll back). Not
/// thread-safe: the store's mutex serialises all use.
class OpenDraftCache {
public:
    explicit OpenDraftCache(std::size_t max_entries = 4096) : max_entries_(max_entries) {}

    /// The remembered list: nullptr when unknown.
    const std::vector<Draft>* Find(std::string_view user_id, std::string_view flow) const;

    /// Remembers a committed answer read from the database, unless this transaction changed
    /// drafts of that user and flow.
    void Remember(std::string_view user_id, std::string_view flow, const std::vector<Draft>& open);

    /// A draft is being created or saved: forget what it may change, until the transaction ends.
    void Forget(const Draft& draft);

    /// The transaction ended (committed or rolled back).
    void EndTransaction() { changing_.clear(); }

    std::size_t Size() const { return entries_.size(); }

private:
    using Key = std::pair<std::string, std::string>;  // user id, flow
    struct KeyHash {
        std::size_t operator()(const Key& key) const;
    };

    void Erase(const Key& key);

    const std::size_t max_entries_;
    std::unordered_map<Key, std::vector<Draft>, KeyHash> entries_;
    std::unordered_map<long long, Key> key_of_id_;  // the cached drafts' ids
    std::set<Key> changing_;                         // touched by the current transaction
};

}  // namespace escbot::storage::sqlite
