// The authorization table, cell by cell: every ladder action against every kind of person.

#include "commands/access/access.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/paths.hpp"

namespace escbot::commands::access {
namespace {

using ::testing::HasSubstr;

constexpr const char* kRaiser = "U0AGENT001";
constexpr const char* kPaged = "U0LEAD00001";
constexpr const char* kGroupMember = "U0LEAD00009";  // only through S0LEADS0001
constexpr const char* kAnswerer = "U0LEAD00002";
constexpr const char* kStranger = "U0AGENT777";

/// A Resolution Lead page: two leads by name, one user group; `answered_by` answered it.
Facts PageFacts(std::string answered_by = "") {
    Facts facts;
    facts.raised_by = kRaiser;
    facts.paged_users = {kPaged, kAnswerer};
    facts.paged_groups = {"S0LEADS0001"};
    facts.answered_by = std::move(answered_by);
    facts.in_group = [](std::string_view group, std::string_view user) {
        return group == "S0LEADS0001" && user == kGroupMember;
    };
    return facts;
}

/// The raiser is on duty for the tier paged (a Tier 2 agent escalating their own call).
Facts RaiserOnDutyFacts(std::string answered_by = "") {
    Facts facts = PageFacts(std::move(answered_by));
    facts.paged_users.push_back(kRaiser);
    return facts;
}

bool May(Action action, const char* who, const Facts& facts) {
    return Authorize(action, who, facts).allowed;
}

// --- Answer a page ----------------------------------------------------------------------------

TEST(AccessTable, AnswerPagedByNameMay) {
    EXPECT_TRUE(May(Action::kAnswerPage, kPaged, PageFacts()));
}
TEST(AccessTable, AnswerGroupMemberMay) {
    EXPECT_TRUE(May(Action::kAnswerPage, kGroupMember, PageFacts()));
}
TEST(AccessTable, AnswerStrangerMayNot) {
    EXPECT_FALSE(May(Action::kAnswerPage, kStranger, PageFacts()));
}
TEST(AccessTable, AnswerRaiserMayNotEvenWhenOnDuty) {
    const Decision d = Authorize(Action::kAnswerPage, kRaiser, RaiserOnDutyFacts());
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.refused_as, Role::kCaseRaiser);
}
TEST(AccessTable, AnswerNobodyMayWithoutAnId) {
    EXPECT_FALSE(May(Action::kAnswerPage, "", PageFacts()));
}

// --- Accept a page for handling ---------------------------------------------------------------

TEST(AccessTable, AcceptTheOneWhoAnsweredMay) {
    EXPECT_TRUE(May(Action::kAcceptPage, kAnswerer, PageFacts(kAnswerer)));
}
TEST(AccessTable, AcceptAnotherPagedPersonMayNot) {
    EXPECT_FALSE(May(Action::kAcceptPage, kPaged, PageFacts(kAnswerer)));
}
TEST(AccessTable, AcceptAGroupMemberWhoDidNotAnswerMayNot) {
    EXPECT_FALSE(May(Action::kAcceptPage, kGroupMember, PageFacts(kAnswerer)));
}
TEST(AccessTable, AcceptStrangerMayNot) {
    EXPECT_FALSE(May(Action::kAcceptPage, kStranger, PageFacts(kAnswerer)));
}
TEST(AccessTable, AcceptUnansweredPageNobodyMay) {
    EXPECT_FALSE(May(Action::kAcceptPage, kPaged, PageFacts()));
}
TEST(AccessTable, AcceptRaiserMayNotEvenHavingAnswered) {
    const Decision d = Authorize(Action::kAcceptPage, kRaiser, RaiserOnDutyFacts(kRaiser));
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.refused_as, Role::kCaseRaiser);
}

// --- Not accept a page ------------------------------------------------------------------------

TEST(AccessTable, NotAcceptTheOneWhoAnsweredMay) {
    EXPECT_TRUE(May(Action::kNotAcceptPage, kAnswerer, PageFacts(kAnswerer)));
}
TEST(AccessTable, NotAcceptAnotherPagedPersonMayNot) {
    EXPECT_FALSE(May(Action::kNotAcceptPage, kPaged, PageFacts(kAnswerer)));
}
TEST(AccessTable, NotAcceptGroupMemberWhoDidNotAnswerMayNot) {
    EXPECT_FALSE(May(Action::kNotAcceptPage, kGroupMember, PageFacts(kAnswerer)));
}
TEST(AccessTable, NotAcceptStrangerMayNot) {
    EXPECT_FALSE(May(Action::kNotAcceptPage, kStranger, PageFacts(kAnswerer)));
}
TEST(AccessTable, NotAcceptRaiserWhoDidNotAnswerMayNot) {
    EXPECT_FALSE(May(Action::kNotAcceptPage, kRaiser, PageFacts(kAnswerer)));
}

