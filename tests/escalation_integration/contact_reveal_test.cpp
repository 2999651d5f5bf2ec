// [privacy] mask_contact_details on escalation cases: the root and the thread show emails and
// phone numbers masked, with "Show contact details"; pressing it shows the full values only to
// the presser, privately, when the authorization table allows it (leads, the agent who
// escalated, the case's owner); every reveal and refusal is audited without the values.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/escalation_integration/escalation_driver.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kLead = "U0LEAD00001";
constexpr const char* kStranger = "U0NOTALEAD";
constexpr const char* kResolution = "C0RESOLUTN1";
constexpr const char* kEmail = "jane.homeowner@example.com";  // FullAnswers' email
constexpr const char* kPhone = "(555) 201-3344";              // and callback phone

TestBot::Options Masking(bool mask) {
    TestBot::Options options;
    options.edit_config = [mask](std::string& toml) {
        const std::string key = "mask_contact_details = false";
        toml.replace(toml.find(key), key.size(),
                     std::string("mask_contact_details = ") + (mask ? "true" : "false"));
    };
    return options;
}

bool HasButton(const nlohmann::json& message, const std::string& action_id) {
    return message.dump().find("\"action_id\":\"" + action_id + "\"") != std::string::npos;
}

class ContactReveal : public ::testing::Test {
protected:
    void SetUp() override {
        id_ = agent_.AgreeToWait(kAgent);
        ASSERT_GT(id_, 0);
    }
    std::string Id() const { return "ESC-" + std::to_string(id_); }
    nlohmann::json Root() { return agent_.Messages(kResolution).at(0); }
    std::string ChannelText() {
        std::string all;
        for (const auto& m : agent_.Messages(kResolution)) all += m.dump() + "\n";
        return all;
    }
    std::vector<nlohmann::json> Notes(const std::string& user) { return agent_.Ephemerals(user); }

    TestBot bot_{Masking(true)};
    EscalationDriver agent_{bot_};
    long long id_ = 0;
};

