#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/core/clock.hpp"
#include "commands/installer/installer_sops.hpp"
#include "config/settings.hpp"
#include "storage/store.hpp"

namespace escbot::commands::installer {

// The installer-complaint flow's state changes (SOP §4, and seed 001's unresponsive-installer
// chase as the complaint type "no_confirmation"). Each function runs inside the caller's write
// transaction: it changes the complaint, queues the Slack messages it owes in the outbox and
// (re)schedules its timers, so all of it commits or rolls back together. The cadence comes from
// the SOP version the complaint was opened under, counted on the business calendar. None of them
// logs personal data; they throw only on storage failure.
//
// Timers (durable rows, fired once; each handler re-checks the state, so a late or repeated
// firing changes nothing):
//   installer.chase           chase n is due (payload attempt n): the thread asks the owner to
//                             email again and record Installer replied / No reply yet
//   installer.owner_reminder  one week after opening: email the homeowner (once)
//   installer.commitment      Concert/Beam: a weekly commitment update to the homeowner, until
//                             the partner gave an update or the complaint is closed

/// What a flow function needs besides the unit of work.
struct FlowEnv {
    const config::Settings& settings;
    InstallerSops& sops;
    TimePoint now;
    /// Whether a user is one of [groups] back_office (directly or through a user group).
    std::function<bool(std::string_view user)> is_back_office;
};

/// How the form's submission ended.
enum class SubmitKind {
    kNoCase,        // the complaint type needs no case: stored as an outcome, steps + email shown
    kExistingCase,  // an installer complaint is open for the homeowner: nothing stored
    kOpened,        // stored, posted to the back-office channel, cadence started
};

struct Submitted {
    SubmitKind kind = SubmitKind::kOpened;
    storage::InstallerComplaint complaint;  // kNoCase, kOpened: as stored; kExistingCase: as typed
    std::vector<storage::InstallerComplaint> existing;  // kExistingCase
    std::optional<TimePoint> first_chase_due;           // kOpened
};

/// The form's answers (validated) as a complaint of `agent` under `sop`. Pure.
storage::InstallerComplaint ComplaintFromAnswers(const config::sop::InstallerSop& sop,
                                                 const nlohmann::json& answers,
                                                 std::string_view agent,
                                                 std::string_view agent_channel, TimePoint now);

/// The SOP's decision: a type without a case -> kNoCase (recorded); with `check_existing` and an
/// open complaint for the same homeowner (name + address, normalised) -> kExistingCase;
/// otherwise the complaint is opened (see the timers above).
Submitted SubmitComplaint(storage::UnitOfWork& u, const FlowEnv& env,
                          const config::sop::InstallerSop& sop,
                          const storage::InstallerComplaint& typed, bool check_existing);

/// How an action on an existing complaint ended.
enum class Outcome {
    kDone,        // it happened
    kUnknown,     // no such complaint (or its SOP version is gone)
    kNotAllowed,  // the user may not do this (nothing changed)
    kClosed,      // the complaint is closed (nothing changed)
    kStale,       // the button's step is over (another click or a timer got there first)
    kInvalid,     // closure comments missing
};

struct Result {
    Outcome outcome = Outcome::kUnknown;
    std::optional<storage::InstallerComplaint> complaint;  // as it is after the action
};

/// An agent follows up on an open complaint instead of opening a second one: the thread says so,
/// tagging the owner.
Result FollowUp(storage::UnitOfWork& u, const FlowEnv& env, long long id, std::string_view agent);

/// "Show contact details" on a masked root: kDone with the complaint when `user` may see its
/// contact details (audited installer.contacts_shown), kNotAllowed (audited
/// installer.contacts_refused), kUnknown. Open or closed alike. Audits never hold the values.
Result ShowContacts(storage::UnitOfWork& u, const FlowEnv& env, long long id, std::string_view user);

/// The back office takes an unclaimed complaint; the root post shows the owner.
Result Claim(storage::UnitOfWork& u, const FlowEnv& env, long long id, std::string_view user);

/// Installer replied (`replied`) or No reply yet, for chase `attempt` (0: from the root post,
/// whatever chase is current). No reply on the last attempt makes the referral due.
Result RecordChase(storage::UnitOfWork& u, const FlowEnv& env, long long id, int attempt,
                   bool replied, std::string_view user);

/// May `user` refer complaint `id` now (read-only)? kDone with the complaint when the referral
/// is due.
Result CheckReferral(storage::UnitOfWork& u, const FlowEnv& env, long long id,
                     std::string_view user);

/// The referral's answers recorded; the thread gets the referral text ready to paste.
Result Refer(storage::UnitOfWork& u, const FlowEnv& env, long long id, std::string_view user,
             const nlohmann::json& answers);

/// Concert/Beam: the partner gave an update; the weekly commitment reminders stop.
Result PartnerUpdated(storage::UnitOfWork& u, const FlowEnv& env, long long id,
                      std::string_view user);

/// May `user` close complaint `id` (read-only)?
Result CheckClose(storage::UnitOfWork& u, const FlowEnv& env, long long id, std::string_view user);

/// Closes with the closure comments (required: kInvalid when blank); every timer stops.
Result Close(storage::UnitOfWork& u, const FlowEnv& env, long long id, std::string_view user,
             std::string_view comments);

// Timer handlers (the scheduler's transaction).
void OnChaseDue(storage::UnitOfWork& u, const FlowEnv& env, long long id, int attempt);
void OnOwnerReminder(storage::UnitOfWork& u, const FlowEnv& env, long long id);
void OnCommitmentDue(storage::UnitOfWork& u, const FlowEnv& env, long long id);

}  // namespace escbot::commands::installer
