#include "commands/access/access.hpp"

#include <algorithm>
#include <stdexcept>

namespace escbot::commands::access {

namespace {

constexpr std::string_view kPagedPeople =
    "the people paged for that tier (its on-duty rotation members and the members of its "
    "paged user groups)";

constexpr std::string_view kLeads =
    "the resolution leads ([groups] leads: their user ids and the members of their user groups)";

constexpr std::string_view kBackOfficeOrOwner =
    "the back office ([groups] back_office: their user ids and the members of their user groups) "
    "and the complaint's owner";

std::vector<Rule> BuildTable() {
    return {
        {Action::kEscalate, "Escalate a complaint (/escalate)", {Role::kAnyMember}, {},
         "any workspace member"},
        {Action::kRaiseInstallerComplaint, "Record an installer complaint (/installer-complaint)",
         {Role::kAnyMember}, {}, "any workspace member"},
        {Action::kAnswerPage,
         "Answer a live-ladder page",
         {Role::kPagedForTier},
         {Role::kCaseRaiser},
         "the people paged for that tier (its on-duty rotation members and the members of its "
         "paged user groups) other than the agent who raised the escalation"},
        {Action::kAcceptPage,
         "Accept a live-ladder page for handling",
         {Role::kPageAnswerer},
         {Role::kCaseRaiser},
         "the person who answered the page (never the agent who raised the escalation)"},
        {Action::kNotAcceptPage,
         "Not accept a live-ladder page",
         {Role::kPageAnswerer},
         {},
         "the person who answered the page"},
        {Action::kDeclinePage, "Decline a live-ladder page", {Role::kPagedForTier}, {},
         kPagedPeople},
        {Action::kClaimCase, "Claim a case", {Role::kLead}, {}, kLeads},
        {Action::kReassignCase, "Reassign a claimed case", {Role::kLead}, {}, kLeads},
        {Action::kAddCaseUpdate, "Add an update to a case", {Role::kLead}, {}, kLeads},
        {Action::kResolveCase, "Resolve a case", {Role::kLead}, {}, kLeads},
        {Action::kAnswerConcert,
         "Answer a Concert request, or ask its agent a question",
         {Role::kConcertContact},
         {},
         "the Concert confirmation contacts: those tagged on it, the members of its rotation, and "
         "of the fallback rotation once it went there"},
        {Action::kCancelConcert, "Cancel a Concert request", {Role::kCaseRaiser}, {},
         "the agent who made the request"},
        {Action::kConcertQuestionAnswered, "Say a Concert contact's question is answered",
         {Role::kCaseRaiser}, {}, "the agent who made the request"},
        {Action::kClaimInstallerComplaint, "Claim an installer complaint", {Role::kBackOffice},
         {},
         "the back office ([groups] back_office: their user ids and the members of their user "
         "groups)"},
        {Action::kRecordInstallerChase, "Record an installer chase (replied / no reply yet)",
         {Role::kComplaintOwner, Role::kBackOffice}, {}, kBackOfficeOrOwner},
        {Action::kReferInstallerComplaint, "Refer an installer complaint to the account manager",
         {Role::kComplaintOwner, Role::kBackOffice}, {}, kBackOfficeOrOwner},
        {Action::kRecordPartnerUpdate, "Record a partner's update on an installer complaint",
         {Role::kComplaintOwner, Role::kBackOffice}, {}, kBackOfficeOrOwner},
        {Action::kCloseInstallerComplaint, "Close an installer complaint",
         {Role::kComplaintOwner, Role::kBackOffice}, {}, kBackOfficeOrOwner},
        {Action::kShowCaseContacts,
         "See an escalation case's masked contact details ([privacy] mask_contact_details)",
         {Role::kLead, Role::kCaseRaiser, Role::kCaseOwner},
         {},
         "the resolution leads, the agent who escalated the case and the case's owner"},
        {Action::kShowComplaintContacts,
         "See an installer complaint's masked contact details ([privacy] mask_contact_details)",
         {Role::kBackOffice, Role::kComplaintOwner, Role::kCaseRaiser},
         {},
         "the back office, the complaint's owner and the agent who recorded it"},
        // Lists and status show no personal data (reference, type, state, owner, due, link).
        {Action::kListOwnCases, "List one's own open cases (/escalation list mine)",
         {Role::kAnyMember}, {}, "any workspace member (their own cases only)"},
        {Action::kListTeamCases,
         "List the team's open cases (/escalation list open, overdue, unclaimed)",
         {Role::kLead, Role::kBackOffice}, {},
         "the resolution leads and the back office ([groups] leads and back_office: their user "
         "ids and the members of their user groups)"},
        {Action::kViewCaseStatus, "See a case's status (/escalation status ESC-n or IC-n)",
         {Role::kCaseRaiser, Role::kComplaintOwner, Role::kLead, Role::kBackOffice}, {},
         "the agent who raised the case, its owner, the resolution leads and the back office"},
    };
}

bool Holds(const std::vector<Role>& roles, Role role) {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace

const std::vector<Rule>& Table() {
    static const std::vector<Rule> kTable = BuildTable();
    return kTable;
}

const Rule& RuleOf(Action action) {
    for (const Rule& rule : Table()) {
        if (rule.action == action) return rule;
    }
    throw std::logic_error("authorization table has no row for an action");
}

std::string_view ActionName(Action action) {
    switch (action) {
        case Action::kEscalate: return "escalate";
        case Action::kRaiseInstallerComplaint: return "raise_installer_complaint";
        case Action::kAnswerPage: return "answer_page";
        case Action::kAcceptPage: return "accept_page";
        case Action::kNotAcceptPage: return "not_accept_page";
        case Action::kDeclinePage: return "decline_page";
        case Action::kClaimCase: return "claim_case";
        case Action::kReassignCase: return "reassign_case";
        case Action::kAddCaseUpdate: return "add_case_update";
        case Action::kResolveCase: return "resolve_case";
        case Action::kAnswerConcert: return "answer_concert";
        case Action::kCancelConcert: return "cancel_concert";
        case Action::kConcertQuestionAnswered: return "concert_question_answered";
        case Action::kClaimInstallerComplaint: return "claim_installer_complaint";
        case Action::kRecordInstallerChase: return "record_installer_chase";
        case Action::kReferInstallerComplaint: return "refer_installer_complaint";
        case Action::kRecordPartnerUpdate: return "record_partner_update";
        case Action::kCloseInstallerComplaint: return "close_installer_complaint";
        case Action::kShowCaseContacts: return "show_case_contacts";
        case Action::kShowComplaintContacts: return "show_complaint_contacts";
        case Action::kListOwnCases: return "list_own_cases";
        case Action::kListTeamCases: return "list_team_cases";
        case Action::kViewCaseStatus: return "view_case_status";
    }
    return "unknown";  // not reached: -Werror=switch flags a new enumerator
}

std::string_view RoleText(Role role) {
    switch (role) {
        case Role::kAnyMember: return "any workspace member";
        case Role::kCaseRaiser: return "the agent who raised it";
        case Role::kPagedForTier: return "the people paged for the tier";
        case Role::kPageAnswerer: return "the person who answered the page";
        case Role::kLead: return "a resolution lead";
        case Role::kConcertContact: return "a Concert confirmation contact";
        case Role::kBackOffice: return "the back office";
        case Role::kComplaintOwner: return "the complaint's owner";
        case Role::kCaseOwner: return "the case's owner";
    }
    return "unknown";  // not reached: -Werror=switch flags a new enumerator
}

std::vector<Role> RolesOf(std::string_view who, const Facts& facts) {
    std::vector<Role> roles;
    if (who.empty()) return roles;
    roles.push_back(Role::kAnyMember);
    if (who == facts.raised_by) roles.push_back(Role::kCaseRaiser);
    if (who == facts.answered_by) roles.push_back(Role::kPageAnswerer);
    bool paged = std::find(facts.paged_users.begin(), facts.paged_users.end(), who) !=
                 facts.paged_users.end();
    if (!paged && facts.in_group) {
        for (const std::string& group : facts.paged_groups) {
            if (facts.in_group(group, who)) {
                paged = true;
                break;
            }
        }
    }
    if (paged) roles.push_back(Role::kPagedForTier);
    if (facts.is_lead && facts.is_lead(who)) roles.push_back(Role::kLead);
    if (facts.is_concert_contact && facts.is_concert_contact(who))
        roles.push_back(Role::kConcertContact);
    if (facts.is_back_office && facts.is_back_office(who)) roles.push_back(Role::kBackOffice);
    if (!facts.owner.empty() && who == facts.owner) roles.push_back(Role::kComplaintOwner);
    if (!facts.case_owner.empty() && who == facts.case_owner) roles.push_back(Role::kCaseOwner);
    return roles;
}

Decision Authorize(Action action, std::string_view who, const Facts& facts) {
    Decision decision;
    decision.rule = &RuleOf(action);
    const std::vector<Role> roles = RolesOf(who, facts);
    for (Role refused : decision.rule->refused) {
        if (Holds(roles, refused)) {
            decision.refused_as = refused;
            return decision;
        }
    }
    for (Role allowed : decision.rule->allowed) {
        if (Holds(roles, allowed)) {
            decision.allowed = true;
            return decision;
        }
    }
    return decision;
}

std::string TableMarkdown() {
    std::string out = "| Action | Who may | Who may not |\n| --- | --- | --- |\n";
    for (const Rule& rule : Table()) {
        std::string refused;
        for (Role role : rule.refused) {
            refused += (refused.empty() ? "" : "; ") + std::string(RoleText(role));
        }
        out += "| " + std::string(rule.action_text) + " | " + std::string(rule.who_may) + " | " +
               (refused.empty() ? std::string("everyone else") : refused + "; everyone else") +
               " |\n";
    }
    return out;
}

}  // namespace escbot::commands::access