// --- Decline a page ---------------------------------------------------------------------------

TEST(AccessTable, DeclinePagedByNameMay) {
    EXPECT_TRUE(May(Action::kDeclinePage, kPaged, PageFacts()));
}
TEST(AccessTable, DeclineGroupMemberMay) {
    EXPECT_TRUE(May(Action::kDeclinePage, kGroupMember, PageFacts()));
}
TEST(AccessTable, DeclineStrangerMayNotEvenWhenAGroupWasPaged) {
    EXPECT_FALSE(May(Action::kDeclinePage, kStranger, PageFacts()));
}
TEST(AccessTable, DeclineRaiserNotPagedMayNot) {
    EXPECT_FALSE(May(Action::kDeclinePage, kRaiser, PageFacts()));
}
TEST(AccessTable, DeclineRaiserOnDutyMayPassItOn) {
    EXPECT_TRUE(May(Action::kDeclinePage, kRaiser, RaiserOnDutyFacts()));
}

// --- The table itself ------------------------------------------------------------------------

TEST(AccessTable, GroupsAreAskedOnlyWhenThePersonWasNotPagedByName) {
    int asked = 0;
    Facts facts = PageFacts();
    facts.in_group = [&asked](std::string_view, std::string_view) {
        ++asked;
        return false;
    };
    EXPECT_TRUE(May(Action::kAnswerPage, kPaged, facts));
    EXPECT_EQ(asked, 0);
    EXPECT_FALSE(May(Action::kAnswerPage, kStranger, facts));
    EXPECT_EQ(asked, 1);
}

// --- The case thread: claim, reassign, add an update, resolve ---------------------------------

constexpr const char* kLead = "U0LEAD00001";        // in [groups] leads by id
constexpr const char* kGroupLead = "U0LEAD00009";   // a lead through a leads user group

Facts CaseFacts() {
    Facts facts;
    facts.raised_by = kRaiser;
    facts.is_lead = [](std::string_view user) { return user == kLead || user == kGroupLead; };
    return facts;
}

constexpr Action kCaseActions[] = {Action::kClaimCase, Action::kReassignCase,
                                   Action::kAddCaseUpdate, Action::kResolveCase};

TEST(AccessTable, CaseActionsALeadMay) {
    for (Action action : kCaseActions) EXPECT_TRUE(May(action, kLead, CaseFacts())) << ActionName(action);
}

TEST(AccessTable, CaseActionsALeadThroughAGroupMay) {
    for (Action action : kCaseActions) {
        EXPECT_TRUE(May(action, kGroupLead, CaseFacts())) << ActionName(action);
    }
}

TEST(AccessTable, CaseActionsTheAgentWhoRaisedItMayNot) {
    for (Action action : kCaseActions) {
        EXPECT_FALSE(May(action, kRaiser, CaseFacts())) << ActionName(action);
    }
}

TEST(AccessTable, CaseActionsAStrangerMayNot) {
    for (Action action : kCaseActions) {
        EXPECT_FALSE(May(action, kStranger, CaseFacts())) << ActionName(action);
    }
}

TEST(AccessTable, CaseActionsNobodyMayWhenNoLeadIsConfigured) {
    Facts facts = CaseFacts();
    facts.is_lead = nullptr;
    for (Action action : kCaseActions) EXPECT_FALSE(May(action, kLead, facts)) << ActionName(action);
}

// --- A Concert request -------------------------------------------------------------------------

constexpr const char* kContact = "U0CONCERT1";

Facts ConcertFacts() {
    Facts facts;
    facts.raised_by = kRaiser;
    facts.is_concert_contact = [](std::string_view user) { return user == kContact; };
    return facts;
}

TEST(AccessTable, ConcertAnswerAContactMay) {
    EXPECT_TRUE(May(Action::kAnswerConcert, kContact, ConcertFacts()));
}

TEST(AccessTable, ConcertAnswerTheRequestingAgentMayNot) {
    EXPECT_FALSE(May(Action::kAnswerConcert, kRaiser, ConcertFacts()));
}

TEST(AccessTable, ConcertAnswerAStrangerMayNot) {
    EXPECT_FALSE(May(Action::kAnswerConcert, kStranger, ConcertFacts()));
}