TEST_F(ContactReveal, TheRootShowsEmailAndPhoneMaskedWithAShowButton) {
    const std::string root = AllText(Root());

    EXPECT_THAT(root, HasSubstr("j•••@e•••.com"));
    EXPECT_THAT(root, HasSubstr("(•••) •••-3344"));
    EXPECT_THAT(ChannelText(), Not(HasSubstr(kEmail)));
    EXPECT_THAT(ChannelText(), Not(HasSubstr("201-3344")));
    EXPECT_THAT(root, HasSubstr("Jane Q. Homeowner"));  // names and addresses are not masked
    EXPECT_TRUE(HasButton(Root(), "case_show_contacts"));
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST_F(ContactReveal, ALeadSeesTheFullValuesPrivatelyAndTheRevealIsAuditedWithoutThem) {
    const std::size_t posts = bot_.slack().CallCount("chat.postMessage");

    agent_.Click(kLead, "case_show_contacts", Id());
    bot_.Flush();

    const auto notes = Notes(kLead);
    ASSERT_EQ(notes.size(), 1u);
    const std::string shown = AllText(notes[0]);
    EXPECT_THAT(shown, HasSubstr(kEmail));
    EXPECT_THAT(shown, HasSubstr(kPhone));
    EXPECT_EQ(notes[0].value("via", ""), "response_url");
    EXPECT_EQ(bot_.slack().CallCount("chat.postMessage"), posts);  // nothing in the channel
    EXPECT_THAT(ChannelText(), Not(HasSubstr(kEmail)));
    const auto audit = agent_.Audit("case:" + std::to_string(id_));
    ASSERT_FALSE(audit.empty());
    EXPECT_EQ(audit.back().action, "case.contacts_shown");
    EXPECT_EQ(audit.back().actor, kLead);
    EXPECT_THAT(audit.back().detail.dump(), Not(HasSubstr("example.com")));
    EXPECT_THAT(audit.back().detail.dump(), Not(HasSubstr("3344")));
    EXPECT_THAT(bot_.metrics().RenderText(),
                HasSubstr("escbot_contact_reveals_total{kind=\"case\",outcome=\"shown\"} 1"));
}

TEST_F(ContactReveal, TheAgentWhoEscalatedMaySeeThemToo) {
    agent_.Click(kAgent, "case_show_contacts", Id());
    bot_.Flush();

    const auto notes = Notes(kAgent);
    ASSERT_FALSE(notes.empty());
    EXPECT_THAT(AllText(notes.back()), HasSubstr(kEmail));
}

TEST_F(ContactReveal, SomeoneElseIsRefusedPrivatelyAndTheRefusalIsAuditedAndCounted) {
    agent_.Click(kStranger, "case_show_contacts", Id());
    bot_.Flush();

    const auto notes = Notes(kStranger);
    ASSERT_EQ(notes.size(), 1u);
    const std::string said = AllText(notes[0]);
    EXPECT_THAT(said, HasSubstr("Only the resolution leads, the agent who escalated the case"));
    EXPECT_THAT(said, Not(HasSubstr(kEmail)));
    EXPECT_THAT(said, Not(HasSubstr("201-3344")));
    const auto audit = agent_.Audit("case:" + std::to_string(id_));
    EXPECT_EQ(audit.back().action, "case.contacts_refused");
    EXPECT_EQ(audit.back().actor, kStranger);
    EXPECT_THAT(bot_.metrics().RenderText(),
                HasSubstr("escbot_contact_reveals_total{kind=\"case\",outcome=\"refused\"} 1"));
}

TEST_F(ContactReveal, UpdatesInTheThreadAreMaskedAndTheRevealListsThem) {
    agent_.Click(kLead, "case_claim", Id());
    bot_.Flush();
    const std::size_t opened = bot_.slack().CallCount("views.open");
    agent_.Click(kLead, "case_add_update", Id());
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", opened + 1));
    const auto call = bot_.slack().Calls("views.open").back();
    nlohmann::json view = call.args["view"];
    view["id"] = call.response["view"]["id"];
    agent_.Submit(kLead, view, {{"case_note", "She now uses 555-867-5309 and zq@example.org"}});
    bot_.Flush();

    EXPECT_THAT(ChannelText(), HasSubstr("•••-•••-5309"));
    EXPECT_THAT(ChannelText(), HasSubstr("z•••@e•••.org"));
    EXPECT_THAT(ChannelText(), Not(HasSubstr("867-5309")));
    EXPECT_TRUE(HasButton(Root(), "case_show_contacts"));  // the root as updated keeps it
    agent_.Click(kLead, "case_show_contacts", Id());
    bot_.Flush();
    const std::string shown = AllText(Notes(kLead).back());
    EXPECT_THAT(shown, HasSubstr("555-867-5309"));
    EXPECT_THAT(shown, HasSubstr("zq@example.org"));
    EXPECT_THAT(shown, HasSubstr("Update from"));
}

TEST_F(ContactReveal, AResolvedCaseKeepsTheButton) {
    agent_.Click(kLead, "case_claim", Id());
    bot_.Flush();
    const std::size_t opened = bot_.slack().CallCount("views.open");
    agent_.Click(kLead, "case_resolve", Id());
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", opened + 1));
    const auto call = bot_.slack().Calls("views.open").back();
    nlohmann::json view = call.args["view"];
    view["id"] = call.response["view"]["id"];
    agent_.Submit(kLead, view, {{"case_note", "Called back on 555-867-5309."}});
    bot_.Flush();

    EXPECT_THAT(AllText(Root()), HasSubstr("Resolved"));
    EXPECT_THAT(ChannelText(), Not(HasSubstr("867-5309")));
    EXPECT_TRUE(HasButton(Root(), "case_show_contacts"));
    EXPECT_THAT(agent_.LimitProblems(), IsEmpty());
}

TEST(ContactRevealOff, WithoutTheSettingTheRootShowsTheValuesAndNoButton) {
    TestBot bot(Masking(false));
    EscalationDriver agent(bot);
    agent.AgreeToWait(kAgent);

    const nlohmann::json root = agent.Messages(kResolution).at(0);
    EXPECT_THAT(AllText(root), HasSubstr(kEmail));
    EXPECT_THAT(AllText(root), HasSubstr(kPhone));
    EXPECT_FALSE(HasButton(root, "case_show_contacts"));
}

}  // namespace
}  // namespace escbot::test
