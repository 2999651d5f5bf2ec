#pragma once

#include <nlohmann/json.hpp>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bot/core/clock.hpp"

namespace escbot::storage {

// The escalation flow's aggregates (SOP §1-2): cases, their updates, the live ladder of a case
// whose customer refused to wait, and the text of every SOP version a flow ran under. All of it
// is reachable only inside Store::Write/Read (UnitOfWork::Escalation()), so every method runs in
// the Store's transaction. The compare-and-set methods (Claim, Resolve, Accept, Advance, ...)
// change a row only when it is still in the expected state and say whether they did: a write
// transaction holds the write lock from its start (BEGIN IMMEDIATE), and the condition is in the
// UPDATE itself, so the first of two racing clicks wins on any backend. Methods throw on storage
// failure.

/// An escalation case. Holds personal data (the answers, the homeowner key): database and the
/// configured private channels only, never logs.
struct EscalationCase {
    enum class Status {
        kLive,         // the customer refused to wait: the live ladder is paging
        kOpen,         // a follow-up case waiting for the Resolution Team (SOP §1 A, or voicemail)
        kClaimed,      // a lead owns it
        kTransferred,  // someone accepted the live transfer: the SOP flow ended there
        kResolved,     // closed with a resolution note
    };

    long long id = 0;
    std::string sop_version;
    Status status = Status::kOpen;
    /// How it was created: "follow_up" (agreed to wait) or "live_ladder" (refused to wait).
    std::string outcome;
    /// Normalised homeowner name + property address (see commands/escalation/homeowner_key.hpp).
    std::string homeowner_key;
    nlohmann::json answers = nlohmann::json::object();
    std::string created_by;  // the agent (U...)
    std::string created_in_channel;
    TimePoint created_at{};
    std::optional<TimePoint> follow_up_due;
    std::string owner;  // who claimed it or accepted the live transfer ("" for nobody)
    std::optional<TimePoint> claimed_at;
    std::optional<TimePoint> last_update_at;
    std::string resolved_by;
    std::optional<TimePoint> resolved_at;
    std::string resolution_note;
    /// Set when the promised update fell due while the case was open (the root says "Overdue");
    /// cleared when an update restarts the promise.
    std::optional<TimePoint> overdue_since;

    /// Open for the "is there already a case?" check (SOP 002 step 2): open or claimed.
    bool IsOpen() const { return status == Status::kOpen || status == Status::kClaimed; }
};

/// "live", "open", "claimed", "transferred", "resolved": the stored and audited spelling.
std::string_view CaseStatusName(EscalationCase::Status status);

class CaseRepository {
public:
    virtual ~CaseRepository() = default;

    /// Stores a new case (its id is ignored) and returns its id.
    virtual long long Create(const EscalationCase& escalation_case) = 0;
    virtual std::optional<EscalationCase> Get(long long id) = 0;
    /// Open and claimed cases with this homeowner key, most recent first, at most `limit`.
    virtual std::vector<EscalationCase> FindOpenByHomeowner(std::string_view homeowner_key,
                                                            int limit) = 0;

    /// open -> claimed by `user`. False (nothing changes) unless the case is open.
    virtual bool Claim(long long id, std::string_view user, TimePoint at) = 0;
    /// open or claimed -> resolved. False (nothing changes) unless the case is open or claimed.
    virtual bool Resolve(long long id, std::string_view by, std::string_view note,
                         TimePoint at) = 0;
    /// live -> transferred to `owner` (the live transfer was accepted). False unless live.
    virtual bool MarkTransferred(long long id, std::string_view owner, TimePoint at) = 0;
    /// live -> open with a follow-up deadline (the ladder ended in voicemail). False unless live.
    virtual bool MarkFollowUp(long long id, TimePoint follow_up_due) = 0;
    /// Moves "last update". Throws std::runtime_error if the case does not exist.
    virtual void SetLastUpdate(long long id, TimePoint at) = 0;

