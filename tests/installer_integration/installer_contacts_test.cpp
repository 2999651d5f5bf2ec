// [privacy] mask_contact_details on installer complaints: the back-office posts show emails and
// phone numbers masked, with "Show contact details" on the root; the back office, the owner and
// the agent who raised it see the full values privately; others are refused; both audited
// without the values.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/escalation_integration/escalation_driver.hpp"
#include "tests/support/test_bot/test_bot.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using nlohmann::json;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kBackOffice = "U0BACKOFF01";
constexpr const char* kBackOfficeChannel = "C0BACKOFFC1";

class InstallerContacts : public ::testing::Test {
protected:
    static TestBot::Options Masked() {
        TestBot::Options options;
        options.edit_config = [](std::string& toml) {
            const std::string key = "mask_contact_details = false";
            toml.replace(toml.find(key), key.size(), "mask_contact_details = true");
        };
        return options;
    }
    void SetUp() override {
        SlashCommandFields fields;
        fields.user_id = kAgent;
        fields.channel_id = "C0AGENTS01";
        fields.trigger_id = "1.installer";
        bot_.client().SlashCommand("/installer-complaint", "", fields);
        ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", 1));
        const auto call = bot_.slack().Calls("views.open").at(0);
        json form = call.args["view"];
        form["id"] = call.response["view"]["id"];
        agent_.Submit(kAgent, form,
                      {{"homeowner_name", "Jane Doe"},
                       {"property_address", "12 North Main Street, Springfield"},
                       {"program", "everbright"},
                       {"installer_name", "SunCo Installers"},
                       {"installer_email", "ops@sunco.example"},
                       {"complaint_type", "damage"},
                       {"description", "Crew cracked tiles; call her cell 201-555-7788."},
                       {"phone", "201-555-3344"},
                       {"best_time", "weekday evenings"},
                       {"interaction_id", "CX-9001"}});
        bot_.Flush();
    }
    std::string Channel() {
        std::string all;
        for (const auto& m : bot_.slack().Messages(kBackOfficeChannel)) all += m.dump() + "\n";
        return all;
    }
    void Click(const std::string& user, const std::string& action) {
        agent_.Click(user, action, "1", kBackOfficeChannel);
        bot_.Flush();
    }
    std::string Reveal(const std::string& user) {
        agent_.Click(user, "installer_show_contacts", "1", kBackOfficeChannel);
        bot_.Flush();
        const auto notes = agent_.Ephemerals(user);
        return notes.empty() ? std::string() : AllText(notes.back());
    }

    TestBot bot_{Masked()};
    EscalationDriver agent_{bot_};
};

TEST_F(InstallerContacts, BackOfficePostsShowContactsMaskedWithAShowButtonOnTheRoot) {
    const std::string channel = Channel();

    EXPECT_THAT(channel, HasSubstr("o•••@s•••.example"));
    EXPECT_THAT(channel, HasSubstr("•••-•••-3344"));
    EXPECT_THAT(channel, HasSubstr("•••-•••-7788"));
    for (const char* full : {"ops@sunco.example", "555-3344", "555-7788"}) {
        EXPECT_THAT(channel, Not(HasSubstr(full))) << full;
    }
    EXPECT_THAT(bot_.slack().Messages(kBackOfficeChannel).at(0).dump(),
                HasSubstr("\"action_id\":\"installer_show_contacts\""));
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(InstallerContacts, TheBackOfficeAndTheAgentSeeTheFullValuesPrivately) {
    const std::string back_office = Reveal(kBackOffice);
    const std::string agent = Reveal(kAgent);

    for (const std::string& shown : {back_office, agent}) {
        EXPECT_THAT(shown, HasSubstr("ops@sunco.example"));
        EXPECT_THAT(shown, HasSubstr("201-555-3344"));
        EXPECT_THAT(shown, HasSubstr("201-555-7788"));
    }
    EXPECT_THAT(Channel(), Not(HasSubstr("ops@sunco.example")));
    const auto audit = agent_.Audit("installer:1");
    ASSERT_GE(audit.size(), 2u);
    EXPECT_EQ(audit.back().action, "installer.contacts_shown");
    EXPECT_EQ(audit.back().actor, kAgent);
    EXPECT_THAT(audit.back().detail.dump(), Not(HasSubstr("sunco")));
}

TEST_F(InstallerContacts, ClosureCommentsAreMaskedAndTheClosedRootKeepsTheButton) {
    Click(kBackOffice, "installer_claim");
    const std::size_t opened = bot_.slack().CallCount("views.open");
    Click(kBackOffice, "installer_close");
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", opened + 1));
    const auto call = bot_.slack().Calls("views.open").back();
    json view = call.args["view"];
    view["id"] = call.response["view"]["id"];
    agent_.Submit(kBackOffice, view, {{"installer_comments", "Fixed; she asked us to use 201-555-9911."}});
    bot_.Flush();

    EXPECT_THAT(Channel(), HasSubstr("•••-•••-9911"));
    EXPECT_THAT(Channel(), Not(HasSubstr("555-9911")));
    EXPECT_THAT(bot_.slack().Messages(kBackOfficeChannel).at(0).dump(),
                HasSubstr("\"action_id\":\"installer_show_contacts\""));
    EXPECT_THAT(Reveal(kBackOffice), HasSubstr("201-555-9911"));
}

TEST_F(InstallerContacts, SomeoneElseIsRefusedAndTheRefusalAudited) {
    const std::string said = Reveal("U0AGENT777");

    EXPECT_THAT(said, HasSubstr("Only the back office"));
    EXPECT_THAT(said, Not(HasSubstr("ops@sunco.example")));
    EXPECT_EQ(agent_.Audit("installer:1").back().action, "installer.contacts_refused");
    EXPECT_THAT(bot_.metrics().RenderText(),
                HasSubstr("escbot_contact_reveals_total{kind=\"installer\",outcome=\"refused\"} 1"));
}

}  // namespace
}  // namespace escbot::test
