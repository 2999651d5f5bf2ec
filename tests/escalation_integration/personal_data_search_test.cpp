// Issue 20 item 5: every flow runs with distinctive personal data, and the data is searched for in
// every log line (spdlog at trace level), every metric label and value (/metrics text), and every
// error text the bot returns (HTTP bodies, inline errors, private notes, the CLI's output). None
// may hold any of it, in any case, nor the phone number's digits alone.

#include <algorithm>
#include <cctype>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bot/app/purge_command.hpp"
#include "bot/app/report_commands.hpp"
#include "tests/escalation_integration/escalation_driver.hpp"
#include "tests/sop/shipped_sop.hpp"
#include "tests/support/capture_sink.hpp"

namespace escbot::test {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr const char* kName = "Zebulon Quixotewright";
constexpr const char* kEmail = "zq.pii-probe@example.org";
constexpr const char* kPhone = "555-0199-777";
constexpr const char* kStreet = "Unlikely Lane";
constexpr const char* kAgent = "U0AGENT001";
constexpr const char* kOtherAgent = "U0AGENT002";
constexpr const char* kLead = "U0LEAD00001";
constexpr const char* kTier2 = "U0TIER2001";
constexpr const char* kLive = "C0LIVEESC01";

/// What must never show: each probe, and the pieces someone might log on their own.
const std::vector<std::string> kProbes = {
    "Zebulon", "Quixotewright", "zq.pii-probe", "pii-probe@", "example.org", "555-0199-777",
    "5550199777", "0199-777", "Unlikely Lane", "77 Unlikely", "Frobnicated", "zq-free-text"};

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// The digits of `text` in order, so that "555 0199 777" or "555.0199.777" are found too.
std::string Digits(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (std::isdigit(static_cast<unsigned char>(c))) out += c;
    }
    return out;
}

/// The probes found in `text` (case-insensitive; the phone's digits also across separators).
std::vector<std::string> Leaks(const std::string& text) {
    std::vector<std::string> found;
    const std::string lower = Lower(text);
    for (const std::string& probe : kProbes) {
        if (lower.find(Lower(probe)) != std::string::npos) found.push_back(probe);
    }
    if (Digits(text).find("5550199777") != std::string::npos) found.push_back("phone digits");
    return found;
}

std::string Address(int number) { return std::to_string(number) + " " + kStreet + ", Springfield"; }

/// The answers of the whole agrees-to-wait flow, personal data in every free text.
AgentAnswers ProbeAnswers(const std::string& address) {
    AgentAnswers answers = FullAnswers(kName, address);
    answers["email"] = kEmail;
    answers["callback_phone"] = kPhone;
    answers["red_flags"] = std::string("Rep wrote ") + kEmail + " on the contract; Frobnicated";
    answers["main_concern"] = std::string(kName) + " says call " + kPhone + " zq-free-text";
    answers["desired_resolution"] = std::string("Cancel; mail to ") + Address(77);
    return answers;
}

class PersonalDataSearch : public ::testing::Test {
protected:
    std::string LastEphemeralText(const std::string& user) {
        const auto notes = agent_.Ephemerals(user);
        return notes.empty() ? std::string() : notes.back().dump();
    }
    /// A button in a channel message; flushes.
    void Click(const std::string& user, const std::string& action, const std::string& value,
               const std::string& channel) {
        agent_.Click(user, action, value, channel);
        bot_.Flush();
    }
    json OpenedView(std::size_t index) {
        const auto call = bot_.slack().Calls("views.open").at(index);
        json view = call.args["view"];
        view["id"] = call.response["view"]["id"];
        view["hash"] = call.response["view"]["hash"];
        return view;
    }
    /// `/installer-complaint` as the agent: the form.
    json InstallerForm() {
        const std::size_t before = bot_.slack().CallCount("views.open");
        SlashCommandFields fields;
        fields.user_id = kAgent;
        fields.channel_id = "C0AGENTS01";
        fields.trigger_id = "9" + std::to_string(++trigger_) + ".installer";
        errors_ += bot_.client().SlashCommand("/installer-complaint", kName, fields).body;
        EXPECT_TRUE(bot_.slack().WaitForAnswers("views.open", before + 1));
        return OpenedView(before);
    }
    AgentAnswers InstallerAnswers(const std::string& type, int number) {
        return {{"homeowner_name", kName},
                {"property_address", Address(number)},
                {"program", "everbright"},
                {"installer_name", "SunCo Installers"},
                {"installer_email", kEmail},
                {"complaint_type", type},
                {"description", std::string("Crew broke tiles; reach ") + kPhone + " zq-free-text"},
                {"phone", kPhone},
                {"best_time", std::string("after 5, ask for ") + kName},
                {"interaction_id", "CX-9001"}};
    }

