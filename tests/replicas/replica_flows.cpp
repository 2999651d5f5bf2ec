#include "tests/replicas/replica_flows.hpp"

#include <algorithm>
#include <cctype>
#include <random>
#include <thread>

#include "tests/escalation_integration/escalation_driver.hpp"
#include "tests/replicas/replica_fixture.hpp"
#include "tests/support/http_client/slack_http_client.hpp"

namespace escbot::replicas {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// A flow step the bot did not answer with success: abandon the flow.
struct Abandon {};

constexpr const char* kNothingSaved = "Nothing was saved";
// The answer when the database broke while the step committed: not counted as acknowledged.
constexpr const char* kMaybeSaved = "may or may not have been saved";

bool SaysNotSaved(const std::string& text) {
    return text.find(kNothingSaved) != std::string::npos ||
           text.find(kMaybeSaved) != std::string::npos;
}

// True when `text` holds `name` not followed by a digit ("Homeowner 1" is not in "Homeowner 12").
bool NamesExactly(const std::string& text, const std::string& name) {
    for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
        const std::size_t after = at + name.size();
        if (after == text.size() || !std::isdigit(static_cast<unsigned char>(text[after]))) {
            return true;
        }
    }
    return false;
}

// The number right after the first `prefix` followed by a digit in the view's text ("ESC-12"
// gives 12), 0 when none. Plain scans here: std::regex compiled on several threads at once races
// in libstdc++'s locale cache (ThreadSanitizer reports it).
long long IdIn(const json& view, const std::string& prefix) {
    const std::string text = test::AllText(view);
    for (std::size_t at = text.find(prefix); at != std::string::npos;
         at = text.find(prefix, at + 1)) {
        const std::size_t digits = at + prefix.size();
        std::size_t end = digits;
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
        if (end > digits) return std::stoll(text.substr(digits, end - digits));
    }
    return 0;
}

Answer Classify(const test::HttpResponse& response) {
    if (response.status >= 500) return Answer::kServerError;
    if (response.status != 200) return Answer::kOther;
    if (SaysNotSaved(response.body)) return Answer::kRefused;
    return Answer::kOk;
}

std::string HookPath(const std::string& url) {
    const auto at = url.find("/hooks/");
    return at == std::string::npos ? url : url.substr(at);
}

}  // namespace

const char* AnswerName(Answer answer) {
    switch (answer) {
        case Answer::kOk: return "ok";
        case Answer::kRefused: return "200 'nothing (or maybe not) saved, try again'";
        case Answer::kServerError: return "5xx";
        case Answer::kNoAnswer: return "no answer";
        case Answer::kOther: return "other";
    }
    return "?";
}

class ReplicaFlows::Session {
public:
    Session(ReplicaFlows& flows, int thread)
        : flows_(flows),
          thread_(thread),
          client_(flows.port_, kSecret),
          other_(flows.other_port_, kSecret) {
        client_.set_response_urls([this](std::string_view kind, const std::string& channel,
                                         const std::string& user) {
            last_hook_ = flows_.slack_.NewResponseUrl(kind, channel, user);
            return last_hook_;
        });
    }

    void NewAgent(int n) { agent_ = "U0REPL" + std::to_string(n); }
    const std::string& agent() const { return agent_; }
    std::string NextTrigger(const char* what) {
        return std::to_string(thread_) + "." + std::to_string(++trigger_) + "." + what;
    }

    /// Sends one request of `kind`; the answer, noted. Throws Abandon unless it is a success.
    test::HttpResponse Send(const std::string& kind, const std::function<test::HttpResponse()>& send) {
        const bool in_window = flows_.window_.load();
        try {
            test::HttpResponse response = send();
            const Answer answer = Classify(response);
            flows_.Note(kind, answer, in_window || flows_.window_.load());
            if (answer != Answer::kOk) throw Abandon{};
            return response;
        } catch (const Abandon&) {
            throw;
        } catch (const std::exception&) {
            flows_.Note(kind, Answer::kNoAnswer, in_window || flows_.window_.load());
            std::this_thread::sleep_for(100ms);
            throw Abandon{};
        }
    }

