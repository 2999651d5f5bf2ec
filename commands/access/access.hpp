#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace escbot::commands::access {

// Who may press what: the bot's one authorization table (issue 19, "Who may press what").
// Every button handler asks Authorize(action, who, facts) before it changes anything; a refusal
// changes nothing and the handler answers the clicker privately with Decision::who_may.
//
// The table holds the live ladder's and the case thread's rows today. The other actions
// (escalate, Concert answer / cancel, installer-complaint actions, export, the personal-data
// reveal) join it as rows over the same roles, plus the roles they need (Concert contacts on
// duty and the fallback rotation, back office, admin): add the enumerator, the facts that decide
// it, and the row; the table test walks every cell, and a test keeps the README's copy equal.

/// Something a person can do with a button or a command.
enum class Action {
    kEscalate,       // /escalate: start an escalation (any member: the agents)
    kRaiseInstallerComplaint,  // /installer-complaint: record an installer complaint
    kAnswerPage,     // live ladder: "I answer" within the tier's window (stops the clock)
    kAcceptPage,     // live ladder: accepted for handling (the transfer is completed)
    kNotAcceptPage,  // live ladder: not accepted after the discussion (next tier at once)
    kDeclinePage,    // live ladder: pass the page on before answering (next tier at once)
    kClaimCase,      // case thread: take ownership of an unclaimed case
    kReassignCase,   // case thread: give a claimed case to another owner
    kAddCaseUpdate,  // case thread: record an update given to the customer
    kResolveCase,    // case thread: close the case with a resolution
    kAnswerConcert,  // Concert request: confirmed / not a Concert customer, or ask a question
    kCancelConcert,  // Concert request: withdraw it
    kConcertQuestionAnswered,  // Concert request: the contact's question was answered
    kClaimInstallerComplaint,  // installer complaint: take ownership in the back-office channel
    kRecordInstallerChase,     // installer complaint: Installer replied / No reply yet
    kReferInstallerComplaint,  // installer complaint: the referral to the AM and sales manager
    kRecordPartnerUpdate,      // installer complaint (Concert/Beam): the partner gave an update
    kCloseInstallerComplaint,  // installer complaint: close with closure comments
    kShowCaseContacts,       // escalation case: "Show contact details" ([privacy] masking)
    kShowComplaintContacts,  // installer complaint: "Show contact details" ([privacy] masking)
    kListOwnCases,   // /escalation list mine: the open cases one raised or owns
    kListTeamCases,  // /escalation list open|overdue|unclaimed (and their Next page button)
    kViewCaseStatus, // /escalation status CASE: one case's state, owner, due and thread
};

/// What a person is, relative to the thing acted on.
enum class Role {
    kAnyMember,     // any workspace member: the agents
    kCaseRaiser,    // the agent who raised the case (or the live escalation)
    kPagedForTier,  // paged for the ladder's current tier: its on-duty rotation members when it
                    // was paged and the members of its paged user groups
    kPageAnswerer,  // the one who answered the current page
    kLead,          // a resolution lead: [groups] leads (user ids, and members of user groups)
    kConcertContact,  // tagged on a Concert request, on its rotation, or on the fallback
                      // rotation once the request went there
    kBackOffice,      // the back office: [groups] back_office (user ids, members of user groups)
    kComplaintOwner,  // the back-office agent who claimed the installer complaint (for a case
                      // status: whoever owns the case, escalation or installer complaint)
    kCaseOwner,       // whoever owns the escalation case (claimed it, or had it reassigned)
};

/// One row of the table. A person may act when they hold one of `allowed` and none of
/// `refused` (a refusal role wins: the agent who raised a live escalation may not accept it,
/// even when on duty for the tier).
struct Rule {
    Action action;
    std::string_view action_text;  // "Answer a live-ladder page", for the README table
    std::vector<Role> allowed;
    std::vector<Role> refused;
    std::string_view who_may;  // "the people paged for that tier ...", for refusals and README
};

/// Every row, in the README's order.
const std::vector<Rule>& Table();
/// The row of `action` (every action has one).
const Rule& RuleOf(Action action);

/// "answer_page", ...: the audit and metric spelling.
std::string_view ActionName(Action action);
/// "any workspace member", ...: how the README names a role.
std::string_view RoleText(Role role);

/// What is known about the thing acted on: enough to tell each role of the clicker. Fields a
/// rule does not need may stay empty.
struct Facts {
    std::string raised_by;                  // the case raiser (U...)
    std::vector<std::string> paged_users;   // the tier's on-duty people when it was paged
    std::vector<std::string> paged_groups;  // the tier's user groups (S...)
    std::string answered_by;                // who answered the current page ("" for nobody)
    /// Whether `user` is a member of user group `group` (usergroups.users.list, cached). Null:
    /// nobody is.
    std::function<bool(std::string_view group, std::string_view user)> in_group;
    /// Whether `user` is one of [groups] leads (directly or through a user group). Null: nobody.
    std::function<bool(std::string_view user)> is_lead;
    /// Whether `user` may answer the Concert request at hand. Null: nobody.
    std::function<bool(std::string_view user)> is_concert_contact;
    /// Whether `user` is one of [groups] back_office (directly or through a user group). Null:
    /// nobody.
    std::function<bool(std::string_view user)> is_back_office;
    /// Who claimed the installer complaint at hand ("" while unclaimed).
    std::string owner;
    /// Who owns the escalation case at hand ("" while unclaimed).
    std::string case_owner;
};

/// The roles `who` holds given `facts` (kAnyMember for every non-empty id). Asks in_group only
/// when the user is not among paged_users.
std::vector<Role> RolesOf(std::string_view who, const Facts& facts);

/// The answer of Authorize.
struct Decision {
    bool allowed = false;
    /// The refusal role that decided it (kCaseRaiser), or kAnyMember when no allowed role is held.
    Role refused_as = Role::kAnyMember;
    const Rule* rule = nullptr;

    explicit operator bool() const { return allowed; }
};

/// May `who` do `action`, given `facts`? Pure apart from facts.in_group.
Decision Authorize(Action action, std::string_view who, const Facts& facts);

/// The table as a Markdown table (Action | Who may | Who may not), for the README.
std::string TableMarkdown();

}  // namespace escbot::commands::access
