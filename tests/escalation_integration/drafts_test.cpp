// Drafts and forms (issue 16 item 4), over signed HTTP against the fake Slack: several drafts at
// once (one per homeowner), each resumed by name; Back keeps the answers; dates from Slack's date
// picker; drafts left unchanged too long are closed with a note to the agent. And the refused
// (live) path keeps the concern type, the summary, the call-back details and the key points.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/escalation_integration/escalation_driver.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using std::chrono::hours;
using std::chrono::seconds;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kResolution = "C0RESOLUTN1";
constexpr const char* kJane = "Jane Q. Homeowner";
constexpr const char* kJohn = "John Smith";

std::string MetadataOf(const nlohmann::json& view) { return view.value("private_metadata", ""); }

class Drafts : public ::testing::Test {
protected:
    explicit Drafts(TestBot::Options options = {}) : bot_(std::move(options)) {}

    std::optional<storage::Draft> Draft(long long id) {
        return bot_.store().Read([&](storage::UnitOfWork& u) { return u.Drafts().Get(id); });
    }
    /// The first screen of a new form for `name`, submitted: the follow-up offer screen.
    nlohmann::json OfferScreenFor(const std::string& name, const std::string& address) {
        const nlohmann::json view = agent_.Escalate(kAgent, name);
        opened_hash_ = view.value("hash", "");
        const nlohmann::json ack = agent_.Submit(kAgent, view, QualifyAnswers("homeowner", name, address));
        return EscalationDriver::Updated(view, ack);
    }
    bool HasBack(const nlohmann::json& view) {
        return view.dump().find("escalation_back") != std::string::npos;
    }

    TestBot bot_;
    EscalationDriver agent_{bot_};
    std::string opened_hash_;  // the hash the fake Slack knows for the opened view
};

// --- Several drafts at once ----------------------------------------------------------------------