    test::HttpResponse Command(const std::string& command, const std::string& text,
                               const test::SlashCommandFields& fields) {
        return Send("command", [&] { return client_.SlashCommand(command, text, fields); });
    }

    /// `command` as the agent; the modal the bot opened (with id and hash).
    json OpenModal(const std::string& command, const std::string& text) {
        test::SlashCommandFields fields;
        fields.user_id = agent_;
        fields.trigger_id = NextTrigger("open");
        const auto ack = Command(command, text, fields);
        if (!ack.body.empty()) throw Abandon{};  // refused (busy), or a note instead of a modal
        const auto give_up = std::chrono::steady_clock::now() + 3s;
        while (std::chrono::steady_clock::now() < give_up) {
            for (const auto& call : flows_.slack_.Calls("views.open")) {
                if (call.args.value("trigger_id", "") != fields.trigger_id || !call.answered) continue;
                if (!call.response.value("ok", false)) throw Abandon{};
                json view = call.args["view"];
                view["id"] = call.response["view"]["id"];
                view["hash"] = call.response["view"]["hash"];
                return view;
            }
            std::this_thread::sleep_for(25ms);
        }
        throw Abandon{};
    }

    json Submit(const json& view, const test::AgentAnswers& answers) {
        const auto response = Send("submission", [&] {
            return client_.ViewSubmission(test::ViewInteractionPayload(
                "view_submission", agent_, view, answers, 1000 * thread_ + ++trigger_));
        });
        return response.body.empty() ? json(nullptr) : response.Json();
    }

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

    /// A button click; its response_url's path when the bot answered it with success (a
    /// failure may still arrive there: see SettleClicks).
    std::string Click(const std::string& user, const std::string& action_id,
                      const std::string& value, const std::string& channel,
                      const std::string& message_ts, const std::string& block_id) {
        test::BlockActionFields fields;
        fields.user_id = user;
        fields.action_id = action_id;
        fields.block_id = block_id;
        fields.value = value;
        fields.channel_id = channel;
        fields.message_ts = message_ts;
        fields.trigger_id = NextTrigger("click");
        const auto response =
            Send("click", [&] { return client_.BlockAction(test::BlockActionPayload(fields)); });
        if (!response.body.empty()) throw Abandon{};
        return HookPath(last_hook_);
    }

    /// One app_home_opened event, redelivered as Slack does until a 2xx (3 retries); true
    /// when acknowledged. Sometimes delivered again to the other replica after the 2xx.
    bool HomeEvent(const std::string& user, const std::string& event_id, bool duplicate) {
        const json envelope = test::EventCallback(
            {{"type", "app_home_opened"}, {"user", user}, {"channel", "D0" + user.substr(2)},
             {"tab", "home"}, {"event_ts", "1700000000.000100"}},
            event_id);
        for (int attempt = 0; attempt <= 3; ++attempt) {
            if (attempt > 0) {
                std::this_thread::sleep_for(std::chrono::seconds(attempt));  // 1 s, 2 s, 3 s
                std::lock_guard lock(flows_.mutex_);
                ++flows_.events_.retries;
            }
            auto request = test::EventRequest(kSecret, client_.Timestamp(), envelope);
            request.retry_num = attempt;
            try {
                Send("event", [&] { return client_.Send(request); });
            } catch (const Abandon&) {
                continue;
            }
            if (duplicate) {
                {
                    std::lock_guard lock(flows_.mutex_);
                    ++flows_.events_.duplicates;
                }
                request.retry_num = attempt + 1;
                try {
                    other_.Send(request);  // whatever it answers, it must change nothing
                } catch (const std::exception&) {
                }
            }
            return true;
        }
        return false;
    }

private:
    ReplicaFlows& flows_;
    int thread_;
    int trigger_ = 0;
    std::string agent_ = kill::kAgent;
    std::string last_hook_;
    test::SlackHttpClient client_;
    test::SlackHttpClient other_;
};

