#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "bot/core/clock.hpp"
#include "config/sop/sop_catalog.hpp"
#include "storage/store.hpp"

namespace escbot::commands::retention {

// Retention ([retention] personal_data_days): the personal data of work closed longer ago than
// that is removed from the database, keeping the anonymous record reports use. A daily durable
// timer runs it, and `escalation-bot purge [--dry-run]` runs it by hand.

inline constexpr std::string_view kPurgeTimerKind = "retention.purge";
inline constexpr std::string_view kPurgeTimerKey = "retention.purge";

struct PurgeCounts {
    long long cases = 0;
    long long drafts = 0;
    long long concert_requests = 0;
    long long installer_complaints = 0;
    /// False when more cases are due than one batch took: run again soon.
    bool complete = true;
};

/// The answers a purged case keeps: those of choice and date questions of its SOP version
/// (codes such as concern types and qualifiers, and dates), never text, emails or phones. Without
/// the SOP version nothing is kept.
nlohmann::json AnswersWithoutPersonalData(const nlohmann::json& answers,
                                          const config::sop::Sop* sop);

/// Removes, inside the caller's transaction, the personal data of up to `max_cases` escalation
/// cases closed before `cutoff`, of closed drafts, Concert requests and installer complaints;
/// audits each case
/// ("case.personal_data_purged" by `actor`). With `dry_run`, changes nothing and counts what it
/// would remove.
PurgeCounts PurgePersonalData(storage::UnitOfWork& u, config::sop::SopCatalog& sops,
                              TimePoint cutoff, TimePoint now, const std::string& actor,
                              bool dry_run, int max_cases);

/// The cutoff for `days` of retention at `now` (whole days of 24 hours).
TimePoint PurgeCutoff(TimePoint now, long long days);

}  // namespace escbot::commands::retention