    CaptureLogs logs_{"trace"};
    TestBot bot_;
    EscalationDriver agent_{bot_};
    EscalationDriver other_{bot_};
    std::string errors_;  // every error text the bot returned
    int trigger_ = 0;
};

TEST_F(PersonalDataSearch, NoFlowPutsPersonalDataInLogsMetricsOrErrors) {
    // Live ladder, answered and accepted (78 Unlikely Lane).
    {
        const json view = agent_.Escalate(kAgent, kName);
        const json offer = agent_.Submit(kAgent, view, QualifyAnswers("homeowner", kName, Address(78)));
        ASSERT_TRUE(offer.contains("view")) << offer.dump();
        agent_.Walk(kAgent, EscalationDriver::Updated(view, offer),
                    {{"agrees_to_wait", "no"},
                     {"live_concern_summary", std::string(kName) + " at " + kPhone}});
        bot_.Flush();
        Click(kTier2, "ladder_answer", "1:1", kLive);
        Click(kTier2, "ladder_accept", "1:1", kLive);
        Click(kTier2, "ladder_accept", "1:1", kLive);  // a second click: told it is done
        Click("U0AGENT777", "ladder_answer", "1:1", kLive);  // refused
        errors_ += LastEphemeralText(kTier2) + LastEphemeralText("U0AGENT777");
    }
    // Live ladder to voicemail, which still opens a case (79 Unlikely Lane).
    {
        const json view = agent_.Escalate(kAgent);
        const json offer = agent_.Submit(kAgent, view, QualifyAnswers("homeowner", kName, Address(79)));
        ASSERT_TRUE(offer.contains("view"));
        agent_.Walk(kAgent, EscalationDriver::Updated(view, offer),
                    {{"agrees_to_wait", "no"}, {"live_concern_summary", kEmail}});
        bot_.Flush();
        for (int i = 0; i < 4; ++i) bot_.Advance(30s);
        ASSERT_TRUE(agent_.Case(2).has_value());
    }
    // Agrees to wait, with a bad email first (inline error), then the whole flow (77).
    long long waited = 0;
    {
        AgentAnswers bad = ProbeAnswers(Address(77));
        bad["email"] = std::string(kName) + " at example dot org";
        const json ack = agent_.Walk(kAgent, agent_.Escalate(kAgent), bad);
        errors_ += ack.dump();
        EXPECT_EQ(ack.value("response_action", ""), "errors") << ack.dump();
        const json done = agent_.Walk(kAgent, agent_.Escalate(kAgent), ProbeAnswers(Address(77)));
        bot_.Flush();
        waited = agent_.Case(3) ? 3 : 0;
        ASSERT_EQ(waited, 3) << done.dump();
    }
    // Another agent adds an interaction to the open case (77).
    {
        AgentAnswers again = QualifyAnswers("homeowner", kName, Address(77));
        again["existing_case_action"] = "add_to_existing";
        again["existing_case_ref"] = "3";
        again["interaction_said"] = std::string("Called from ") + kPhone + ", " + kEmail;
        other_.Walk(kOtherAgent, other_.Escalate(kOtherAgent), again);
        bot_.Flush();
    }
    // Claim, a refused claim, update, resolve.
    {
        Click(kLead, "case_claim", "ESC-3", "C0RESOLUTN1");
        Click("U0AGENT777", "case_claim", "ESC-3", "C0RESOLUTN1");
        errors_ += LastEphemeralText("U0AGENT777");
        std::size_t opened = bot_.slack().CallCount("views.open");
        Click(kLead, "case_add_update", "ESC-3", "C0RESOLUTN1");
        ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", opened + 1));
        errors_ += agent_.Submit(kLead, OpenedView(opened), {{"case_note", ""}}).dump();
        agent_.Submit(kLead, OpenedView(opened),
                      {{"case_note", std::string("Told ") + kName + " on " + kPhone}});
        bot_.Flush();
        opened = bot_.slack().CallCount("views.open");
        Click(kLead, "case_resolve", "ESC-3", "C0RESOLUTN1");
        ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", opened + 1));
        agent_.Submit(kLead, OpenedView(opened),
                      {{"case_note", std::string("Refund sent to ") + kEmail + " zq-free-text"}});
        bot_.Flush();
        Click(kLead, "case_resolve", "ESC-3", "C0RESOLUTN1");  // already closed
        errors_ += LastEphemeralText(kLead);
    }
    // A draft: Back, then the modal closed, then /escalate offers to resume it (80).
    {
        const json view = agent_.Escalate(kAgent);
        const json offer = agent_.Submit(kAgent, view, QualifyAnswers("homeowner", kName, Address(80)));
        ASSERT_TRUE(offer.contains("view"));
        const json next = EscalationDriver::Updated(view, offer);
        const json back = agent_.Back(kAgent, next, {{"agrees_to_wait", "yes"}});
        agent_.Close(kAgent, back.is_null() ? next : back, {});
        bot_.Flush();
        agent_.Escalate(kAgent);
        bot_.Flush();
    }
    // /concert: a request, answered.
    {
        // Its answer is the agent's own private receipt (it names the homeowner they typed).
        EXPECT_EQ(bot_.client().SlashCommand("/concert", std::string(kName) + ", " + Address(77)).status,
                  200);
        bot_.Flush();
        const auto posts = bot_.slack().Calls("chat.postMessage");
        std::string ts;
        for (const auto& call : posts) {
            if (call.args.value("channel", "") == "C0SUPPORTCS") ts = call.response.value("ts", "");
        }
        ASSERT_FALSE(ts.empty());
        BlockActionFields fields;
        fields.user_id = "U0CONCERT1";
        fields.action_id = "concert_confirm";
        fields.block_id = "concert_answer";
        fields.value = "1";
        fields.channel_id = "C0SUPPORTCS";
        fields.message_ts = ts;
        bot_.client().BlockAction(BlockActionPayload(fields));
        fields.user_id = "U0AGENT777";  // not a Concert contact: refused
        bot_.client().BlockAction(BlockActionPayload(fields));
        bot_.Flush();
        errors_ += LastEphemeralText("U0AGENT777");
        const std::size_t forms = bot_.slack().CallCount("views.open");
        errors_ += bot_.client().SlashCommand("/concert", kName).body;  // no address: the form
        EXPECT_TRUE(bot_.slack().WaitForAnswers("views.open", forms + 1));
        bot_.Flush();
    }
    // /installer-complaint: with a case (claimed, closed), and the no-case path (81, 82).
    {
        json form = InstallerForm();
        AgentAnswers missing = InstallerAnswers("damage", 81);
        missing.erase("phone");
        errors_ += agent_.Submit(kAgent, form, missing).dump();
        const json opened_case = agent_.Submit(kAgent, form, InstallerAnswers("damage", 81));
        bot_.Flush();
        ASSERT_TRUE(bot_.store().Read([](storage::UnitOfWork& u) {
            return u.InstallerComplaints().Get(1).has_value();
        })) << opened_case.dump();
        Click("U0AGENT777", "installer_claim", "1", "C0BACKOFFC1");
        errors_ += LastEphemeralText("U0AGENT777");
        Click("U0BACKOFF01", "installer_claim", "1", "C0BACKOFFC1");
        bot_.Advance(48h);
        Click("U0BACKOFF01", "installer_no_reply", "1:1", "C0BACKOFFC1");
        const std::size_t opened = bot_.slack().CallCount("views.open");
        Click("U0BACKOFF01", "installer_close", "1", "C0BACKOFFC1");
        ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", opened + 1))
            << LastEphemeralText("U0BACKOFF01");
        agent_.Submit("U0BACKOFF01", OpenedView(opened),
                      {{"installer_comments", std::string(kName) + " satisfied, " + kPhone}});
        bot_.Flush();
        agent_.Submit(kAgent, InstallerForm(), InstallerAnswers("pto_pre_m3", 82));
        bot_.Flush();
    }
    // Slack refusing a form and a post: the failure paths log, count and tell the agent.
    {
        const std::size_t notes = agent_.Ephemerals(kAgent).size();
        const std::size_t opens = bot_.slack().CallCount("views.open");
        bot_.slack().FailNextWithError("views.open", 1, "expired_trigger_id");
        SlashCommandFields fields;
        fields.user_id = kAgent;
        fields.trigger_id = "77.1.escalate";
        errors_ += bot_.client().SlashCommand("/escalate", kName, fields).body;
        ASSERT_TRUE(bot_.slack().WaitForAnswers("views.open", opens + 1));
        bot_.Flush();
        bot_.slack().FailNextWithError("chat.postMessage", 1, "invalid_blocks");
        const json view = agent_.Escalate(kAgent);
        ASSERT_FALSE(view.is_null());
        agent_.Walk(kAgent, view, ProbeAnswers(Address(83)));
        bot_.Flush();
        bot_.Advance(1min);
        // What the agent was told of both failures (the form did not open; the post failed).
        const auto told = agent_.Ephemerals(kAgent);
        EXPECT_GT(told.size(), notes);
        for (std::size_t i = notes; i < told.size(); ++i) errors_ += told[i].dump();
        EXPECT_GE(bot_.slack().CallCount("chat.postMessage"), 1u);
    }
    // A request Slack did not sign, carrying personal data: refused without echoing it.
    {
        SlackHttpClient forger(bot_.port(), "not-the-secret", bot_.clock());
        const HttpResponse refused =
            forger.SlashCommand("/escalate", std::string(kName) + " " + kEmail + " " + kPhone);
        EXPECT_EQ(refused.status, 401);
        errors_ += refused.body;
    }
    // The CLI: purge (everything closed a while ago), then export without personal data.
    std::string cli;
    {
        bot_.Advance(24h * 3);
        config::Settings settings = bot_.settings();
        settings.retention.personal_data_days = 1;
        config::sop::SopCatalog sops;
        sops.Add(std::shared_ptr<const config::sop::Sop>(&ShippedSop(), [](const auto*) {}));
        std::ostringstream out, err;
        EXPECT_EQ(app::RunPurge(bot_.store(), sops, settings, false, "cli:test", bot_.clock(), out,
                                err),
                  0)
            << err.str();
        app::ReportArgs args;
        args.since = "2026-11-01";
        std::ostringstream exported, export_err;
        EXPECT_EQ(app::RunExport(bot_.settings(), bot_.settings().escalation.sop_file, args,
                                 bot_.clock(), exported, export_err),
                  0)
            << export_err.str();
        EXPECT_THAT(exported.str(), ::testing::HasSubstr("ESC-3"));  // the export ran
        cli = out.str() + err.str() + exported.str() + export_err.str();
    }

    // The flows happened: personal data did reach the channels (so a search that finds nothing
    // is not a search of nothing).
    EXPECT_FALSE(Leaks(bot_.slack().Messages("C0RESOLUTN1").at(0).dump()).empty());
    const std::string log_text = logs_.sink().All();
    EXPECT_GT(logs_.sink().Lines().size(), 50u);
    EXPECT_THAT(log_text, ::testing::HasSubstr("case=3"));
    EXPECT_THAT(log_text, ::testing::HasSubstr("installer"));
    EXPECT_THAT(log_text, ::testing::HasSubstr("concert request 1"));

    EXPECT_THAT(Leaks(log_text), ::testing::IsEmpty()) << "in the logs";
    for (const std::string& line : logs_.sink().Lines()) {
        EXPECT_THAT(Leaks(line), ::testing::IsEmpty()) << line;
    }
    const std::string metrics = bot_.metrics().RenderText();
    EXPECT_THAT(metrics, ::testing::HasSubstr("escbot_escalation_cases_created_total"));
    EXPECT_THAT(Leaks(metrics), ::testing::IsEmpty()) << "in /metrics";
    EXPECT_THAT(Leaks(errors_), ::testing::IsEmpty()) << "in error texts: " << errors_;
    EXPECT_THAT(Leaks(cli), ::testing::IsEmpty()) << "in the CLI output: " << cli;
}

}  // namespace
}  // namespace escbot::test