ReplicaFlows::ReplicaFlows(std::uint16_t port, std::uint16_t other_port,
                           test::FakeSlackServer& slack, int first_serial)
    : port_(port), other_port_(other_port), slack_(slack), serial_(first_serial) {}

void ReplicaFlows::Note(const std::string& kind, Answer answer, bool in_window) {
    std::lock_guard lock(mutex_);
    ++answers_[kind][answer];
    if (in_window) ++window_answers_[kind][answer];
}

void ReplicaFlows::Run(unsigned seed, const std::atomic<bool>& stop,
                       std::chrono::milliseconds pause) {
    std::mt19937 rng(seed);
    Session session(*this, static_cast<int>(seed % 1000));
    // Every kind of flow once in each five, in a seeded order: even a short run has them all.
    std::vector<int> order = {0, 1, 2, 3, 4};
    for (std::size_t turn = 0; !stop.load(); ++turn) {
        if (turn % order.size() == 0) std::shuffle(order.begin(), order.end(), rng);
        ++started_;
        try {
            switch (order[turn % order.size()]) {
                case 0: LeaveLadderRinging(session); break;
                case 1: AgreeToWait(session); break;
                case 2: InstallerComplaint(session); break;
                case 3: Concert(session); break;
                default: HomeOpened(session); break;
            }
        } catch (const Abandon&) {
            ++abandoned_;
        } catch (const std::exception&) {
            ++abandoned_;
        }
        // While the database is down the flows fail fast: no pause, as many answers as can be.
        for (auto slept = 0ms; slept < pause && !stop.load() && !window_.load(); slept += 50ms) {
            std::this_thread::sleep_for(50ms);
        }
    }
}

void ReplicaFlows::LeaveLadderRinging(Session& session) {
    const int n = ++serial_;
    session.NewAgent(n);
    const json view = session.OpenModal("/escalate", "");
    const json offer = session.Submit(
        view, test::QualifyAnswers("homeowner", "Ladder Caller " + std::to_string(n),
                                   std::to_string(n) + " Ring Road, Springfield"));
    if (!offer.is_object() || !offer.contains("view")) throw Abandon{};
    const json result =
        session.Walk(test::EscalationDriver::Updated(view, offer),
                     {{"agrees_to_wait", "no"}, {"live_concern_summary", "Wants a lead now."}});
    const long long id = result.contains("view") ? IdIn(result["view"], "ESC-") : 0;
    if (id == 0) throw Abandon{};
    std::lock_guard lock(mutex_);
    acked_.base.cases.push_back(id);
    acked_.ladders.push_back(id);  // nobody answers: each rung's window runs out
}

void ReplicaFlows::AgreeToWait(Session& session) {
    const int n = ++serial_;
    session.NewAgent(n);
    const json result = session.Walk(
        session.OpenModal("/escalate", ""),
        test::FullAnswers("Waiting Owner " + std::to_string(n),
                          std::to_string(n) + " Patience Street, Springfield"));
    const long long id = result.contains("view") ? IdIn(result["view"], "ESC-") : 0;
    if (id == 0) throw Abandon{};
    {
        std::lock_guard lock(mutex_);
        acked_.base.cases.push_back(id);
        acked_.follow_ups.push_back(id);
    }
    if (n % 2 == 0) return;  // half stay unclaimed: their reminders tag the leads
    const std::string hook = session.Click(kill::kLead, "case_claim", std::to_string(id),
                                           kill::kResolutionChannel, "1700000000.000100",
                                           "actions");
    std::lock_guard lock(mutex_);
    clicks_.push_back({hook, "claim", id, window_.load()});
}

