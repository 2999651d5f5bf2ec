// /installer-complaint end to end: the whole bot over signed HTTP against the fake Slack, with a
// ManualClock on the example configuration's business calendar (America/New_York; Thanksgiving
// 2026-11-26 is a holiday). Starts Monday 2026-11-23 10:00 ET.

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/escalation_integration/escalation_driver.hpp"
#include "tests/support/capture_sink.hpp"
#include "tests/support/test_bot/test_bot.hpp"

namespace escbot::test {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Not;
using nlohmann::json;

constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kBackOffice = "U0BACKOFF01";
constexpr const char* kBackOfficeChannel = "C0BACKOFFC1";

AgentAnswers Complaint(const std::string& type, const std::string& program) {
    return {{"homeowner_name", "Jane Doe"},
            {"property_address", "12 North Main Street, Springfield"},
            {"program", program},
            {"installer_name", "SunCo Installers"},
            {"installer_email", "ops@sunco.example"},
            {"complaint_type", type},
            {"description", "Crew cracked two roof tiles and has not called back."},
            {"phone", "201-555-3344"},
            {"best_time", "weekday evenings"},
            {"interaction_id", "CX-9001"}};
}

class InstallerHttp : public ::testing::Test {
protected:
    /// `/installer-complaint <text>` as `user`: the view views.open showed (with id and hash).
    json Command(const std::string& user, const std::string& text) {
        const std::size_t before = bot_.slack().CallCount("views.open");
        SlashCommandFields fields;
        fields.user_id = user;
        fields.channel_id = "C0AGENTS01";
        fields.trigger_id = "1" + std::to_string(++trigger_) + ".installer";
        const auto response = bot_.client().SlashCommand("/installer-complaint", text, fields);
        EXPECT_EQ(response.status, 200);
        EXPECT_TRUE(response.body.empty()) << response.body;
        if (!bot_.slack().WaitForAnswers("views.open", before + 1)) return nullptr;
        return Shown("views.open", before);
    }

    /// The view of the `index`th call of `method` (views.open / views.update), as Slack shows it.
    json Shown(const std::string& method, std::size_t index) {
        const auto call = bot_.slack().Calls(method).at(index);
        json view = call.args["view"];
        view["id"] = call.response["view"]["id"];
        view["hash"] = call.response["view"]["hash"];
        return view;
    }

    /// A button in the back-office thread; returns the HTTP status.
    int Click(const std::string& user, const std::string& action, const std::string& value) {
        const int status = agent_.Click(user, action, value, kBackOfficeChannel);
        bot_.Flush();
        return status;
    }

    /// A button that opens a modal: the modal views.open showed.
    json ClickForModal(const std::string& user, const std::string& action, const std::string& value) {
        const std::size_t before = bot_.slack().CallCount("views.open");
        Click(user, action, value);
        if (!bot_.slack().WaitForAnswers("views.open", before + 1)) return nullptr;
        return Shown("views.open", before);
    }

    /// Every chat.postMessage / chat.update the bot made in the back-office channel, as text.
    std::vector<std::string> BackOffice() {
        std::vector<std::string> out;
        for (const auto& call : bot_.slack().Calls()) {
            if (call.method != "chat.postMessage" && call.method != "chat.update") continue;
            if (call.args.value("channel", "") != kBackOfficeChannel) continue;
            out.push_back(call.method + " " + call.args.dump());
        }
        return out;
    }
    int Count(const std::string& needle) {
        int n = 0;
        for (const auto& text : BackOffice()) n += text.find(needle) != std::string::npos;
        return n;
    }
    int Posts(const std::string& needle) {
        int n = 0;
        for (const auto& text : BackOffice()) {
            n += text.rfind("chat.postMessage", 0) == 0 && text.find(needle) != std::string::npos;
        }
        return n;
    }

