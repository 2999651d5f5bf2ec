#include <fstream>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/sop/installer_sop.hpp"
#include "config/sop/installer_sop_catalog.hpp"
#include "config/sop/installer_sop_loader.hpp"
#include "config/sop/sop_lint.hpp"
#include "tests/support/paths.hpp"

namespace escbot::config::sop {
namespace {

using ::testing::HasSubstr;

std::string ShippedPath() { return (test::SourceDir() / "config/sop/installer_complaints.toml").string(); }
std::string ShippedText() { return test::ReadFile(ShippedPath()); }

/// The shipped text with `from` replaced by `to` (which must occur).
std::string Edited(const std::string& from, const std::string& to) {
    std::string text = ShippedText();
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

/// Every error of loading `text`, one per line.
std::string ErrorsOf(const std::string& text) {
    const InstallerSopLoadResult result = LoadInstallerSopString(text, "ic.toml");
    std::string out;
    for (const SopError& error : result.errors) out += error.ToString() + "\n";
    return out;
}

TEST(InstallerSopTest, ShippedFileLoadsWithTheSeedsRules) {
    const InstallerSopLoadResult result = LoadInstallerSopFile(ShippedPath());
    ASSERT_TRUE(result.ok()) << (result.errors.empty() ? "" : result.errors.front().ToString());
    const InstallerSop& sop = *result.sop;

    EXPECT_EQ(sop.id, "installer_complaints");
    EXPECT_EQ(sop.version, "2026.12.1");
    EXPECT_EQ(sop.complaint_types.size(), 8u);
    EXPECT_EQ(sop.questions.size(), 10u);
    EXPECT_FALSE(sop.FindComplaintType("pto_pre_m3")->opens_case);
    EXPECT_TRUE(sop.FindComplaintType("rude")->opens_case);
    EXPECT_EQ(sop.FindComplaintType("no_confirmation")->chase_whom, ChaseWhom::kAccountManager);
    EXPECT_EQ(sop.cadence.chase_every, (Duration{2, Duration::Unit::BusinessDays}));
    EXPECT_EQ(sop.cadence.attempts, 2);
    EXPECT_EQ(sop.cadence.owner_reminder_after, (Duration{1, Duration::Unit::Weeks}));
    EXPECT_EQ(sop.cadence.commitment_every, (Duration{1, Duration::Unit::Weeks}));
    EXPECT_FALSE(sop.FindProgram("concert")->copy_homeowner);
    EXPECT_EQ(sop.FindProgram("beam")->partner, "Green Tech Renewables");
    EXPECT_TRUE(sop.FindProgram("everbright")->add_account_manager);
    EXPECT_EQ(sop.case_text.primary_reason, "Installer Complaints");
    EXPECT_EQ(sop.email.subject, "Homeowner Concern – {homeowner} - {installer}");
    EXPECT_EQ(sop.FindQuestion("program")->options.size(), 3u);
    EXPECT_EQ(sop.FindQuestion("complaint_type")->options.size(), 8u);
    EXPECT_EQ(sop.FindQuestion("phone")->max_length, 32);
}

TEST(InstallerSopTest, SaleQuestionsAreAskedOnlyForFraudRelatedTypes) {
    const auto sop = LoadInstallerSopFile(ShippedPath()).sop;
    ASSERT_NE(sop, nullptr);

    const auto plain = sop->ReferralQuestionsFor(*sop->FindComplaintType("unresponsive"));
    const auto sale = sop->ReferralQuestionsFor(*sop->FindComplaintType("vulgar_activity"));

    EXPECT_EQ(plain.size(), 4u);
    EXPECT_EQ(sale.size(), 10u);
}

TEST(InstallerSopTest, LintSaysOkForTheShippedFile) {
    std::ostringstream out, err;

    const int code = RunSopLint(ShippedPath(), out, err);

    EXPECT_EQ(code, 0) << err.str();
    EXPECT_THAT(out.str(), HasSubstr("ok: installer_complaints SOP 2026.12.1, 8 complaint types"));
}

TEST(InstallerSopTest, LintStillChecksTheEscalationFile) {
    std::ostringstream out, err;

    const int code = RunSopLint((test::SourceDir() / "config/sop/escalation.toml").string(), out, err);

    EXPECT_EQ(code, 0) << err.str();
    EXPECT_THAT(out.str(), HasSubstr("ok: escalation SOP"));
}

TEST(InstallerSopTest, LintNamesTheComplaintTypeOfABadEntryAndExitsTwo) {
    test::TempDir dir;
    const auto path = (dir / "ic.toml").string();
    {
        std::ofstream(path) << Edited("secondary_reason = \"Rude installer\"", "secondary_reason = \"\"");
    }
    std::ostringstream out, err;

    const int code = RunSopLint(path, out, err);

    EXPECT_EQ(code, 2);
    EXPECT_THAT(err.str(), HasSubstr("step \"complaint_types.rude\": secondary_reason is empty"));
}

TEST(InstallerSopTest, AnUnknownPlaceholderNamesTheWordingKey) {
    const std::string errors = ErrorsOf(
        Edited("chase_due = \"{owner}: chase", "chase_due = \"{homeowner} {owner}: chase"));

    EXPECT_THAT(errors, HasSubstr("wording.chase_due"));
    EXPECT_THAT(errors, HasSubstr("unknown placeholder {homeowner}"));
}

TEST(InstallerSopTest, APlaceholderInTheSubjectMustBeOneTheSubjectMayUse) {
    const std::string errors = ErrorsOf(Edited("- {installer}\"", "- {attempt}\""));

    EXPECT_THAT(errors, HasSubstr("email.subject"));
    EXPECT_THAT(errors, HasSubstr("{attempt}"));
}

TEST(InstallerSopTest, ACadenceThatIsNotADurationNamesTheKey) {
    const std::string errors = ErrorsOf(Edited("chase_every = \"2bd\"", "chase_every = \"2 days\""));

    EXPECT_THAT(errors, HasSubstr("[cadence] chase_every"));
}

TEST(InstallerSopTest, ZeroAttemptsIsRefused) {
    const std::string errors = ErrorsOf(Edited("attempts = 2", "attempts = 0"));

    EXPECT_THAT(errors, HasSubstr("step \"cadence\": attempts must be 1-10"));
}

TEST(InstallerSopTest, AMissingQuestionIsNamed) {
    const std::string errors = ErrorsOf(Edited("id = \"phone\"\nkind = \"phone\"", "id = \"phone2\"\nkind = \"phone\""));

    EXPECT_THAT(errors, HasSubstr("question \"phone\": missing"));
    EXPECT_THAT(errors, HasSubstr("question \"phone2\": not a question of this modal"));
}

TEST(InstallerSopTest, AQuestionOfTheWrongKindIsNamed) {
    const std::string errors =
        ErrorsOf(Edited("id = \"installer_email\"\nkind = \"email\"", "id = \"installer_email\"\nkind = \"short_text\""));

    EXPECT_THAT(errors, HasSubstr("question \"installer_email\": cannot be a short_text question"));
}

TEST(InstallerSopTest, AnOptionLabelOverSlacksLimitIsNamed) {
    const std::string errors = ErrorsOf(Edited("label = \"Missing equipment\"",
                                               "label = \"" + std::string(80, 'x') + "\""));

    EXPECT_THAT(errors, HasSubstr("complaint_types.missing_equipment"));
    EXPECT_THAT(errors, HasSubstr("label has 80 characters; Slack allows 75"));
}

TEST(InstallerSopTest, AnUnknownKeyAndAMissingWordingAreReported) {
    const std::string errors = ErrorsOf(Edited("closed = \"Closed by {owner}.\"", "closd = \"x\""));

    EXPECT_THAT(errors, HasSubstr("unknown key \"closd\" in [wording]"));
    EXPECT_THAT(errors, HasSubstr("missing key \"closed\" in [wording]"));
}

TEST(InstallerSopTest, AWeeklyCommitmentNeedsAPartner) {
    const std::string errors = ErrorsOf(Edited(
        "id = \"beam\"\nlabel = \"Beam\"\npartner = \"Green Tech Renewables\"",
        "id = \"beam\"\nlabel = \"Beam\"\npartner = \"\""));

    EXPECT_THAT(errors, HasSubstr("programs.beam"));
    EXPECT_THAT(errors, HasSubstr("weekly_commitment needs the \"partner\""));
}

TEST(InstallerSopTest, AnotherIdIsRefused) {
    const std::string errors = ErrorsOf(Edited("[sop]\nid = \"installer_complaints\"", "[sop]\nid = \"other\""));

    EXPECT_THAT(errors, HasSubstr("[sop] id must be \"installer_complaints\""));
}

TEST(InstallerSopTest, PlaceholdersAreFilledAndUnknownOnesKept) {
    const std::string text = FillPlaceholders("Homeowner Concern – {homeowner} - {installer} {x} {",
                                              {{"homeowner", "Jane"}, {"installer", "SunCo"}});

    EXPECT_EQ(text, "Homeowner Concern – Jane - SunCo {x} {");
    EXPECT_EQ(PlaceholdersIn("{a} {b_c} {Not} {}"), (std::vector<std::string>{"a", "b_c"}));
}

TEST(InstallerSopTest, CatalogKeepsThePinnedVersionAndRefusesAConflict) {
    InstallerSopCatalog catalog;
    const auto v1 = LoadInstallerSopString(ShippedText(), "a.toml").sop;
    const auto v2 = LoadInstallerSopString(Edited("version = \"2026.12.1\"", "version = \"2026.12.2\""), "b.toml").sop;
    const auto v1_changed = LoadInstallerSopString(Edited("attempts = 2", "attempts = 3"), "c.toml").sop;
    ASSERT_TRUE(v1 && v2 && v1_changed);

    catalog.Add(v1);
    catalog.Add(v2);

    EXPECT_EQ(catalog.Current()->version, "2026.12.2");
    EXPECT_EQ(catalog.Find("2026.12.1"), v1);
    EXPECT_EQ(catalog.Add(v1_changed), InstallerSopCatalog::AddResult::kVersionConflict);
    EXPECT_EQ(catalog.Find("2026.12.1")->cadence.attempts, 2);
}

}  // namespace
}  // namespace escbot::config::sop
