#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/escalation/flow/engine.hpp"
#include "commands/escalation/flow/ladder.hpp"
#include "tests/sop/shipped_sop.hpp"

namespace escbot::commands::escalation::flow {
namespace {

using config::sop::LadderTier;
using config::sop::Outcome;
using config::sop::Question;
using config::sop::Sop;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;

using Kind = FlowResult::Kind;

/// Submits a screen as Slack does: every question the screen shows is present (null if empty).
FlowResult SubmitScreen(const Sop& sop, std::string_view step_id, const Answers& so_far,
                        const Answers& values, const Facts& facts = {}) {
    const auto& step = *sop.FindStep(step_id);
    const Answers merged = MergeAnswers(so_far, values);
    Answers submitted = Answers::object();
    for (const Question* q : VisibleQuestions(sop, step, merged, facts)) {
        submitted[q->id] = values.contains(q->id) ? values[q->id] : Answers();
    }
    return Submit(sop, step_id, so_far, submitted, facts);
}

std::vector<std::string> VisibleIds(const Sop& sop, std::string_view step_id,
                                    const Answers& answers) {
    std::vector<std::string> ids;
    for (const Question* q : VisibleQuestions(sop, *sop.FindStep(step_id), answers)) {
        ids.push_back(q->id);
    }
    return ids;
}

Answers Qualify(std::string origin, std::string asked_for_lead, Answers qualifiers) {
    return {{"origin", origin},
            {"asked_for_lead", asked_for_lead},
            {"qualifiers", qualifiers},
            {"homeowner_name", "Jane Doe"},
            {"property_address", "1 Main St, Springfield"},
            {"interaction_id", "CX-123"}};
}

class FlowEngineTest : public ::testing::Test {
protected:
    const Sop& sop_ = test::ShippedSop();

