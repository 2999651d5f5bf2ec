#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/core/clock.hpp"

namespace escbot::storage {

// Read-only views over both kinds of case for the App Home and `/escalation list|status`:
// escalation cases (ESC-n) and installer complaints (IC-n), open ones only, in one shape.
// Nothing here changes a case; the one write is NoteHomeOpened (who uses the Home tab, so that
// refreshes go only to them). Reachable inside Store::Write/Read (UnitOfWork::TeamView()).

/// One open case of either kind, as lists show it.
struct OpenCaseRow {
    enum class Kind { kEscalation, kInstaller };

    Kind kind = Kind::kEscalation;
    long long id = 0;
    /// Escalation: "live", "open", "claimed". Installer: the chase state ("waiting", "due",
    /// "replied", "referral_due", "referred").
    std::string state;
    int chase_attempt = 0;    // installer only
    std::string raised_by;    // the agent (U...)
    std::string owner;        // who claimed it ("" while unclaimed)
    std::string sop_version;
    /// Escalation: the outcome ("follow_up", "live_ladder"). Installer: the complaint type id.
    std::string type;
    /// Escalation only: the answers (personal data: read for the concern type, never shown).
    nlohmann::json answers = nlohmann::json::object();
    TimePoint created_at{};
    /// When something is owed: escalation, the follow-up promise (follow_up_due); installer, the
    /// next chase (waiting), or since when a chase or the referral has been due (due,
    /// referral_due); none otherwise (a live ladder, a replied or referred complaint).
    std::optional<TimePoint> due_at;
    std::optional<TimePoint> last_update_at;  // escalation only
    /// The thread root in Slack ("" until the root is posted).
    std::string thread_channel;
    std::string thread_ts;
};

/// Which open cases a list holds. Empty fields filter nothing.
struct OpenCaseFilter {
    /// Only cases raised by or owned by this user.
    std::string involving;
    /// Only cases nobody has claimed (escalation "open", installer without owner).
    bool unclaimed_only = false;
    /// Only cases whose due_at <= this (overdue: now).
    std::optional<TimePoint> due_by;
};

/// Counts of open cases of one kind.
struct OpenCaseCounts {
    long long unclaimed = 0;  // open, nobody owns it
    long long claimed = 0;
    long long due_soon = 0;   // due in (now, due_soon_by]
    long long overdue = 0;    // due at or before now
};

/// The team's open work, for the leads' part of the App Home.
struct TeamCounts {
    OpenCaseCounts escalations;
    OpenCaseCounts installer;
    long long live_ladders = 0;
};

/// A live ladder still paging or answered.
struct LiveLadderRow {
    long long case_id = 0;
    std::string raised_by;
    std::string tier_id;
    int step = 0;
    std::string status;  // "paging" or "answered"
    TimePoint deadline{};
    TimePoint started_at{};
};

/// Open installer complaints in one stage of their cadence.
struct InstallerStageCount {
    std::string state;  // chase state
    int attempt = 0;
    long long count = 0;
};

class TeamViewRepository {
public:
    virtual ~TeamViewRepository() = default;

    /// Open cases of both kinds matching `filter`, the earliest due first (overdue, then due
    /// soon), then those with nothing due, oldest first; ties by kind (escalations first), then
    /// id. Skips `offset`, returns at most `limit`.
    virtual std::vector<OpenCaseRow> ListOpen(const OpenCaseFilter& filter, int limit,
                                              int offset) = 0;
    /// How many ListOpen would return without limit and offset.
    virtual long long CountOpen(const OpenCaseFilter& filter) = 0;
    /// One open case of either kind (escalation: live, open or claimed; installer: open), with
    /// its due time and thread; nullopt when it does not exist or is closed.
    virtual std::optional<OpenCaseRow> FindOpen(OpenCaseRow::Kind kind, long long id) = 0;

    /// Counts by state; due soon: due_at in (now, due_soon_by].
    virtual TeamCounts Counts(TimePoint now, TimePoint due_soon_by) = 0;
    /// The unclaimed open case of either kind created first (ties: escalations, then lower id).
    virtual std::optional<OpenCaseRow> OldestUnclaimed() = 0;
    /// Ladders paging or answered, oldest first, at most `limit`.
    virtual std::vector<LiveLadderRow> LiveLadders(int limit) = 0;
    /// Open installer complaints by (chase state, attempt), in cadence order.
    virtual std::vector<InstallerStageCount> InstallerByStage() = 0;

    /// Records that `user` opened the Home tab (the latest time is kept).
    virtual void NoteHomeOpened(std::string_view user, TimePoint at) = 0;
    /// Whether `user` ever opened the Home tab.
    virtual bool OpenedHome(std::string_view user) = 0;
};

}  // namespace escbot::storage