    /// claimed by `from` -> claimed by `to` (a lead reassigns it; claimed_at moves to `at`).
    /// False (nothing changes) unless the case is claimed and its owner is still `from`.
    virtual bool Reassign(long long id, std::string_view from, std::string_view to,
                          TimePoint at) = 0;
    /// A new follow-up deadline for an open or claimed case (an update restarted the promise):
    /// follow_up_due moves and overdue_since is cleared. False unless open or claimed.
    virtual bool RestartPromise(long long id, TimePoint follow_up_due) = 0;
    /// open or claimed, not overdue yet -> overdue since `at`. False otherwise (so the first
    /// timer to mark it wins).
    virtual bool MarkOverdue(long long id, TimePoint at) = 0;
    /// Cases whose homeowner key must be computed again (marked by a migration when the key's
    /// rules changed), lowest id first, at most `limit`.
    virtual std::vector<EscalationCase> PendingRekey(int limit) = 0;
    /// Stores a case's recomputed homeowner key and clears its mark.
    virtual void SetHomeownerKey(long long id, std::string_view homeowner_key) = 0;
};

/// One entry in a case's history as the thread shows it.
struct CaseUpdate {
    long long id = 0;
    long long case_id = 0;
    std::string author;  // U... or "bot"
    /// "update" (a lead's note), "claim", "resolution", "reminder". An interaction added by an
    /// agent is not an update: see CaseInteraction.
    std::string kind;
    std::string text;  // user text: personal data possible
    TimePoint at{};
};

class CaseUpdateRepository {
public:
    virtual ~CaseUpdateRepository() = default;
    /// Stores the update (its id is ignored) and returns its id.
    virtual long long Add(const CaseUpdate& update) = 0;
    /// The newest update of kind "update" or "resolution" (what "last update" shows), or
    /// nullopt.
    virtual std::optional<CaseUpdate> Latest(long long case_id) = 0;
    /// Every update of the case, oldest first.
    virtual std::vector<CaseUpdate> ForCase(long long case_id) = 0;
};

/// Another interaction an agent added to an open case (SOP 002 step 2): what the customer said
/// this time. Never an update given to the customer: it moves neither the case's "last update"
/// nor its promise.
struct CaseInteraction {
    long long id = 0;
    long long case_id = 0;
    std::string agent;           // U...
    std::string interaction_id;  // CXone recording/interaction id or ticket (user text)
    std::string said;            // what the customer said this time (user text: personal data)
    std::string sop_version;
    TimePoint at{};
};

class CaseInteractionRepository {
public:
    virtual ~CaseInteractionRepository() = default;
    /// Stores the interaction (its id is ignored) and returns its id.
    virtual long long Add(const CaseInteraction& interaction) = 0;
    /// Every interaction added to the case, oldest first.
    virtual std::vector<CaseInteraction> ForCase(long long case_id) = 0;
};

/// The live warm-transfer ladder of one case (SOP §1 B). One row per case; `step` counts the
/// tiers paged so far (1 for the first), so a click or a timer carrying an older step is stale.
struct LiveLadder {
    /// paging (the window runs) -> answered (the clock stopped; the one who answered discusses)
    /// -> accepted, or back to paging the next tier (not accepted); voicemail ends it.
    enum class Status { kPaging, kAccepted, kVoicemail, kAnswered };

    long long case_id = 0;
    std::string sop_version;
    std::string tier_id;  // the tier paged now (the last one paged once ended)
    int step = 0;
    TimePoint deadline{};  // the current step's window ends (exclusive)
    Status status = Status::kPaging;
    std::string owner;  // who accepted
    TimePoint started_at{};
    std::optional<TimePoint> ended_at;
    /// What happened, oldest first, for the agent's status message: objects with "at" (Unix
    /// seconds), "event" (paged, skipped, timeout, declined, accepted, voicemail), "tier", and
    /// "by", "users", "groups", "deadline" where they apply. Ids only, no personal data.
    nlohmann::json history = nlohmann::json::array();
    std::string answered_by;  // who answered the current step ("" while paging)
    std::optional<TimePoint> answered_at;
};

/// "paging", "answered", "accepted", "voicemail".
std::string_view LadderStatusName(LiveLadder::Status status);

class LadderRepository {
public:
    virtual ~LadderRepository() = default;
    /// Stores the ladder of a case (one per case; a second one throws).
    virtual void Create(const LiveLadder& ladder) = 0;
    virtual std::optional<LiveLadder> Get(long long case_id) = 0;
    /// paging at `step` with now < deadline -> accepted by `user`. False (nothing changes)
    /// otherwise: someone accepted first, the step moved on, or its window has passed.
    virtual bool Accept(long long case_id, int step, std::string_view user, TimePoint now) = 0;
    /// paging at `step` -> paging `tier_id` at step + 1 until `deadline`. False unless paging at
    /// `step` (a concurrent click or timer moved it first).
    virtual bool Advance(long long case_id, int step, std::string_view tier_id,
                         TimePoint deadline) = 0;
    /// paging at `step` -> voicemail. False unless paging at `step`.
    virtual bool EndInVoicemail(long long case_id, int step, TimePoint at) = 0;
    /// paging at `step` with a deadline before `deadline` -> the same, until `deadline` (the
    /// step's window counts from when Slack took its page). False otherwise.
    virtual bool ExtendDeadline(long long case_id, int step, TimePoint deadline) = 0;
    /// Replaces the history. Throws std::runtime_error if the ladder does not exist.
    virtual void SetHistory(long long case_id, const nlohmann::json& history) = 0;

