#include "tests/kill/kill_flows.hpp"

#include <cctype>
#include <regex>
#include <thread>

#include "tests/escalation_integration/escalation_driver.hpp"
#include "tests/support/http_client/slack_http_client.hpp"

namespace escbot::kill {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// A flow step the bot did not answer as it should (it died, or it refused): abandon the flow.
struct Abandon {};

long long CaseIdIn(const json& view) {
    static const std::regex kCaseId("ESC-([0-9]+)");
    const std::string text = test::AllText(view);
    std::smatch match;
    if (!std::regex_search(text, match, kCaseId)) return 0;
    return std::stoll(match[1].str());
}

// True when `text` holds `name` not followed by a digit ("Owner 1" is not in "Owner 12").
bool NamesExactly(const std::string& text, const std::string& name) {
    for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
        const auto after = at + name.size();
        if (after >= text.size() || !std::isdigit(static_cast<unsigned char>(text[after]))) {
            return true;
        }
    }
    return false;
}

}  // namespace

class FlowRunner::Session {
public:
    Session(FlowRunner& runner, int thread)
        : runner_(runner), thread_(thread), client_(runner.port_, runner.secret_) {}

    /// Each flow is a new agent's: an abandoned flow leaves a draft that would make the same
    /// agent's next /escalate offer to resume it.
    void NewAgent(int n) { agent_ = "U0KILL" + std::to_string(n); }
    const std::string& agent() const { return agent_; }

    std::string NextTrigger(const char* what) {
        return std::to_string(thread_) + "." + std::to_string(++trigger_) + "." + what;
    }

    test::HttpResponse Checked(test::HttpResponse response) {
        if (response.status != 200) throw Abandon{};
        return response;
    }

    /// `/escalate` as the agent; the modal the bot opened.
    json Escalate() {
        test::SlashCommandFields fields;
        fields.user_id = agent_;
        fields.trigger_id = NextTrigger("escalate");
        const auto ack = Checked(client_.SlashCommand("/escalate", "", fields));
        if (!ack.body.empty()) throw Abandon{};  // refused (busy), or an error text
        const auto give_up = std::chrono::steady_clock::now() + 3s;
        while (std::chrono::steady_clock::now() < give_up) {
            for (const auto& call : runner_.slack_.Calls("views.open")) {
                if (call.args.value("trigger_id", "") != fields.trigger_id || !call.answered) continue;
                if (!call.response.value("ok", false)) throw Abandon{};
                json view = call.args["view"];
                view["id"] = call.response["view"]["id"];
                view["hash"] = call.response["view"]["hash"];
                return view;
            }
            std::this_thread::sleep_for(25ms);
        }
        throw Abandon{};  // the bot died before it opened the modal
    }

    json Submit(const json& view, const test::AgentAnswers& answers) {
        const auto response = Checked(client_.ViewSubmission(test::ViewInteractionPayload(
            "view_submission", agent_, view, answers, 1000 * thread_ + ++trigger_)));
        if (response.body.empty()) return nullptr;
        return response.Json();
    }

    /// Submits screen after screen while the bot answers with the next question screen.
    json Walk(json view, const test::AgentAnswers& answers) {
        for (int screen = 0; screen < 30; ++screen) {
            json ack = Submit(view, answers);
            if (!ack.is_object() || ack.value("response_action", "") != "update" ||
                ack["view"].value("callback_id", "") != "escalation_step") {
                return ack;
            }
            view = test::EscalationDriver::Updated(view, ack);
        }
        throw Abandon{};
    }

    /// A button click; true when the bot acknowledged it without a refusal.
    bool Click(const std::string& user, const std::string& action_id, const std::string& value,
               const std::string& channel, const std::string& message_ts = "1700000000.000100",
               const std::string& block_id = "actions") {
        test::BlockActionFields fields;
        fields.user_id = user;
        fields.action_id = action_id;
        fields.block_id = block_id;
        fields.value = value;
        fields.channel_id = channel;
        fields.message_ts = message_ts;
        fields.trigger_id = NextTrigger("click");
        const auto response = client_.BlockAction(test::BlockActionPayload(fields));
        return response.status == 200 && response.body.empty();
    }

    test::SlackHttpClient& client() { return client_; }

private:
    FlowRunner& runner_;
    int thread_;
    int trigger_ = 0;
    std::string agent_ = kAgent;
    test::SlackHttpClient client_;
};