    /// Answers and the current step after qualifying (asked for a lead) and agreeing to wait.
    FlowResult AgreedToWait(const std::string& origin = "homeowner") {
        FlowResult r = SubmitScreen(sop_, "qualify", {}, Qualify(origin, "yes", Answers::array()));
        return SubmitScreen(sop_, r.step->id, r.answers, {{"agrees_to_wait", "yes"}});
    }
};

TEST_F(FlowEngineTest, StartShowsTheQualifyScreen) {
    const FlowResult result = Start(sop_, {}, {});

    ASSERT_EQ(result.kind, Kind::kScreen);
    EXPECT_EQ(result.step->id, "qualify");
}

TEST_F(FlowEngineTest, CustomerAskingForALeadQualifies) {
    const FlowResult result =
        SubmitScreen(sop_, "qualify", {}, Qualify("homeowner", "yes", Answers::array()));

    ASSERT_EQ(result.kind, Kind::kScreen);
    EXPECT_EQ(result.step->id, "offer_follow_up");
}

TEST_F(FlowEngineTest, AQualifierAloneQualifies) {
    const FlowResult result =
        SubmitScreen(sop_, "qualify", {}, Qualify("homeowner", "no", {"bbb_complaint"}));

    ASSERT_EQ(result.kind, Kind::kScreen);
    EXPECT_EQ(result.step->id, "offer_follow_up");
    EXPECT_EQ(result.answers["qualifiers"], Answers({"bbb_complaint"}));
}

TEST_F(FlowEngineTest, NoLeadRequestAndNoQualifierEndsNotQualifiedWithAReason) {
    const FlowResult result =
        SubmitScreen(sop_, "qualify", {}, Qualify("homeowner", "no", Answers::array()));

    ASSERT_EQ(result.kind, Kind::kOutcome);
    EXPECT_EQ(result.outcome->kind, Outcome::Kind::kNotQualified);
    EXPECT_THAT(result.outcome->advice, ::testing::HasSubstr("Follow the appropriate SOP"));
    EXPECT_THAT(result.reason, ::testing::HasSubstr("did not ask for a lead"));
}

TEST_F(FlowEngineTest, OpenCaseForTheHomeownerYieldsTheExistingCaseStep) {
    const FlowResult result = SubmitScreen(sop_, "qualify", {},
                                           Qualify("homeowner", "yes", Answers::array()),
                                           Facts{.open_case_exists = true});

    ASSERT_EQ(result.kind, Kind::kScreen);
    EXPECT_EQ(result.step->id, "existing_case");
    EXPECT_EQ(result.step->panel, config::sop::Panel::kExistingCase);
}

TEST_F(FlowEngineTest, OpenCaseDoesNotMatterWhenTheConcernDoesNotQualify) {
    const FlowResult result = SubmitScreen(sop_, "qualify", {},
                                           Qualify("homeowner", "no", Answers::array()),
                                           Facts{.open_case_exists = true});

    ASSERT_EQ(result.kind, Kind::kOutcome);
    EXPECT_EQ(result.outcome->kind, Outcome::Kind::kNotQualified);
}

TEST_F(FlowEngineTest, QualifyScreenNeedsTheOpenCaseLookup) {
    EXPECT_THAT(FactsNeeded(sop_, "qualify"), ElementsAre("open_case_exists"));
    EXPECT_THAT(FactsNeeded(sop_, "verification"), IsEmpty());
}

TEST_F(FlowEngineTest, AddingToTheExistingCaseEndsTheFlow) {
    const FlowResult existing = SubmitScreen(sop_, "qualify", {},
                                             Qualify("homeowner", "yes", Answers::array()),
                                             Facts{.open_case_exists = true});

    Facts facts{.open_case_exists = true};
    facts.open_cases = {{"7", "ESC-7 · Open, unclaimed"}, {"9", "ESC-9 · Claimed"}};

    const FlowResult result = SubmitScreen(sop_, "existing_case", existing.answers,
                                           {{"existing_case_action", "add_to_existing"},
                                            {"existing_case_ref", "7"},
                                            {"interaction_said", "Still waiting."}},
                                           facts);

    ASSERT_EQ(result.kind, Kind::kOutcome);
    EXPECT_EQ(result.outcome->kind, Outcome::Kind::kExistingCase);
}

TEST_F(FlowEngineTest, AddingNeedsAnOpenCaseOfTheHomeownerAndWhatTheCustomerSaid) {
    const FlowResult existing = SubmitScreen(sop_, "qualify", {},
                                             Qualify("homeowner", "yes", Answers::array()),
                                             Facts{.open_case_exists = true});
    Facts facts{.open_case_exists = true};
    facts.open_cases = {{"7", "ESC-7 · Open, unclaimed"}};

    const FlowResult result = SubmitScreen(sop_, "existing_case", existing.answers,
                                           {{"existing_case_action", "add_to_existing"},
                                            {"existing_case_ref", "8"},  // not one of them
                                            {"interaction_said", ""}},
                                           facts);

    ASSERT_EQ(result.kind, Kind::kInvalid);
    EXPECT_TRUE(result.errors.contains("existing_case_ref"));
    EXPECT_TRUE(result.errors.contains("interaction_said"));
}

TEST_F(FlowEngineTest, OpeningANewCaseContinuesToTheFollowUpOffer) {
    const FlowResult existing = SubmitScreen(sop_, "qualify", {},
                                             Qualify("homeowner", "yes", Answers::array()),
                                             Facts{.open_case_exists = true});

    const FlowResult result = SubmitScreen(sop_, "existing_case", existing.answers,
                                           {{"existing_case_action", "open_new"}});

    ASSERT_EQ(result.kind, Kind::kScreen);
    EXPECT_EQ(result.step->id, "offer_follow_up");
}

TEST_F(FlowEngineTest, AgreeingToWaitLeadsToTheDetailedOverview) {
    const FlowResult result = AgreedToWait();

    ASSERT_EQ(result.kind, Kind::kScreen);
    EXPECT_EQ(result.step->id, "verification");
}

TEST_F(FlowEngineTest, RefusingRevealsTheConcernBriefBeforeEndingInTheLadder) {
    const FlowResult qualified =
        SubmitScreen(sop_, "qualify", {}, Qualify("homeowner", "yes", Answers::array()));
    Answers shown_without_brief = {{"agrees_to_wait", "no"}};

    const FlowResult revealed =
        Submit(sop_, "offer_follow_up", qualified.answers, shown_without_brief, {});

    ASSERT_EQ(revealed.kind, Kind::kScreen);
    EXPECT_TRUE(revealed.revealed);
    EXPECT_EQ(revealed.step->id, "offer_follow_up");
    EXPECT_THAT(VisibleIds(sop_, "offer_follow_up", revealed.answers),
                Contains("live_concern_summary"));
}

TEST_F(FlowEngineTest, HomeownerRefusingToWaitEntersTheLadderAtTierTwo) {
    const FlowResult qualified =
        SubmitScreen(sop_, "qualify", {}, Qualify("homeowner", "yes", Answers::array()));

    const FlowResult result =
        SubmitScreen(sop_, "offer_follow_up", qualified.answers,
                     {{"agrees_to_wait", "no"}, {"live_concern_summary", "Says rep lied."}});

    ASSERT_EQ(result.kind, Kind::kOutcome);
    EXPECT_EQ(result.outcome->kind, Outcome::Kind::kLiveLadder);
    ASSERT_NE(result.ladder_entry, nullptr);
    EXPECT_EQ(result.ladder_entry->id, "tier2");
}

TEST_F(FlowEngineTest, SalesRepRefusingToWaitEntersTheLadderAtTheResolutionLead) {
    const FlowResult qualified =
        SubmitScreen(sop_, "qualify", {}, Qualify("sales_rep", "yes", Answers::array()));

    const FlowResult result =
        SubmitScreen(sop_, "offer_follow_up", qualified.answers,
                     {{"agrees_to_wait", "no"}, {"live_concern_summary", "Rep disputes."}});

    ASSERT_EQ(result.kind, Kind::kOutcome);
    EXPECT_EQ(result.ladder_entry->id, "resolution_lead");
}

TEST_F(FlowEngineTest, InstallerRefusingToWaitEntersTheLadderAtTheResolutionLead) {
    const FlowResult qualified =
        SubmitScreen(sop_, "qualify", {}, Qualify("installer", "no", {"slander"}));

    const FlowResult result =
        SubmitScreen(sop_, "offer_follow_up", qualified.answers,
                     {{"agrees_to_wait", "no"}, {"live_concern_summary", "Installer upset."}});

    ASSERT_EQ(result.kind, Kind::kOutcome);
    EXPECT_EQ(result.ladder_entry->id, "resolution_lead");
}

TEST_F(FlowEngineTest, NoEmailShowsTheEmailFollowUpQuestions) {
    const auto visible = VisibleIds(sop_, "verification", {{"email_status", "none"}});

    EXPECT_THAT(visible, Contains("rep_created_email"));
    EXPECT_THAT(visible, Contains("has_access_to_created_email"));
    EXPECT_THAT(visible, Contains("email_created_on_device"));
    EXPECT_THAT(visible, Not(Contains("email")));
    EXPECT_THAT(visible, Not(Contains("had_access_to_email_on_file")));
}

TEST_F(FlowEngineTest, DifferentEmailShowsTheAccessToEmailOnFileQuestion) {
    const auto visible = VisibleIds(sop_, "verification", {{"email_status", "different"}});

    EXPECT_THAT(visible, Contains("email"));
    EXPECT_THAT(visible, Contains("had_access_to_email_on_file"));
    EXPECT_THAT(visible, Not(Contains("rep_created_email")));
}

TEST_F(FlowEngineTest, FraudBringsTheSalesRepSectionAndSkipsUnchosenOnes) {
    const FlowResult verification = AgreedToWait();
    const FlowResult fraud = SubmitScreen(
        sop_, "verification", verification.answers,
        {{"email_status", "on_file"}, {"email", "jane@example.com"}, {"concern_types", {"fraud"}}});
    ASSERT_EQ(fraud.kind, Kind::kScreen);
    ASSERT_EQ(fraud.step->id, "fraud");

    const FlowResult next = SubmitScreen(sop_, "fraud", fraud.answers,
                                         {{"rep_promised_free", "yes"}, {"received_contract", "no"}});

    ASSERT_EQ(next.kind, Kind::kScreen);
    EXPECT_EQ(next.step->id, "sales_rep");
}

TEST_F(FlowEngineTest, SystemConcernAloneGoesStraightToTheSystemSection) {
    const FlowResult verification = AgreedToWait();

    const FlowResult result = SubmitScreen(
        sop_, "verification", verification.answers,
        {{"email_status", "on_file"}, {"email", "jane@example.com"}, {"concern_types", {"system"}}});

    ASSERT_EQ(result.kind, Kind::kScreen);
    EXPECT_EQ(result.step->id, "system");
}

TEST_F(FlowEngineTest, BadEmailIsRejectedByQuestionId) {
    const FlowResult verification = AgreedToWait();

    const FlowResult result = SubmitScreen(
        sop_, "verification", verification.answers,
        {{"email_status", "different"}, {"email", "jane at example"},
         {"had_access_to_email_on_file", "no"}, {"concern_types", {"contract"}}});

    ASSERT_EQ(result.kind, Kind::kInvalid);
    EXPECT_THAT(result.errors, ElementsAre(::testing::Key("email")));
    EXPECT_EQ(result.step->id, "verification");
}

TEST_F(FlowEngineTest, BadPhoneIsRejectedByQuestionId) {
    const FlowResult verification = AgreedToWait();

    const FlowResult result = SubmitScreen(
        sop_, "verification", verification.answers,
        {{"email_status", "none"}, {"rep_created_email", "no"},
         {"has_access_to_created_email", "no"}, {"email_created_on_device", "unknown"},
         {"callback_phone", "555-12"}, {"concern_types", {"contract"}}});

    ASSERT_EQ(result.kind, Kind::kInvalid);
    EXPECT_THAT(result.errors, ElementsAre(::testing::Key("callback_phone")));
}

TEST_F(FlowEngineTest, MissingRequiredAnswerIsAnError) {
    Answers values = Qualify("homeowner", "yes", Answers::array());
    values["homeowner_name"] = "   ";

    const FlowResult result = SubmitScreen(sop_, "qualify", {}, values);

    ASSERT_EQ(result.kind, Kind::kInvalid);
    EXPECT_THAT(result.errors, ElementsAre(::testing::Key("homeowner_name")));
}

TEST_F(FlowEngineTest, OptionalQualifiersMayBeLeftEmpty) {
    Answers values = Qualify("homeowner", "yes", Answers::array());
    values["qualifiers"] = nullptr;

    const FlowResult result = SubmitScreen(sop_, "qualify", {}, values);

    EXPECT_EQ(result.kind, Kind::kScreen);
    EXPECT_FALSE(result.answers.contains("qualifiers"));
}

TEST_F(FlowEngineTest, OptionThatDoesNotExistIsRejected) {
    const FlowResult result =
        SubmitScreen(sop_, "qualify", {}, Qualify("landlord", "yes", Answers::array()));

    ASSERT_EQ(result.kind, Kind::kInvalid);
    EXPECT_THAT(result.errors, ElementsAre(::testing::Key("origin")));
}

TEST_F(FlowEngineTest, AnswersToQuestionsNowHiddenAreDropped) {
    const FlowResult verification = AgreedToWait();
    Answers so_far = verification.answers;
    so_far["had_access_to_email_on_file"] = "yes";  // from an earlier render

    const FlowResult result = SubmitScreen(
        sop_, "verification", so_far,
        {{"email_status", "on_file"}, {"email", "jane@example.com"}, {"concern_types", {"system"}}});

    EXPECT_FALSE(result.answers.contains("had_access_to_email_on_file"));
    EXPECT_EQ(result.answers["email"], "jane@example.com");
}

TEST_F(FlowEngineTest, SubmissionOfAnotherStepIsStale) {
    const FlowResult result =
        Submit(sop_, "offer_follow_up", {}, Qualify("homeowner", "yes", Answers::array()), {});

    EXPECT_EQ(result.kind, Kind::kStale);
}

TEST_F(FlowEngineTest, WholeAgreedPathEndsInAFollowUpCase) {
    FlowResult r = AgreedToWait();
    r = SubmitScreen(sop_, r.step->id, r.answers,
                     {{"email_status", "on_file"}, {"email", "jane@example.com"},
                      {"callback_phone", "+1 (555) 123-4567"}, {"concern_types", {"contract"}}});
    ASSERT_EQ(r.step->id, "contract");
    r = SubmitScreen(sop_, r.step->id, r.answers,
                     {{"received_email_documents", "no"}, {"reviewed_documents_on", "rep_device"},
                      {"received_agreement_copy", "no"}, {"promised_copy_never_received", "yes"},
                      {"documents_seemed_off", "yes"}, {"realised_credit_application", "no"},
                      {"welcome_call_phone", "rep_phone"}});
    ASSERT_EQ(r.step->id, "key_points");
    r = SubmitScreen(sop_, r.step->id, r.answers,
                     {{"red_flags", "Signed on the rep's tablet."},
                      {"voice_matches_welcome_call", "does_not_match"},
                      {"certificate_of_completion", "Signed the same day as the sale."}});
    ASSERT_EQ(r.step->id, "closing");

    r = SubmitScreen(sop_, r.step->id, r.answers,
                     {{"main_concern", "Did not know it was a loan."},
                      {"desired_resolution", "Cancel the contract."},
                      {"has_physical_record", "no"}});

    ASSERT_EQ(r.kind, Kind::kOutcome);
    EXPECT_EQ(r.outcome->kind, Outcome::Kind::kFollowUp);
    EXPECT_EQ(r.answers["homeowner_name"], "Jane Doe");
    EXPECT_EQ(r.answers["promised_copy_never_received"], "yes");
}

TEST_F(FlowEngineTest, LadderSkipsTierTwoWhenNoOneIsOnDuty) {
    const LadderTier* entry = sop_.FindTier("tier2");
    const OnDuty only_leads = [](const LadderTier& t) { return t.rotation == "resolution_leads"; };

    EXPECT_EQ(FirstAvailableTier(sop_, entry, only_leads)->id, "resolution_lead");
}

TEST_F(FlowEngineTest, LadderMovesDownToSupervisorThenVoicemailThenEnds) {
    const OnDuty everyone = [](const LadderTier&) { return true; };
    const OnDuty nobody = [](const LadderTier&) { return false; };

    EXPECT_EQ(NextTier(sop_, *sop_.FindTier("tier2"), everyone)->id, "resolution_lead");
    EXPECT_EQ(NextTier(sop_, *sop_.FindTier("resolution_lead"), everyone)->id, "supervisor");
    EXPECT_EQ(NextTier(sop_, *sop_.FindTier("resolution_lead"), nobody)->id, "voicemail");
    EXPECT_EQ(NextTier(sop_, *sop_.FindTier("voicemail"), everyone), nullptr);
}

TEST(ValidationTest, EmailShapes) {
    EXPECT_TRUE(IsEmailShaped("jane.doe+x@example.co.uk"));
    EXPECT_FALSE(IsEmailShaped("jane@example"));
    EXPECT_FALSE(IsEmailShaped("jane doe@example.com"));
    EXPECT_FALSE(IsEmailShaped("@example.com"));
    EXPECT_FALSE(IsEmailShaped("jane@@example.com"));
    EXPECT_FALSE(IsEmailShaped("jane@.example.com"));
}

TEST(ValidationTest, PhoneShapes) {
    EXPECT_TRUE(IsPhoneShaped("(555) 123-4567"));
    EXPECT_TRUE(IsPhoneShaped("+1 555.123.4567"));
    EXPECT_FALSE(IsPhoneShaped("123-4567"));
    EXPECT_FALSE(IsPhoneShaped("555 123 4567 ext 2"));
    EXPECT_FALSE(IsPhoneShaped("555+1234567"));
}

TEST(ValidationTest, DateShapes) {
    EXPECT_TRUE(IsIsoDate("2024-02-29"));
    EXPECT_FALSE(IsIsoDate("2023-02-29"));
    EXPECT_FALSE(IsIsoDate("2024-13-01"));
    EXPECT_FALSE(IsIsoDate("24-02-01"));
}

}  // namespace
}  // namespace escbot::commands::escalation::flow
