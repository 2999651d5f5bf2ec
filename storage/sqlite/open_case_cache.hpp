#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/escalation_repositories.hpp"
#include "storage/sqlite/database.hpp"

namespace escbot::storage::sqlite {

/// What CaseRepository::FindOpenByHomeowner last read for each (homeowner key, limit). Reopening
/// a form at its first screen asks it on every /escalate (the screen's route needs "is a case
/// open for this homeowner?"), and cases change seldom: the read then needs no transaction.
/// Tuning: this query and its BEGIN/COMMIT were 8 % of the CPU per /escalate at c=64 (perf).
///
/// Sound only while this process is the database's only writer (Store::AllowsProcessCache), and
/// only while every row written to escalation_cases is reported to CasesChanged: WatchCaseWrites
/// does that through SQLite's update hook, whatever statement wrote it (a DELETE without WHERE
/// is not reported: the bot never empties the table). After a change nothing is remembered
/// until the transaction ends (its writes may still roll back). Not thread-safe: the store's
/// mutex serialises all use.
class OpenCaseCache {
public:
    explicit OpenCaseCache(std::size_t max_entries = 4096) : max_entries_(max_entries) {}

    /// The remembered cases: nullptr when unknown.
    const std::vector<EscalationCase>* Find(std::string_view homeowner_key, int limit) const;

    /// Remembers an answer read from the database, unless cases changed in this transaction.
    void Remember(std::string_view homeowner_key, int limit,
                  const std::vector<EscalationCase>& cases);

    /// A row of escalation_cases was written: forgets everything, until the transaction ends.
    void CasesChanged();

    /// The transaction ended (committed or rolled back).
    void EndTransaction() { changing_ = false; }

    std::size_t Size() const { return entries_.size(); }

private:
    const std::size_t max_entries_;
    std::map<std::pair<std::string, int>, std::vector<EscalationCase>, std::less<>> entries_;
    bool changing_ = false;
};

/// Tells `cache` of every row `db` writes to escalation_cases (SQLite's update hook, which a
/// connection has only one of). `cache` must outlive `db`'s use.
void WatchCaseWrites(Database& db, OpenCaseCache& cache);

}  // namespace escbot::storage::sqlite
