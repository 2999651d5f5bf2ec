#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "storage/escalation_repositories.hpp"
#include "storage/sql/backends.hpp"

namespace escbot::storage::sql {

// Reading escalation_cases rows, shared by the case, report and retention repositories.

/// The escalation_cases columns ReadCase expects, in order (no table prefix).
inline constexpr std::string_view kCaseColumns =
    "id, sop_version, status, outcome, homeowner_key, answers, created_by,"
    " created_in_channel, created_at, follow_up_due, owner, claimed_at, last_update_at,"
    " resolved_by, resolved_at, resolution_note, overdue_since";

/// The status CaseStatusName wrote (an unknown one reads as open).
inline EscalationCase::Status ParseCaseStatus(std::string_view text) {
    if (text == "live") return EscalationCase::Status::kLive;
    if (text == "claimed") return EscalationCase::Status::kClaimed;
    if (text == "transferred") return EscalationCase::Status::kTransferred;
    if (text == "resolved") return EscalationCase::Status::kResolved;
    return EscalationCase::Status::kOpen;
}

/// One case from a statement whose first columns are kCaseColumns.
template <class Row>
EscalationCase ReadCase(Row& q) {
    EscalationCase c;
    c.id = q.getColumn(0).getInt64();
    c.sop_version = q.getColumn(1).getString();
    c.status = ParseCaseStatus(q.getColumn(2).getText());
    c.outcome = q.getColumn(3).getString();
    c.homeowner_key = q.getColumn(4).getString();
    c.answers = nlohmann::json::parse(q.getColumn(5).getText());
    c.created_by = q.getColumn(6).getString();
    c.created_in_channel = q.getColumn(7).getString();
    c.created_at = FromUnix(q.getColumn(8).getInt64());
    c.follow_up_due = OptionalTimeColumn(q, 9);
    c.owner = q.getColumn(10).getString();
    c.claimed_at = OptionalTimeColumn(q, 11);
    c.last_update_at = OptionalTimeColumn(q, 12);
    c.resolved_by = q.getColumn(13).getString();
    c.resolved_at = OptionalTimeColumn(q, 14);
    c.resolution_note = q.getColumn(15).getString();
    c.overdue_since = OptionalTimeColumn(q, 16);
    return c;
}

}  // namespace escbot::storage::sql