void ReplicaFlows::InstallerComplaint(Session& session) {
    const int n = ++serial_;
    session.NewAgent(n);
    const std::string name = "Installer Owner " + std::to_string(n);
    const json form = session.OpenModal("/installer-complaint", name);
    const json opened = session.Submit(
        form, {{"homeowner_name", name},
               {"property_address", std::to_string(n) + " Chase Avenue, Springfield"},
               {"program", "everbright"},
               {"installer_name", "SunCo Installers"},
               {"installer_email", "ops@sunco.example"},
               {"complaint_type", "damage"},
               {"description", "Crew cracked roof tiles and has not called back."},
               {"phone", "201-555-3344"},
               {"best_time", "weekday evenings"},
               {"interaction_id", "CX-" + std::to_string(n)}});
    const long long id = opened.contains("view") ? IdIn(opened["view"], "IC-") : 0;
    if (id == 0) throw Abandon{};
    std::lock_guard lock(mutex_);
    acked_.installer.push_back(id);
}

void ReplicaFlows::Concert(Session& session) {
    const int n = ++serial_;
    session.NewAgent(n);
    const std::string homeowner = "Concert Owner " + std::to_string(n);
    test::SlashCommandFields fields;
    fields.user_id = session.agent();
    fields.trigger_id = session.NextTrigger("concert");
    session.Command("/concert", homeowner + ", " + std::to_string(n) + " Main St, Springfield",
                    fields);
    {
        std::lock_guard lock(mutex_);
        acked_.base.concert_homeowners.push_back(homeowner);
    }
    // The request's post, once the outbox sent it: its confirm button names the request.
    const auto give_up = std::chrono::steady_clock::now() + 3s;
    while (std::chrono::steady_clock::now() < give_up) {
        for (const json& message : slack_.Messages(kill::kConcertChannel)) {
            if (!NamesExactly(message.dump(), homeowner)) continue;
            for (const json& block : message.value("blocks", json::array())) {
                for (const json& element : block.value("elements", json::array())) {
                    if (element.value("action_id", "") != "concert_confirm") continue;
                    const std::string value = element.value("value", "");
                    const std::string hook =
                        session.Click(kill::kConcertContact, "concert_confirm", value,
                                      kill::kConcertChannel, message.value("ts", ""),
                                      "concert_answer");
                    std::lock_guard lock(mutex_);
                    clicks_.push_back({hook, "confirm", std::stoll(value), window_.load()});
                    return;
                }
            }
        }
        std::this_thread::sleep_for(50ms);
    }
}

void ReplicaFlows::HomeOpened(Session& session) {
    const int n = ++serial_;
    const std::string user = "U0HOME" + std::to_string(n);
    const bool duplicate = n % 3 == 0;
    {
        std::lock_guard lock(mutex_);
        ++events_.sent;
    }
    const bool acked = session.HomeEvent(user, "Ev0REPL" + std::to_string(n), duplicate);
    std::lock_guard lock(mutex_);
    if (acked) {
        acked_.home_users.push_back(user);
    } else {
        ++events_.given_up;
    }
}

void ReplicaFlows::SettleClicks() {
    std::map<std::string, bool> failed;  // hook path -> a "not saved" note arrived
    for (const auto& call : slack_.Calls("response_url")) {
        if (SaysNotSaved(call.body)) failed[call.path] = true;
    }
    std::lock_guard lock(mutex_);
    for (const PendingClick& click : clicks_) {
        if (failed.contains(click.hook_path)) {
            for (auto* tally : {&answers_, click.in_window ? &window_answers_ : nullptr}) {
                if (tally == nullptr) continue;
                --(*tally)["click"][Answer::kOk];
                ++(*tally)["click"][Answer::kRefused];
            }
            continue;
        }
        (click.what == "claim" ? acked_.base.claims : acked_.base.concert_confirms)
            .push_back(click.id);
    }
    clicks_.clear();
}

ReplicaAcked ReplicaFlows::acked() const {
    std::lock_guard lock(mutex_);
    return acked_;
}

std::map<std::string, std::map<Answer, int>> ReplicaFlows::answers() const {
    std::lock_guard lock(mutex_);
    return answers_;
}

std::map<std::string, std::map<Answer, int>> ReplicaFlows::answers_in_window() const {
    std::lock_guard lock(mutex_);
    return window_answers_;
}

EventStats ReplicaFlows::events() const {
    std::lock_guard lock(mutex_);
    return events_;
}

}  // namespace escbot::replicas
