// Every installer-complaint message and modal within Slack's limits, with every answer at its
// longest and full of characters that mrkdwn escapes (so the text grows), and user text never
// turned into a mention or a link.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "commands/block_kit/check_limits.hpp"
#include "commands/installer/installer_messages.hpp"
#include "commands/installer/installer_modals.hpp"
#include "commands/installer/installer_sops.hpp"
#include "config/sop/installer_sop_loader.hpp"
#include "tests/support/new_york_calendar.hpp"
#include "tests/support/paths.hpp"

namespace escbot::commands::installer {
namespace {

using block_kit::CheckLimits;
using block_kit::Surface;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

std::shared_ptr<const config::sop::InstallerSop> Shipped() {
    static const auto loaded = config::sop::LoadInstallerSopFile(
        (escbot::test::SourceDir() / "config/sop/installer_complaints.toml").string());
    return loaded.sop;
}

/// `n` characters of text that escaping makes longer, with a mention attempt in front.
std::string Hostile(std::size_t n) {
    std::string text = "<!channel> <https://evil.example|x> ";
    while (text.size() < n) text += "&<>";
    return text.substr(0, n);
}

storage::InstallerComplaint Longest(const std::string& type, const std::string& program) {
    storage::InstallerComplaint c;
    c.id = 123456789;
    c.sop_version = "2026.12.1";
    c.agent_id = "U0AGENT001";
    c.homeowner = Hostile(150);
    c.address = Hostile(250);
    c.program = program;
    c.installer_name = Hostile(150);
    c.installer_email = std::string(240, 'a') + "@example.com";
    c.complaint_type = type;
    c.description = Hostile(2000);
    c.phone = "+1 (201) 555-3344 0000000000000";
    c.best_time = Hostile(150);
    c.interaction_id = Hostile(64);
    c.owner_id = "U0BACKOFF01";
    c.closed_by = "U0BACKOFF01";
    c.created_at = FromUnix(1795446000);
    return c;
}

config::Settings BackOffice() {
    config::Settings settings;
    settings.channels.back_office = "C0BACKOFFC1";
    settings.groups.back_office = {"S0BACKOFF01", "U0BACKOFF01"};
    return settings;
}

TEST(InstallerViews, EveryMessageFitsWithTheLongestAnswers) {
    const auto sop = Shipped();
    ASSERT_NE(sop, nullptr);
    const config::Settings settings = BackOffice();
    for (const char* program : {"everbright", "concert"}) {
        for (const char* type : {"vulgar_activity", "no_confirmation"}) {
            const auto c = Longest(type, program);
            nlohmann::json referral = nlohmann::json::object();
            for (const auto& q : sop->referral.questions) referral[q.id] = Hostile(1000);
            const std::vector<std::pair<std::string, nlohmann::json>> messages = {
                {"root", RootMessage(c, *sop, settings)},
                {"first email", FirstEmailMessage(c, *sop, settings, c.created_at)},
                {"chase due", ChaseDueMessage(c, *sop, settings, 2)},
                {"referral due", ReferralDueMessage(c, *sop, settings)},
                {"referral", ReferralMessage(c, *sop, settings, std::string(5000, '&'))},
                {"commitment", CommitmentDueMessage(c, *sop, settings)},
                {"thread", ThreadMessage(std::string(5000, 'x'))},
            };
            for (const auto& [name, message] : messages) {
                EXPECT_THAT(CheckLimits(message, Surface::kMessage), IsEmpty()) << name << " " << type;
                EXPECT_THAT(CheckLimits(message, Surface::kMessageUpdate), IsEmpty()) << name << " " << type;
            }
        }
    }
}

TEST(InstallerViews, EveryModalFitsWithTheLongestAnswers) {
    const auto sop = Shipped();
    ASSERT_NE(sop, nullptr);
    const auto form = BuildFormSop(*sop);
    const auto c = Longest("vulgar_activity", "beam");
    const nlohmann::json answers = {{"homeowner_name", c.homeowner}, {"property_address", c.address},
                                    {"description", c.description}, {"program", "beam"}};
    const std::vector<std::pair<std::string, nlohmann::json>> modals = {
        {"form", FormModal(*form, answers, "123456789", escbot::test::NewYorkCalendar())},
        {"existing", ExistingModal(*form, answers, {c, c, c}, "123456789", escbot::test::NewYorkCalendar())},
        {"no case", NoCaseModal(Longest("pto_pre_m3", "everbright"), *sop)},
        {"opened", OpenedModal(c, *sop)},
        {"followed up", FollowedUpModal(c, *sop)},
        {"referral", ReferralModal(c, *sop)},
        {"referral done", ReferralDoneModal(*sop, std::string(9000, '&'))},
        {"close", CloseModal(c, *sop)},
    };
    for (const auto& [name, modal] : modals) {
        EXPECT_THAT(CheckLimits(modal, Surface::kModal), IsEmpty()) << name;
    }
}

TEST(InstallerViews, UserTextNeverBecomesAMentionOrALink) {
    const auto sop = Shipped();
    ASSERT_NE(sop, nullptr);
    const auto c = Longest("damage", "everbright");

    const std::string root = RootMessage(c, *sop, BackOffice()).dump();
    const std::string email = FirstEmailMessage(c, *sop, BackOffice(), c.created_at).dump();

    for (const std::string& text : {root, email}) {
        EXPECT_THAT(text, Not(HasSubstr("<!channel>")));
        EXPECT_THAT(text, Not(HasSubstr("<https://evil")));
        EXPECT_THAT(text, HasSubstr("&lt;!channel&gt;"));
    }
}

TEST(InstallerViews, AnUnclaimedComplaintTagsTheBackOfficeGroupsAndUsers) {
    const auto sop = Shipped();
    ASSERT_NE(sop, nullptr);
    auto c = Longest("damage", "everbright");
    c.owner_id.clear();

    const std::string chase = ChaseDueMessage(c, *sop, BackOffice(), 1).dump();

    EXPECT_THAT(chase, HasSubstr("<!subteam^S0BACKOFF01> <@U0BACKOFF01>: chase 1/2 is due"));
}

}  // namespace
}  // namespace escbot::commands::installer