TEST_F(Drafts, TwoDraftsAtOnceForTwoHomeownersAreEachResumedByName) {
    // A chat with Jane reaches the follow-up offer; a call with John starts meanwhile.
    OfferScreenFor(kJane, "12 North Main Street, Springfield");
    const nlohmann::json john = agent_.Escalate(kAgent, kJohn);
    ASSERT_EQ(john["callback_id"], "escalation_step");
    EXPECT_EQ(john["title"]["text"], "Escalate: qualify");
    EXPECT_EQ(MetadataOf(john), "d:2");
    agent_.Submit(kAgent, john, QualifyAnswers("homeowner", kJohn, "9 Elm Street"));

    // Back to Jane, typed another way: her draft, where it stopped.
    const nlohmann::json jane = agent_.Escalate(kAgent, "JANE Q HOMEOWNER");
    ASSERT_EQ(jane["callback_id"], "escalation_step");
    EXPECT_EQ(jane["title"]["text"], "Offer a follow-up");
    EXPECT_EQ(MetadataOf(jane), "d:1");
    // And John's, by name too.
    const nlohmann::json john_again = agent_.Escalate(kAgent, "john smith");
    EXPECT_EQ(MetadataOf(john_again), "d:2");
    EXPECT_EQ(john_again["title"]["text"], "Offer a follow-up");

    // Both finish into their own cases.
    const nlohmann::json jane_done = agent_.Walk(kAgent, jane, FullAnswers());
    const nlohmann::json john_done =
        agent_.Walk(kAgent, john_again, FullAnswers(kJohn, "9 Elm Street"));
    bot_.Flush();
    EXPECT_THAT(AllText(jane_done["view"]), HasSubstr("Case ESC-1 created"));
    EXPECT_THAT(AllText(john_done["view"]), HasSubstr("Case ESC-2 created"));
    EXPECT_EQ(agent_.Case(1)->answers["homeowner_name"], kJane);
    EXPECT_EQ(agent_.Case(2)->answers["homeowner_name"], kJohn);
    EXPECT_EQ(Draft(1)->status, storage::Draft::Status::kSubmitted);
    EXPECT_EQ(Draft(2)->status, storage::Draft::Status::kSubmitted);
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(Drafts, TheResumeScreenListsEveryOpenDraftAndOpensThePickedOne) {
    OfferScreenFor(kJane, "12 North Main Street, Springfield");
    bot_.Advance(hours(1));
    agent_.Escalate(kAgent, kJohn);

    const nlohmann::json list = agent_.Escalate(kAgent);
    ASSERT_EQ(list["callback_id"], "escalation_resume");
    const std::string text = AllText(list);
    EXPECT_THAT(text, HasSubstr("2 unfinished escalation forms"));
    EXPECT_THAT(text, HasSubstr("John Smith · Escalate: qualify · 1 min"));
    EXPECT_THAT(text, HasSubstr("Jane Q. Homeowner · Offer a follow-up · 1 h"));

    const nlohmann::json ack = agent_.Submit(kAgent, list, {{"resume_choice", "draft:1"}});
    ASSERT_EQ(ack["response_action"], "update");
    EXPECT_EQ(ack["view"]["title"]["text"], "Offer a follow-up");
    EXPECT_EQ(MetadataOf(ack["view"]), "d:1");
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

// --- Back ----------------------------------------------------------------------------------------

TEST_F(Drafts, OnlyScreensAfterTheFirstHaveBack) {
    const nlohmann::json first = agent_.Escalate(kAgent, kJane);
    EXPECT_FALSE(HasBack(first));
    const nlohmann::json offer = OfferScreenFor(kJohn, "9 Elm Street");
    EXPECT_TRUE(HasBack(offer));
}

TEST_F(Drafts, BackShowsThePreviousScreenWithItsAnswersAndKeepsWhatWasTypedHere) {
    nlohmann::json offer = OfferScreenFor(kJane, "12 North Main Street, Springfield");
    offer["hash"] = opened_hash_;

    // On the offer screen, "yes" is typed; Back returns to the first screen, pre-filled.
    const nlohmann::json qualify = agent_.Back(kAgent, offer, {{"agrees_to_wait", "yes"}});

    ASSERT_FALSE(qualify.is_null());
    EXPECT_EQ(qualify["title"]["text"], "Escalate: qualify");
    EXPECT_FALSE(HasBack(qualify));
    const std::string dump = qualify.dump();
    EXPECT_THAT(dump, HasSubstr("\"initial_value\":\"Jane Q. Homeowner\""));
    EXPECT_THAT(dump, HasSubstr("\"initial_value\":\"CX-20261123-0042\""));
    EXPECT_EQ(Draft(1)->step, "qualify");
    EXPECT_EQ(Draft(1)->answers["agrees_to_wait"], "yes");

    // A fix on the first screen, then Next: the offer screen again, "yes" still chosen.
    AgentAnswers fixed = QualifyAnswers();
    fixed["interaction_id"] = "CX-FIXED-1";
    const nlohmann::json again = agent_.Submit(kAgent, qualify, fixed);
    ASSERT_EQ(again["response_action"], "update");
    EXPECT_EQ(again["view"]["title"]["text"], "Offer a follow-up");
    EXPECT_THAT(again["view"].dump(),
                HasSubstr("\"initial_option\":{\"text\":{\"emoji\":true,\"text\":\"Yes\""));
    EXPECT_EQ(Draft(1)->answers["interaction_id"], "CX-FIXED-1");
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(Drafts, BackTwiceThenNextShowsTheLaterScreenWithItsAnswersKept) {
    nlohmann::json offer = OfferScreenFor(kJane, "12 North Main Street, Springfield");
    const nlohmann::json ack = agent_.Submit(kAgent, offer, {{"agrees_to_wait", "yes"}});
    nlohmann::json verification = EscalationDriver::Updated(offer, ack);
    ASSERT_EQ(verification["title"]["text"], "Verification");
    verification["hash"] = opened_hash_;

    const nlohmann::json back = agent_.Back(
        kAgent, verification, {{"email_status", "none"}, {"callback_phone", "(555) 201-3344"}});
    ASSERT_EQ(back["title"]["text"], "Offer a follow-up");
    EXPECT_TRUE(HasBack(back));
    const nlohmann::json first = agent_.Back(kAgent, back, {{"agrees_to_wait", "yes"}});
    ASSERT_EQ(first["title"]["text"], "Escalate: qualify");

    const nlohmann::json next = agent_.Submit(kAgent, first, QualifyAnswers());
    const nlohmann::json next2 =
        agent_.Submit(kAgent, EscalationDriver::Updated(first, next), {{"agrees_to_wait", "yes"}});
    ASSERT_EQ(next2["view"]["title"]["text"], "Verification");
    const std::string dump = next2["view"].dump();
    EXPECT_THAT(dump, HasSubstr("\"text\":\"Has no email address\""));
    EXPECT_THAT(dump, HasSubstr("\"initial_value\":\"(555) 201-3344\""));
    EXPECT_EQ(Draft(1)->path, (std::vector<std::string>{"qualify", "offer_follow_up"}));
}

TEST_F(Drafts, BackFromAScreenThatMovedOnChangesNothing) {
    nlohmann::json offer = OfferScreenFor(kJane, "12 North Main Street, Springfield");
    offer["hash"] = opened_hash_;
    agent_.Submit(kAgent, offer, {{"agrees_to_wait", "yes"}});  // now on Verification

    const nlohmann::json shown = agent_.Back(kAgent, offer, {{"agrees_to_wait", "no"}});

    EXPECT_TRUE(shown.is_null());
    EXPECT_EQ(Draft(1)->step, "verification");
    EXPECT_EQ(Draft(1)->answers["agrees_to_wait"], "yes");
}

TEST_F(Drafts, BackOnAnotherAgentsDraftChangesNothing) {
    nlohmann::json offer = OfferScreenFor(kJane, "12 North Main Street, Springfield");
    offer["hash"] = opened_hash_;

    const nlohmann::json shown = agent_.Back("U0AGENT002", offer, {{"agrees_to_wait", "no"}});

    EXPECT_TRUE(shown.is_null());
    EXPECT_EQ(Draft(1)->step, "offer_follow_up");
    EXPECT_FALSE(Draft(1)->answers.contains("agrees_to_wait"));
}

// --- Dates ---------------------------------------------------------------------------------------

TEST_F(Drafts, TheDatePickersValueIsReadFromTheViewStateIntoTheCase) {
    AgentAnswers answers = FullAnswers();
    answers["rep_first_visit_on"] = "2026-04-15";
    const nlohmann::json view = agent_.Escalate(kAgent);

    const nlohmann::json result = agent_.Walk(kAgent, view, answers);
    bot_.Flush();

    EXPECT_THAT(AllText(result["view"]), HasSubstr("Case ESC-1 created"));
    EXPECT_EQ(agent_.Case(1)->answers["rep_first_visit_on"], "2026-04-15");
    ASSERT_EQ(agent_.Messages(kResolution).size(), 1u);
    EXPECT_THAT(AllText(agent_.Messages(kResolution)[0]), HasSubstr("2026-04-15"));
}

TEST_F(Drafts, ADateThatIsNotYyyyMmDdComesBackInlineOnItsBlock) {
    AgentAnswers answers = FullAnswers();
    answers["rep_first_visit_on"] = "04/15/2026";  // not what a date picker sends
    const nlohmann::json view = agent_.Escalate(kAgent);

    const nlohmann::json ack = agent_.Walk(kAgent, view, answers);

    ASSERT_EQ(ack["response_action"], "errors");
    EXPECT_TRUE(ack["errors"].contains("q_rep_first_visit_on"));
}

// --- Expiry --------------------------------------------------------------------------------------

TEST_F(Drafts, ADraftUnchangedForThreeDaysIsClosedWithANoteToTheAgent) {
    const nlohmann::json offer = OfferScreenFor(kJane, "12 North Main Street, Springfield");
    bot_.Advance(hours(48));
    agent_.Escalate(kAgent, kJohn);  // John's draft, two days younger

    bot_.Advance(hours(24) - seconds(1));
    EXPECT_EQ(Draft(1)->status, storage::Draft::Status::kOpen);
    bot_.Advance(seconds(1));

    EXPECT_EQ(Draft(1)->status, storage::Draft::Status::kAbandoned);
    EXPECT_EQ(Draft(2)->status, storage::Draft::Status::kOpen);
    const auto dms = agent_.DirectMessages(kAgent);
    ASSERT_EQ(dms.size(), 1u);
    const std::string note = AllText(dms[0]);
    EXPECT_THAT(note, HasSubstr("Jane Q. Homeowner"));
    EXPECT_THAT(note, HasSubstr("Offer a follow-up"));
    EXPECT_THAT(note, HasSubstr("no change for 3d"));
    EXPECT_EQ(agent_.Audit("draft:1").back().action, "escalation.expired");
    // Its screen, still open somewhere, no longer submits.
    const nlohmann::json ack = agent_.Submit(kAgent, offer, {{"agrees_to_wait", "yes"}});
    EXPECT_THAT(AllText(ack["view"]), HasSubstr("This form was closed"));
    // /escalate with her name starts anew; John's draft follows two days later.
    EXPECT_EQ(MetadataOf(agent_.Escalate(kAgent, kJane)), "d:3");
    bot_.Advance(hours(48));
    EXPECT_EQ(Draft(2)->status, storage::Draft::Status::kAbandoned);
    EXPECT_EQ(agent_.DirectMessages(kAgent).size(), 2u);
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(Drafts, ResumingADraftStartsItsAgeAgain) {
    OfferScreenFor(kJane, "12 North Main Street, Springfield");
    bot_.Advance(hours(70));
    agent_.Escalate(kAgent, kJane);  // the agent is back on it

    bot_.Advance(hours(3));

    EXPECT_EQ(Draft(1)->status, storage::Draft::Status::kOpen);
    EXPECT_THAT(agent_.DirectMessages(kAgent), IsEmpty());
}

TEST(DraftExpiry, TheConfiguredAgeIsUsed) {
    TestBot::Options options;
    options.edit_config = [](std::string& toml) {
        const auto at = toml.find("draft_max_age");
        if (at == std::string::npos) throw std::logic_error("example config has no draft_max_age");
        toml.replace(at, toml.find('\n', at) - at, "draft_max_age = \"2h\"");
    };
    TestBot bot(options);
    EscalationDriver agent(bot);
    agent.Escalate(kAgent, kJane);

    bot.Advance(hours(2) - seconds(1));
    const auto open = [&] {
        return bot.store().Read([](storage::UnitOfWork& u) { return u.Drafts().Get(1); })->status;
    };
    EXPECT_EQ(open(), storage::Draft::Status::kOpen);
    bot.Advance(seconds(1));
    EXPECT_EQ(open(), storage::Draft::Status::kAbandoned);
    EXPECT_THAT(AllText(agent.DirectMessages(kAgent).at(0)), HasSubstr("no change for 2h"));
}

// --- The refused (live) path keeps what the agent noted ------------------------------------------

// 23:00 ET on a Monday: no one is on duty, so the ladder ends in voicemail at once and the
// follow-up case is posted to the Resolution Team.
TestBot::Options MondayNight() {
    TestBot::Options options;
    options.start = FromUnix(1795446000 + 13 * 3600);
    return options;
}

class RefusedPath : public Drafts {
protected:
    RefusedPath() : Drafts(MondayNight()) {}
};

TEST_F(RefusedPath, TheCaseKeepsTheConcernTypeSummaryCallBackDetailsAndKeyPoints) {
    const nlohmann::json offer = OfferScreenFor(kJane, "12 North Main Street, Springfield");

    const nlohmann::json result =
        agent_.Walk(kAgent, offer,
                    {{"agrees_to_wait", "no"},
                     {"live_concern_summary", "Says the rep forged her signature."},
                     {"live_concern_types", nlohmann::json::array({"fraud", "contract"})},
                     {"live_callback_phone", "(555) 201-3344"},
                     {"live_callback_time", "Weekdays after 5 PM"},
                     {"live_key_points", "Welcome call answered by a man"}});
    bot_.Flush();

    EXPECT_THAT(AllText(result["view"]), HasSubstr("Follow-up case *ESC-1*"));
    const auto roots = agent_.Messages(kResolution);
    ASSERT_EQ(roots.size(), 1u);
    const std::string root = AllText(roots[0]);
    EXPECT_THAT(root, HasSubstr("*Concern*\nClaiming fraud, Contract"));
    EXPECT_THAT(root, Not(HasSubstr("Not recorded")));
    EXPECT_THAT(root, HasSubstr("Says the rep forged her signature."));
    EXPECT_THAT(root, HasSubstr("(555) 201-3344"));
    EXPECT_THAT(root, HasSubstr("Weekdays after 5 PM"));
    EXPECT_THAT(root, HasSubstr("Welcome call answered by a man"));
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(RefusedPath, AnswersNotedOnLaterScreensBeforeGoingBackAreKept) {
    // The customer first agreed; the agent noted the concern, then the customer refused to wait.
    const nlohmann::json offer = OfferScreenFor(kJane, "12 North Main Street, Springfield");
    const nlohmann::json ack = agent_.Submit(kAgent, offer, {{"agrees_to_wait", "yes"}});
    nlohmann::json verification = EscalationDriver::Updated(offer, ack);
    verification["hash"] = opened_hash_;
    const nlohmann::json back = agent_.Back(
        kAgent, verification,
        {{"concern_types", nlohmann::json::array({"system"})}, {"callback_phone", "(555) 777-0000"}});
    ASSERT_EQ(back["title"]["text"], "Offer a follow-up");

    agent_.Walk(kAgent, back,
                {{"agrees_to_wait", "no"}, {"live_concern_summary", "Bill still high."}});
    bot_.Flush();

    const auto roots = agent_.Messages(kResolution);
    ASSERT_EQ(roots.size(), 1u);
    const std::string root = AllText(roots[0]);
    EXPECT_THAT(root, HasSubstr("*Concern*\nSystem"));
    EXPECT_THAT(root, HasSubstr("(555) 777-0000"));
    EXPECT_THAT(root, HasSubstr("Bill still high."));
    EXPECT_THAT(root, Not(HasSubstr("Not recorded")));
}

}  // namespace
}  // namespace escbot::test