    /// paging at `step` with now < deadline -> answered by `user` (the window's clock stops).
    /// False (nothing changes) otherwise: someone answered first, the step moved on, or its
    /// window has passed.
    virtual bool Answer(long long case_id, int step, std::string_view user, TimePoint now) = 0;
    /// answered at `step` by `user` -> accepted by `user` (accepted for handling: the transfer
    /// is completed). False unless answered at `step` by `user`.
    virtual bool AcceptAnswered(long long case_id, int step, std::string_view user,
                                TimePoint now) = 0;
    /// answered at `step` by `user` -> paging at `step` again, nobody answering (not accepted:
    /// the caller moves the ladder down with Advance or EndInVoicemail in the same transaction).
    /// False unless answered at `step` by `user`.
    virtual bool ReleaseAnswered(long long case_id, int step, std::string_view user) = 0;

    /// Ladders still paging whose step deadline is at or before `cutoff` (the watchdog: a
    /// ladder whose timer should have moved it), earliest deadline first, at most `limit`.
    virtual std::vector<LiveLadder> PagingPastDeadline(TimePoint cutoff, int limit) = 0;
};

/// One case as the export and the report read it: the case and the facts about it that live in
/// other tables.
struct CaseReportRow {
    EscalationCase c;
    /// The first update given to the customer (a lead's update or the resolution), if any.
    std::optional<TimePoint> first_update_at;
    /// The live ladder's status ("" when the case had none) and its last tier (the one that
    /// accepted, when accepted).
    std::string ladder_status;
    std::string ladder_tier;
    std::optional<TimePoint> ladder_ended_at;
};

/// Escalation attempts that ended without a case of their own.
struct AttemptCounts {
    long long not_qualified = 0;      // the SOP's qualifiers did not hold
    long long added_to_existing = 0;  // the interaction went to an open case of the homeowner
    /// Installer complaints whose type needs no case (InstallerComplaintRepository::NoCaseBetween;
    /// AttemptsBetween leaves it 0).
    long long installer_no_case = 0;
};

class CaseReportRepository {
public:
    virtual ~CaseReportRepository() = default;
    /// Every case created in [since, until), lowest id first, handed to `fn` one at a time, so
    /// memory stays flat however many there are. `fn` must not write.
    virtual void ForEachCreated(TimePoint since, TimePoint until,
                                const std::function<void(const CaseReportRow&)>& fn) = 0;
    /// Attempts in [since, until) that ended without a case.
    virtual AttemptCounts AttemptsBetween(TimePoint since, TimePoint until) = 0;
};

/// The text of one SOP version, kept so that a flow started under it can go on after a restart
/// when the file on disk has moved on to a newer version.
struct StoredSop {
    std::string version;
    std::string fingerprint;
    std::string text;
    TimePoint stored_at{};
};

class SopVersionRepository {
public:
    virtual ~SopVersionRepository() = default;
    /// Stores the version's text unless that version is stored already; true if it stored it.
    virtual bool PutIfAbsent(const StoredSop& sop) = 0;
    virtual std::optional<StoredSop> Get(std::string_view version) = 0;
};

/// The escalation repositories of one transaction (UnitOfWork::Escalation()).
class EscalationRepositories {
public:
    virtual ~EscalationRepositories() = default;
    virtual CaseRepository& Cases() = 0;
    virtual CaseUpdateRepository& Updates() = 0;
    virtual CaseInteractionRepository& Interactions() = 0;
    virtual LadderRepository& Ladders() = 0;
    virtual SopVersionRepository& SopVersions() = 0;
    virtual CaseReportRepository& Reports() = 0;
};

}  // namespace escbot::storage