TEST(AccessTable, ConcertCancelAndQuestionAnsweredOnlyTheRequestingAgentMay) {
    for (Action action : {Action::kCancelConcert, Action::kConcertQuestionAnswered}) {
        EXPECT_TRUE(May(action, kRaiser, ConcertFacts())) << ActionName(action);
        EXPECT_FALSE(May(action, kContact, ConcertFacts())) << ActionName(action);
        EXPECT_FALSE(May(action, kStranger, ConcertFacts())) << ActionName(action);
    }
}

// --- Installer complaints ----------------------------------------------------------------------

constexpr const char* kBackOffice = "U0BACKOFF01";
constexpr const char* kBackOfficeMember = "U0BACKOFF09";  // only through S0BACKOFF01
constexpr const char* kOwner = "U0BACKOFF02";

Facts ComplaintFacts(std::string owner = "") {
    Facts facts;
    facts.raised_by = kRaiser;
    facts.owner = std::move(owner);
    facts.is_back_office = [](std::string_view who) {
        return who == kBackOffice || who == kBackOfficeMember || who == kOwner;
    };
    return facts;
}

TEST(AccessTable, InstallerClaimTheBackOfficeMay) {
    EXPECT_TRUE(May(Action::kClaimInstallerComplaint, kBackOffice, ComplaintFacts()));
    EXPECT_TRUE(May(Action::kClaimInstallerComplaint, kBackOfficeMember, ComplaintFacts()));
}
TEST(AccessTable, InstallerClaimTheRaisingAgentAndAStrangerMayNot) {
    EXPECT_FALSE(May(Action::kClaimInstallerComplaint, kRaiser, ComplaintFacts()));
    EXPECT_FALSE(May(Action::kClaimInstallerComplaint, kStranger, ComplaintFacts()));
}
TEST(AccessTable, InstallerCaseStepsTheOwnerAndTheBackOfficeMay) {
    for (Action action : {Action::kRecordInstallerChase, Action::kReferInstallerComplaint,
                          Action::kRecordPartnerUpdate, Action::kCloseInstallerComplaint}) {
        Facts owner_outside = ComplaintFacts("U0FORMERBO");  // claimed, since left back office
        EXPECT_TRUE(May(action, "U0FORMERBO", owner_outside)) << ActionName(action);
        EXPECT_TRUE(May(action, kBackOfficeMember, ComplaintFacts(kOwner))) << ActionName(action);
        EXPECT_FALSE(May(action, kRaiser, ComplaintFacts(kOwner))) << ActionName(action);
        EXPECT_FALSE(May(action, kStranger, ComplaintFacts(kOwner))) << ActionName(action);
    }
}
TEST(AccessTable, InstallerNobodyMayWhenNoBackOfficeIsConfigured) {
    Facts facts;
    facts.raised_by = kRaiser;
    EXPECT_FALSE(May(Action::kClaimInstallerComplaint, kBackOffice, facts));
    EXPECT_FALSE(May(Action::kCloseInstallerComplaint, kBackOffice, facts));
}

TEST(AccessTable, AnyMemberMayEscalateOrRaiseAnInstallerComplaintButNobodyWithoutAUserId) {
    for (Action action : {Action::kEscalate, Action::kRaiseInstallerComplaint}) {
        EXPECT_TRUE(May(action, kStranger, Facts{})) << ActionName(action);
        EXPECT_TRUE(May(action, kRaiser, ComplaintFacts())) << ActionName(action);
        EXPECT_FALSE(May(action, "", Facts{})) << ActionName(action);
    }
}

// --- Show contact details ([privacy] mask_contact_details) -------------------------------

TEST(AccessTable, CaseContactsLeadsTheRaiserAndTheOwnerMayOthersNot) {
    Facts facts;
    facts.raised_by = kRaiser;
    facts.case_owner = "U0OWNER0001";
    facts.is_lead = [](std::string_view who) { return who == kPaged; };

    EXPECT_TRUE(May(Action::kShowCaseContacts, kPaged, facts));
    EXPECT_TRUE(May(Action::kShowCaseContacts, kRaiser, facts));
    EXPECT_TRUE(May(Action::kShowCaseContacts, "U0OWNER0001", facts));
    EXPECT_FALSE(May(Action::kShowCaseContacts, kStranger, facts));
    EXPECT_FALSE(May(Action::kShowCaseContacts, "", facts));
}

TEST(AccessTable, ComplaintContactsBackOfficeTheOwnerAndTheRaiserMayOthersNot) {
    Facts facts;
    facts.raised_by = kRaiser;
    facts.owner = "U0OWNER0001";
    facts.is_back_office = [](std::string_view who) { return who == "U0BACKOFF01"; };
    facts.is_lead = [](std::string_view who) { return who == kPaged; };

    EXPECT_TRUE(May(Action::kShowComplaintContacts, "U0BACKOFF01", facts));
    EXPECT_TRUE(May(Action::kShowComplaintContacts, kRaiser, facts));
    EXPECT_TRUE(May(Action::kShowComplaintContacts, "U0OWNER0001", facts));
    EXPECT_FALSE(May(Action::kShowComplaintContacts, kPaged, facts));
    EXPECT_FALSE(May(Action::kShowComplaintContacts, kStranger, facts));
}

