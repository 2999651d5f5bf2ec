#include "storage/sqlite/open_draft_cache.hpp"

#include <functional>

namespace escbot::storage::sqlite {

std::size_t OpenDraftCache::KeyHash::operator()(const Key& key) const {
    const std::size_t user = std::hash<std::string>{}(key.first);
    return user ^ (std::hash<std::string>{}(key.second) + 0x9e3779b97f4a7c15ULL + (user << 6) +
                   (user >> 2));
}

const std::vector<Draft>* OpenDraftCache::Find(std::string_view user_id,
                                               std::string_view flow) const {
    // The key is built for the lookup: two short strings, cheaper than the SQL it saves.
    const auto it = entries_.find(Key(user_id, flow));
    return it == entries_.end() ? nullptr : &it->second;
}

void OpenDraftCache::Remember(std::string_view user_id, std::string_view flow,
                              const std::vector<Draft>& open) {
    Key key(user_id, flow);
    if (changing_.contains(key)) return;
    // Agents are few: past this many, start again rather than grow without bound.
    if (entries_.size() >= max_entries_) {
        entries_.clear();
        key_of_id_.clear();
    }
    Erase(key);
    for (const Draft& draft : open) key_of_id_[draft.id] = key;
    entries_.insert_or_assign(std::move(key), open);
}

void OpenDraftCache::Forget(const Draft& draft) {
    Key key(draft.user_id, draft.flow);
    // Saved by id: the row may belong to another entry than its fields say.
    if (const auto it = key_of_id_.find(draft.id); it != key_of_id_.end()) {
        const Key cached = it->second;
        Erase(cached);
        changing_.insert(cached);
    }
    Erase(key);
    changing_.insert(std::move(key));
}

void OpenDraftCache::Erase(const Key& key) {
    const auto it = entries_.find(key);
    if (it == entries_.end()) return;
    for (const Draft& draft : it->second) key_of_id_.erase(draft.id);
    entries_.erase(it);
}

}  // namespace escbot::storage::sqlite
