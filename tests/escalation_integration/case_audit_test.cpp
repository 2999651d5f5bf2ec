// A case's audit history through every state, as `escalation-bot audit ESC-N` prints it: who
// did what, oldest first, with the state before and after; never personal data.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "bot/app/audit_command.hpp"
#include "tests/escalation_integration/escalation_driver.hpp"

namespace escbot::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kLead = "U0LEAD00001";
constexpr const char* kOtherLead = "U0LEAD00002";

TEST(CaseAudit, HistoryOfACaseThroughEveryStateInOrder) {
    TestBot bot;
    EscalationDriver agent{bot};
    const long long id = agent.AgreeToWait(kAgent, "Zelda Quartermaine", "1 Elm Street, Springfield");
    ASSERT_GT(id, 0);
    const std::string ref = "ESC-" + std::to_string(id);
    auto submit_modal = [&](const std::string& user, const nlohmann::json& values) {
        const auto calls = bot.slack().Calls("views.open");
        nlohmann::json view = calls.back().args["view"];
        view["id"] = calls.back().response["view"]["id"];
        agent.Submit(user, view, values);
        bot.Flush();
    };

    agent.Click(kLead, "case_claim", ref);
    bot.Flush();
    agent.Click(kLead, "case_add_update", ref);
    ASSERT_TRUE(bot.slack().WaitForAnswers("views.open", 2));
    submit_modal(kLead, {{"case_note", "Called Zelda back"}});
    agent.Click(kLead, "case_reassign", ref);
    ASSERT_TRUE(bot.slack().WaitForAnswers("views.open", 3));
    submit_modal(kLead, {{"case_new_owner", kOtherLead}, {"case_note", ""}});
    agent.Click(kLead, "case_resolve", ref);
    ASSERT_TRUE(bot.slack().WaitForAnswers("views.open", 4));
    submit_modal(kLead, {{"case_note", "Zelda is satisfied"}});

    std::ostringstream out, err;
    const int code = app::RunAudit(bot.store(), config::BusinessCalendar{}, ref, out, err);

    ASSERT_EQ(code, 0) << err.str();
    const std::string history = out.str();
    std::vector<std::string> actions;
    for (const auto& e : agent.Audit("case:" + std::to_string(id))) actions.push_back(e.action);
    EXPECT_EQ(actions, (std::vector<std::string>{"case.created", "case.claimed", "case.updated",
                                                 "case.reassigned", "case.resolved"}));
    std::size_t at = 0;
    for (const auto& action : actions) {
        const auto found = history.find(action, at);
        ASSERT_NE(found, std::string::npos) << action << " in order in\n" << history;
        at = found;
    }
    EXPECT_THAT(history, HasSubstr("History of " + ref));
    EXPECT_THAT(history, HasSubstr(std::string(kLead) + "  case.claimed  after={\"owner\":\"" + kLead +
                                   "\",\"status\":\"claimed\"} before={\"status\":\"open\"}"));
    EXPECT_THAT(history, HasSubstr("case.reassigned  after={\"owner\":\"" + std::string(kOtherLead) +
                                   "\"} before={\"owner\":\"" + kLead + "\"}"));
    EXPECT_THAT(history, HasSubstr("case.resolved  after={\"status\":\"resolved\"} before={\"owner\":\"" +
                                   std::string(kOtherLead) + "\",\"status\":\"claimed\"}"));
    EXPECT_THAT(history, Not(HasSubstr("Zelda")));
    EXPECT_THAT(history, Not(HasSubstr("Elm")));
}

TEST(CaseAudit, AReferenceThatNamesNothingOrHasNoHistoryIsAnError) {
    TestBot bot;
    std::ostringstream out, err;

    EXPECT_EQ(app::RunAudit(bot.store(), config::BusinessCalendar{}, "ESC-x", out, err), 2);
    EXPECT_THAT(err.str(), HasSubstr("names no case"));
    EXPECT_EQ(app::RunAudit(bot.store(), config::BusinessCalendar{}, "ESC-999", out, err), 1);
    EXPECT_THAT(err.str(), HasSubstr("no history for ESC-999"));
    EXPECT_EQ(app::AuditEntityOf("12"), "case:12");
    EXPECT_EQ(app::AuditEntityOf("draft:7"), "draft:7");
}

}  // namespace
}  // namespace escbot::test