// --- Lists and status (/escalation) -------------------------------------------------------------

/// A case raised by kRaiser and owned by `owner`; kPaged is a lead, kBackOffice back office.
Facts ListFacts(std::string owner = "") {
    Facts facts = ComplaintFacts(std::move(owner));
    facts.is_lead = [](std::string_view who) { return who == kPaged; };
    return facts;
}

TEST(AccessTable, ListOwnCasesAnyMemberMayButNobodyWithoutAUserId) {
    EXPECT_TRUE(May(Action::kListOwnCases, kStranger, Facts{}));
    EXPECT_FALSE(May(Action::kListOwnCases, "", Facts{}));
}
TEST(AccessTable, ListTeamCasesLeadsAndBackOfficeMayAgentsMayNot) {
    EXPECT_TRUE(May(Action::kListTeamCases, kPaged, ListFacts()));
    EXPECT_TRUE(May(Action::kListTeamCases, kBackOfficeMember, ListFacts()));
    EXPECT_FALSE(May(Action::kListTeamCases, kRaiser, ListFacts()));
    EXPECT_FALSE(May(Action::kListTeamCases, kStranger, ListFacts()));
    EXPECT_FALSE(May(Action::kListTeamCases, kPaged, Facts{}));  // no leads configured
}
TEST(AccessTable, CaseStatusRaiserOwnerLeadsAndBackOfficeMayOthersMayNot) {
    EXPECT_TRUE(May(Action::kViewCaseStatus, kRaiser, ListFacts()));
    EXPECT_TRUE(May(Action::kViewCaseStatus, "U0FORMERLD", ListFacts("U0FORMERLD")));  // its owner
    EXPECT_TRUE(May(Action::kViewCaseStatus, kPaged, ListFacts()));
    EXPECT_TRUE(May(Action::kViewCaseStatus, kBackOffice, ListFacts()));
    EXPECT_FALSE(May(Action::kViewCaseStatus, kStranger, ListFacts("U0FORMERLD")));
    EXPECT_FALSE(May(Action::kViewCaseStatus, "", ListFacts()));
}

TEST(AccessTable, EveryActionHasExactlyOneRowThatSaysWhoMay) {
    for (Action action : {Action::kEscalate, Action::kRaiseInstallerComplaint,
                          Action::kAnswerPage, Action::kAcceptPage, Action::kNotAcceptPage,
                          Action::kDeclinePage, Action::kClaimCase, Action::kReassignCase,
                          Action::kAddCaseUpdate, Action::kResolveCase, Action::kAnswerConcert,
                          Action::kCancelConcert, Action::kConcertQuestionAnswered,
                          Action::kClaimInstallerComplaint, Action::kRecordInstallerChase,
                          Action::kReferInstallerComplaint, Action::kRecordPartnerUpdate,
                          Action::kCloseInstallerComplaint, Action::kShowCaseContacts,
                          Action::kShowComplaintContacts}) {
        int rows = 0;
        for (const Rule& rule : Table()) rows += rule.action == action;
        EXPECT_EQ(rows, 1) << ActionName(action);
        EXPECT_FALSE(RuleOf(action).who_may.empty());
        EXPECT_FALSE(RuleOf(action).allowed.empty());
    }
}

TEST(AccessTable, MarkdownHasAHeaderAndARowPerAction) {
    const std::string md = TableMarkdown();
    EXPECT_THAT(md, HasSubstr("| Action | Who may | Who may not |"));
    EXPECT_THAT(md, HasSubstr("| Answer a live-ladder page | the people paged for that tier"));
    EXPECT_THAT(md,
                HasSubstr("| Accept a live-ladder page for handling | the person who answered"));
    EXPECT_THAT(md, HasSubstr("the agent who raised it; everyone else |"));
    EXPECT_EQ(std::count(md.begin(), md.end(), '\n'), 2 + static_cast<long>(Table().size()));
}

TEST(AccessTable, TheReadmeShowsThisVeryTable) {
    EXPECT_THAT(test::ReadFile(test::SourceDir() / "README.md"), HasSubstr(TableMarkdown()))
        << "README.md's table is out of date; paste access::TableMarkdown():\n"
        << TableMarkdown();
}

}  // namespace
}  // namespace escbot::commands::access