void FlowRunner::Run(unsigned seed, const std::atomic<bool>& stop) {
    std::mt19937 rng(seed);
    Session session(*this, static_cast<int>(seed % 1000));
    while (!stop.load()) {
        ++started_;
        try {
            switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
                case 0:
                    AgreeToWaitThenClaim(session);
                    break;
                case 1:
                    RefuseToWaitThenAnswer(session);
                    break;
                default:
                    ConcertThenConfirm(session);
                    break;
            }
        } catch (const Abandon&) {
            ++abandoned_;
        } catch (const std::exception&) {
            ++abandoned_;  // no answer: the bot was killed mid-request
            std::this_thread::sleep_for(100ms);
        }
    }
}

Acked FlowRunner::acked() const {
    std::lock_guard lock(mutex_);
    return acked_;
}

void FlowRunner::AgreeToWaitThenClaim(Session& session) {
    const int n = ++serial_;
    session.NewAgent(n);
    const std::string name = "Kill Homeowner " + std::to_string(n);
    const std::string address = std::to_string(n) + " Crash Street, Springfield";
    const json result = session.Walk(session.Escalate(), test::FullAnswers(name, address));
    const long long id = result.contains("view") ? CaseIdIn(result["view"]) : 0;
    if (id == 0) throw Abandon{};
    {
        std::lock_guard lock(mutex_);
        acked_.cases.push_back(id);
    }
    if (session.Click(kLead, "case_claim", std::to_string(id), kResolutionChannel)) {
        std::lock_guard lock(mutex_);
        acked_.claims.push_back(id);
    }
}

void FlowRunner::RefuseToWaitThenAnswer(Session& session) {
    const int n = ++serial_;
    session.NewAgent(n);
    const std::string name = "Kill Caller " + std::to_string(n);
    const std::string address = std::to_string(n) + " Reset Road, Springfield";
    const json view = session.Escalate();
    const json offer = session.Submit(view, test::QualifyAnswers("homeowner", name, address));
    if (!offer.is_object() || !offer.contains("view")) throw Abandon{};
    const json result =
        session.Walk(test::EscalationDriver::Updated(view, offer),
                     {{"agrees_to_wait", "no"}, {"live_concern_summary", "Says the rep forged it."}});
    const long long id = result.contains("view") ? CaseIdIn(result["view"]) : 0;
    if (id == 0) throw Abandon{};
    {
        std::lock_guard lock(mutex_);
        acked_.cases.push_back(id);
    }
    if (session.Click(kTier2, "ladder_answer", std::to_string(id) + ":1", kLiveChannel)) {
        std::lock_guard lock(mutex_);
        acked_.ladder_answers.push_back(id);
    }
}

void FlowRunner::ConcertThenConfirm(Session& session) {
    const int n = ++serial_;
    session.NewAgent(n);
    const std::string homeowner = "Concert Owner " + std::to_string(n);
    test::SlashCommandFields fields;
    fields.user_id = session.agent();
    fields.trigger_id = session.NextTrigger("concert");
    const auto ack = session.Checked(session.client().SlashCommand(
        "/concert", homeowner + ", " + std::to_string(n) + " Main St, Springfield", fields));
    {
        std::lock_guard lock(mutex_);
        acked_.concert_homeowners.push_back(homeowner);
    }
    // The request's post, once the outbox sent it: its confirm button names the request.
    const auto give_up = std::chrono::steady_clock::now() + 3s;
    while (std::chrono::steady_clock::now() < give_up) {
        for (const json& message : slack_.Messages(kConcertChannel)) {
            if (!NamesExactly(message.dump(), homeowner)) continue;
            for (const json& block : message.value("blocks", json::array())) {
                for (const json& element : block.value("elements", json::array())) {
                    if (element.value("action_id", "") != "concert_confirm") continue;
                    const std::string value = element.value("value", "");
                    if (session.Click(kConcertContact, "concert_confirm", value, kConcertChannel,
                                      message.value("ts", ""), "concert_answer")) {
                        std::lock_guard lock(mutex_);
                        acked_.concert_confirms.push_back(std::stoll(value));
                    }
                    return;
                }
            }
        }
        std::this_thread::sleep_for(50ms);
    }
    (void)ack;
}

}  // namespace escbot::kill