    TestBot bot_;
    EscalationDriver agent_{bot_};
    int trigger_ = 0;
};

TEST_F(InstallerHttp, ConcertComplaintRunsFromCaseToClosureOnBusinessTime) {
    CaptureLogs logs;
    const json form = Command(kAgent, "Jane Doe");
    ASSERT_TRUE(form.is_object());
    EXPECT_EQ(form.value("callback_id", ""), "installer_form");

    // The complaint: posted to the back office, the first email ready to paste for the agent.
    const json opened = agent_.Submit(kAgent, form, Complaint("damage", "concert"));
    bot_.Flush();
    const std::string shown = AllText(opened.at("view"));
    EXPECT_THAT(shown, HasSubstr("IC-1"));
    EXPECT_THAT(shown, HasSubstr("Homeowner Concern – Jane Doe - SunCo Installers"));
    EXPECT_THAT(shown, HasSubstr("Green Tech Renewables"));
    EXPECT_THAT(shown, HasSubstr("Do NOT copy the homeowner"));
    EXPECT_EQ(Posts("Installer Complaints"), 1);
    EXPECT_EQ(Posts("Do NOT copy the homeowner"), 1);

    // The back office claims it; chase 1 on Wednesday, two business days later.
    EXPECT_EQ(Click("U0AGENT777", "installer_claim", "1"), 200);  // not back office: refused
    EXPECT_EQ(Click(kBackOffice, "installer_claim", "1"), 200);
    EXPECT_EQ(Posts("claimed this installer complaint"), 1);
    bot_.Advance(48h - 1s);
    EXPECT_EQ(Posts("chase 1/2 is due"), 0);
    bot_.Advance(1s);
    EXPECT_EQ(Posts("<@U0BACKOFF01>: chase 1/2 is due"), 1);
    Click(kBackOffice, "installer_no_reply", "1:1");
    EXPECT_EQ(Posts("No reply yet (chase 1/2)"), 1);

    // Chase 2: Thanksgiving (Thursday) is no business day, so Friday and Monday are the two.
    bot_.Advance(48h);  // Friday 10:00
    EXPECT_EQ(Posts("chase 2/2 is due"), 0);
    bot_.Advance(72h);  // Monday 10:00, one week after opening
    EXPECT_EQ(Posts("chase 2/2 is due"), 1);
    EXPECT_EQ(Posts("one week since this case opened"), 1);
    EXPECT_EQ(Posts("weekly commitment update due"), 1);
    Click(kBackOffice, "installer_no_reply", "1:2");
    EXPECT_EQ(Posts("no reply after 2/2 chases"), 1);

    // The referral: its questions, then its text in the thread and for the owner.
    const json referral = ClickForModal(kBackOffice, "installer_refer", "1");
    ASSERT_TRUE(referral.is_object());
    EXPECT_THAT(AllText(referral), Not(HasSubstr("How did the sale occur")));
    const json referred = agent_.Submit(kBackOffice, referral,
                                        {{"referral_recent_communications", "Two emails, no answer."},
                                         {"referral_addressed", "Not that we know."},
                                         {"referral_make_it_right", "Asked for a repair date."}});
    bot_.Flush();
    EXPECT_THAT(AllText(referred.at("view")), HasSubstr("Two emails, no answer."));
    EXPECT_EQ(Posts("Referral to the account manager and the sales manager recorded"), 1);

    // Weekly commitment reminders until the partner gives an update.
    bot_.Advance(7 * 24h);
    EXPECT_EQ(Posts("weekly commitment update due"), 2);
    Click(kBackOffice, "installer_partner_updated", "1");
    bot_.Advance(7 * 24h);
    EXPECT_EQ(Posts("weekly commitment update due"), 2);

    // Closure needs comments.
    const json close = ClickForModal(kBackOffice, "installer_close", "1");
    ASSERT_TRUE(close.is_object());
    const json blank = agent_.Submit(kBackOffice, close, {{"installer_comments", "  "}});
    EXPECT_EQ(blank.value("response_action", ""), "errors");
    const json closed = agent_.Submit(kBackOffice, close,
                                      {{"installer_comments", "Installer fixed the tiles; HO satisfied."}});
    bot_.Flush();
    EXPECT_EQ(closed.value("response_action", ""), "clear");
    EXPECT_EQ(Posts("Closed by <@U0BACKOFF01>."), 1);

    EXPECT_THAT(agent_.LimitProblems(), ::testing::IsEmpty());
    const std::string all = logs.sink().All();
    EXPECT_THAT(all, HasSubstr("installer"));  // the flow did log
    for (const char* personal : {"Jane", "North Main", "Springfield", "ops@sunco", "201-555",
                                 "roof tiles", "weekday evenings", "HO satisfied", "no answer"}) {
        EXPECT_THAT(all, Not(HasSubstr(personal))) << personal;
    }
}

TEST_F(InstallerHttp, PtoBeforeM3GivesTheStepsAndTheEmailAndPostsNothing) {
    const json form = Command(kAgent, "");

    const json done = agent_.Submit(kAgent, form, Complaint("pto_pre_m3", "everbright"));
    bot_.Flush();

    const std::string shown = AllText(done.at("view"));
    EXPECT_THAT(shown, HasSubstr("no case is opened"));
    EXPECT_THAT(shown, HasSubstr("Give the homeowner the escalated contact's name."));
    EXPECT_THAT(shown, HasSubstr("Homeowner Concern – Jane Doe - SunCo Installers"));
    EXPECT_THAT(shown, HasSubstr("ops@sunco.example"));
    EXPECT_THAT(shown, HasSubstr("Recorded: no case needed"));
    EXPECT_TRUE(BackOffice().empty());
    EXPECT_THAT(agent_.LimitProblems(), ::testing::IsEmpty());
}

TEST_F(InstallerHttp, ARestartInTheMiddleOfTheTwoBusinessDayWaitFiresTheChaseOnce) {
    agent_.Submit(kAgent, Command(kAgent, "Jane Doe"), Complaint("unresponsive", "everbright"));
    bot_.Flush();
    bot_.Advance(24h);

    bot_.Restart();
    bot_.Advance(24h);
    bot_.Advance(1h);
    bot_.Restart();
    bot_.Advance(1h);

    EXPECT_EQ(Posts("chase 1/2 is due"), 1);
}

TEST_F(InstallerHttp, MissingAnswersAreRefusedAndTheTypedOnesKeptInTheDraft) {
    const json form = Command(kAgent, "Jane Doe");
    AgentAnswers partial = Complaint("rude", "everbright");
    partial.erase("phone");
    partial["installer_email"] = "not an email";

    const json refused = agent_.Submit(kAgent, form, partial);
    agent_.Close(kAgent, form, partial);
    const json again = Command(kAgent, "jane  DOE");

    EXPECT_EQ(refused.value("response_action", ""), "errors");
    EXPECT_TRUE(refused["errors"].contains("q_phone"));
    EXPECT_TRUE(refused["errors"].contains("q_installer_email"));
    EXPECT_THAT(again.dump(), HasSubstr("Crew cracked two roof tiles"));  // the draft came back
    EXPECT_TRUE(BackOffice().empty());
}

TEST_F(InstallerHttp, AnUntouchedDraftIsClosedAfterTheConfiguredAge) {
    const json form = Command(kAgent, "Jane Doe");
    agent_.Close(kAgent, form, Complaint("rude", "everbright"));
    bot_.Flush();

    bot_.Advance(72h - 1min);  // [escalation] draft_max_age = "3d"
    const json kept = Command(kAgent, "Jane Doe");
    agent_.Close(kAgent, kept, Complaint("rude", "everbright"));
    bot_.Advance(72h + 1h);
    bot_.Advance(1h);
    const json fresh = Command(kAgent, "Jane Doe");

    EXPECT_THAT(kept.dump(), HasSubstr("Crew cracked two roof tiles"));
    EXPECT_THAT(fresh.dump(), Not(HasSubstr("Crew cracked two roof tiles")));
    EXPECT_THAT(fresh.dump(), HasSubstr("Jane Doe"));  // the name typed after the command
}

TEST_F(InstallerHttp, ASecondComplaintForTheHomeownerFollowsUpTheOpenOneAndBackReturnsToTheForm) {
    agent_.Submit(kAgent, Command(kAgent, "Jane Doe"), Complaint("rude", "everbright"));
    bot_.Flush();

    const json form = Command("U0AGENT002", "Jane Doe");
    AgentAnswers again = Complaint("damage", "everbright");
    again["property_address"] = "12 N Main St, Springfield";
    const json existing = agent_.Submit("U0AGENT002", form, again);
    ASSERT_EQ(existing.value("response_action", ""), "update");
    json screen = EscalationDriver::Updated(form, existing);
    EXPECT_EQ(screen.value("callback_id", ""), "installer_existing");
    EXPECT_THAT(AllText(screen), HasSubstr("IC-1"));

    const std::size_t updates = bot_.slack().CallCount("views.update");
    BlockActionFields back;
    back.user_id = "U0AGENT002";
    back.action_id = "installer_back";
    back.block_id = "step_nav";
    back.value = screen.value("private_metadata", "");
    back.view_id = screen.value("id", "");
    back.callback_id = "installer_existing";
    json payload = BlockActionPayload(back);
    // The fake keeps the hash views.open gave (it does not see response_action updates).
    payload["view"]["hash"] = form.value("hash", "");
    bot_.client().BlockAction(payload);
    ASSERT_TRUE(bot_.slack().WaitForAnswers("views.update", updates + 1));
    const json back_form = Shown("views.update", updates);
    EXPECT_EQ(back_form.value("callback_id", ""), "installer_form");
    EXPECT_THAT(back_form.dump(), HasSubstr("12 N Main St, Springfield"));

    const json again_existing = agent_.Submit("U0AGENT002", back_form, again);
    const json followed = agent_.Submit("U0AGENT002", EscalationDriver::Updated(back_form, again_existing), {});
    bot_.Flush();
    EXPECT_THAT(AllText(followed.at("view")), HasSubstr("Added to IC-1"));
    EXPECT_EQ(Posts("<@U0AGENT002> followed up"), 1);
    EXPECT_EQ(Posts("Installer Complaints"), 1);  // no second case
}

}  // namespace
}  // namespace escbot::test
