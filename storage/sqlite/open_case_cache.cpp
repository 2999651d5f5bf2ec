#include "storage/sqlite/open_case_cache.hpp"

#include <sqlite3.h>

#include <cstring>

namespace escbot::storage::sqlite {

namespace {

// Compares a (key, limit) entry with a looked-up pair without building a std::string.
struct LookUp {
    std::string_view key;
    int limit;
};

bool operator<(const std::pair<std::string, int>& entry, const LookUp& look) {
    return entry.first != look.key ? entry.first < look.key : entry.second < look.limit;
}

bool operator<(const LookUp& look, const std::pair<std::string, int>& entry) {
    return look.key != entry.first ? look.key < entry.first : look.limit < entry.second;
}

void OnRowWritten(void* cache, int /*operation*/, const char* /*database*/, const char* table,
                  sqlite3_int64 /*rowid*/) {
    if (std::strcmp(table, "escalation_cases") == 0) {
        static_cast<OpenCaseCache*>(cache)->CasesChanged();
    }
}

}  // namespace

const std::vector<EscalationCase>* OpenCaseCache::Find(std::string_view homeowner_key,
                                                       int limit) const {
    const auto it = entries_.find(LookUp{homeowner_key, limit});
    return it == entries_.end() ? nullptr : &it->second;
}

void OpenCaseCache::Remember(std::string_view homeowner_key, int limit,
                             const std::vector<EscalationCase>& cases) {
    if (changing_) return;
    // Homeowners asked about are few at a time: past this many, start again.
    if (entries_.size() >= max_entries_) entries_.clear();
    entries_.insert_or_assign({std::string(homeowner_key), limit}, cases);
}

void OpenCaseCache::CasesChanged() {
    entries_.clear();
    changing_ = true;
}

void WatchCaseWrites(Database& db, OpenCaseCache& cache) {
    sqlite3_update_hook(db.Handle().getHandle(), &OnRowWritten, &cache);
}

}  // namespace escbot::storage::sqlite
