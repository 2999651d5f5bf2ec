#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "storage/escalation_repositories.hpp"
#include "storage/models.hpp"

namespace escbot::storage {

/// Removing the personal data of work finished long ago ([retention] personal_data_days), while
/// keeping the anonymous record that reports and the audit log use: ids, codes, times, states.
class RetentionRepository {
public:
    virtual ~RetentionRepository() = default;

    /// Escalation cases closed before `cutoff` (resolved then, or transferred live when their
    /// ladder ended) whose personal data is still there; lowest id first, at most `limit`.
    virtual std::vector<EscalationCase> CasesDueForPurge(TimePoint cutoff, int limit) = 0;
    /// Replaces the case's answers with `kept_answers` and empties its homeowner key, resolution
    /// note, the text of its thread updates and of its added interactions; marks it purged at
    /// `at` so that it is not listed again.
    virtual void PurgeCase(long long id, const nlohmann::json& kept_answers, TimePoint at) = 0;
    /// Empties the answers of drafts closed (submitted or abandoned) before `cutoff`; returns how
    /// many. Open drafts are never touched.
    virtual long long PurgeClosedDrafts(TimePoint cutoff) = 0;
    /// Empties the homeowner and address of Concert requests closed before `cutoff`; returns how
    /// many.
    virtual long long PurgeClosedConcertRequests(TimePoint cutoff) = 0;
    /// Empties the homeowner, address, installer email, phone, best time, description,
    /// interaction id, referral answers, closure comments and event details of installer
    /// complaints closed (or recorded as no case) before `cutoff`; returns how many. Program,
    /// installer name, type, states and times stay.
    virtual long long PurgeClosedInstallerComplaints(TimePoint cutoff) = 0;
    /// How many rows the three purges above would change now.
    virtual long long CountClosedDrafts(TimePoint cutoff) = 0;
    virtual long long CountClosedConcertRequests(TimePoint cutoff) = 0;
    virtual long long CountClosedInstallerComplaints(TimePoint cutoff) = 0;
};

}  // namespace escbot::storage
