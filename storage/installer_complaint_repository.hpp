#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/core/clock.hpp"
#include "storage/escalation_repositories.hpp"

namespace escbot::storage {

/// Where the chase of an installer complaint stands (SOP §4, seed 001). `attempt` counts with it:
///   waiting(n)       chase n is not due yet (a timer fires it)
///   due(n)           chase n is due: the owner emails again and records the answer
///   replied(n)       the installer replied at chase n (n = 0: before the first chase)
///   referral_due(n)  no reply after the last chase (n = attempts): refer the case
///   referred(n)      the referral to the account manager and sales manager is recorded
enum class ChaseState { kWaiting, kDue, kReplied, kReferralDue, kReferred };

/// One installer complaint. A complaint whose type needs no case is stored too (status
/// kNoCase), so reports can count it. Homeowner data is personal data: database and the
/// back-office channel only, never logs.
struct InstallerComplaint {
    enum class Status { kNoCase, kOpen, kClosed };

    long long id = 0;
    std::string sop_version;  // the installer SOP version it was opened under; never changes
    std::string agent_id;     // the agent who raised it (U…)
    std::string agent_channel;
    std::string homeowner;       // personal data
    std::string address;         // personal data
    std::string homeowner_key;   // normalised name + address, for the existing-case check
    std::string program;         // program id of the SOP data ("everbright", "concert", "beam")
    std::string installer_name;
    std::string installer_email;  // personal data (a business address, but kept out of logs)
    std::string complaint_type;   // complaint type id of the SOP data
    std::string description;      // personal data (free text)
    std::string phone;            // personal data
    std::string best_time;
    std::string interaction_id;

    Status status = Status::kOpen;
    std::string owner_id;  // the back-office agent who claimed it; "" while unclaimed
    ChaseState chase_state = ChaseState::kWaiting;
    int chase_attempt = 1;
    bool partner_updated = false;  // Concert/Beam: the partner gave an update (no more weekly)
    nlohmann::json referral = nlohmann::json::object();  // the referral answers (personal data)
    std::string closure_comments;                         // personal data (free text)
    std::string closed_by;
    TimePoint created_at{};
    std::optional<TimePoint> claimed_at;
    std::optional<TimePoint> closed_at;
};

/// One step recorded in a complaint's thread, for the record and for reports. `detail` holds ids
/// and codes only.
struct InstallerComplaintEvent {
    long long id = 0;
    long long complaint_id = 0;
    TimePoint at{};
    std::string actor;  // U… or "bot"
    std::string kind;   // "claimed", "chase_due", "no_reply", "installer_replied", ...
    int attempt = 0;    // the chase attempt it concerns (0: none)
    std::string detail;
};

/// One installer complaint as the export and the report read it (SOP §4): the complaint and the
/// first update its owner recorded (the installer replied, no reply, referred, partner update or
/// closed), from its events.
struct InstallerReportRow {
    InstallerComplaint c;
    std::optional<TimePoint> first_update_at;
};

/// The installer complaints. Reachable only inside Store::Write/Read (store.hpp); the
/// compare-and-set methods are race-free because a write transaction holds the write lock from
/// its start. Methods throw on storage failure.
class InstallerComplaintRepository {
public:
    virtual ~InstallerComplaintRepository() = default;

    /// Stores a new complaint (its id is ignored) and returns its id.
    virtual long long Create(const InstallerComplaint& complaint) = 0;
    virtual std::optional<InstallerComplaint> Get(long long id) = 0;
    /// Open complaints (status kOpen) with this homeowner key, oldest first.
    virtual std::vector<InstallerComplaint> FindOpenForHomeowner(std::string_view key) = 0;

    /// Open and unclaimed -> claimed by `user`. False (nothing changes) otherwise.
    virtual bool Claim(long long id, std::string_view user, TimePoint at) = 0;
    /// The chase moves from (from, from_attempt) to (to, to_attempt) of an open complaint. False
    /// (nothing changes) when it is not open or not in `from` at `from_attempt`: a second click,
    /// or a timer that lost the race.
    virtual bool MoveChase(long long id, ChaseState from, int from_attempt, ChaseState to,
                           int to_attempt) = 0;
    /// referral_due -> referred, keeping the answers. False otherwise.
    virtual bool RecordReferral(long long id, const nlohmann::json& answers) = 0;
    /// Concert/Beam: the partner gave an update. False when already recorded or not open.
    virtual bool MarkPartnerUpdated(long long id) = 0;
    /// Open -> closed with comments (required: the caller checks they are not blank). False when
    /// not open.
    virtual bool Close(long long id, std::string_view comments, std::string_view by,
                       TimePoint at) = 0;

    virtual long long AddEvent(const InstallerComplaintEvent& event) = 0;
    /// The complaint's events in the order recorded.
    virtual std::vector<InstallerComplaintEvent> Events(long long complaint_id) = 0;
    /// How many complaints were raised with `status` (reports: no-case outcomes).
    virtual long long CountByStatus(InstallerComplaint::Status status) = 0;

    /// Every complaint created in [since, until) that became a case (status open or closed),
    /// lowest id first, handed to `fn` one at a time so that memory stays flat. `fn` must not
    /// write.
    virtual void ForEachCaseCreated(TimePoint since, TimePoint until,
                                    const std::function<void(const InstallerReportRow&)>& fn) = 0;
    /// Complaints created in [since, until) whose type needs no case (status no_case).
    virtual long long NoCaseBetween(TimePoint since, TimePoint until) = 0;

    /// The installer SOP's text under its version, unless that version is stored already; true
    /// if it stored it. Apart from the escalation SOP's versions (their numbers may collide).
    virtual bool PutSopIfAbsent(const StoredSop& sop) = 0;
    virtual std::optional<StoredSop> GetSop(std::string_view version) = 0;
};

/// "no_case", "open", "closed": the stored spelling.
constexpr std::string_view StatusName(InstallerComplaint::Status status) {
    switch (status) {
        case InstallerComplaint::Status::kNoCase: return "no_case";
        case InstallerComplaint::Status::kOpen: return "open";
        case InstallerComplaint::Status::kClosed: return "closed";
    }
    return "open";
}

/// "waiting", "due", "replied", "referral_due", "referred": the stored spelling.
constexpr std::string_view ChaseStateName(ChaseState state) {
    switch (state) {
        case ChaseState::kWaiting: return "waiting";
        case ChaseState::kDue: return "due";
        case ChaseState::kReplied: return "replied";
        case ChaseState::kReferralDue: return "referral_due";
        case ChaseState::kReferred: return "referred";
    }
    return "waiting";
}

}  // namespace escbot::storage
