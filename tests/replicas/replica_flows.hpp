#pragma once

// Agents, leads, the back office and Slack's Events API against one replica's HTTP port, as
// Slack would send them, for the replica failover tests. Unlike the kill test's flows, live
// ladders are left ringing and promises unkept, so that the bots' timers (rung windows, promise
// reminders, installer chases) must fire; and every answer is classified, so that a test can
// say what the bot answered while its database was away.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "tests/kill/kill_flows.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"

namespace escbot::replicas {

/// How the bot answered one request.
enum class Answer {
    kOk,         // a success answer (HTTP 200, no error shown)
    kRefused,    // HTTP 200 that tells the person "Nothing was saved ... please try again"
    kServerError,  // HTTP 5xx: Slack retries an event; a person sees Slack's own error
    kNoAnswer,   // connection refused, reset or timed out
    kOther,      // any other answer (a test failure)
};
const char* AnswerName(Answer answer);

/// What the bot acknowledged with a success answer, beyond the kill test's Acked.
struct ReplicaAcked {
    kill::Acked base;                    // cases, claims, Concert requests and confirms
    std::vector<long long> ladders;      // refused-to-wait cases whose ladder was left ringing
    std::vector<long long> follow_ups;   // agreed-to-wait cases (promise reminders)
    std::vector<long long> installer;    // installer complaints opened (IC-n)
    std::vector<std::string> home_users; // app_home_opened events acknowledged (one user each)
};

/// Events API deliveries: first tries, Slack's retries after a non-2xx, and deliveries repeated
/// on purpose (to the other replica) after a 2xx, which must change nothing.
struct EventStats {
    int sent = 0;          // distinct events
    int retries = 0;       // redeliveries after a failed answer
    int duplicates = 0;    // redeliveries after a 2xx (to the other replica)
    int given_up = 0;      // events never answered 2xx within Slack's retries
};

class ReplicaFlows {
public:
    /// `port`: this runner's replica; `other_port`: where duplicate event deliveries go.
    /// `first_serial` separates the runners' agents, homeowners and events.
    ReplicaFlows(std::uint16_t port, std::uint16_t other_port, test::FakeSlackServer& slack,
                 int first_serial);

    /// Runs random flows on this thread until `stop` is set, `pause` between two. The pause
    /// keeps the load within what Slack takes: one post per second per channel, and every flow
    /// posts to one of four channels (the bots pace themselves; a test must not outrun them).
    void Run(unsigned seed, const std::atomic<bool>& stop, std::chrono::milliseconds pause);

    /// Reclassifies acknowledged clicks whose response_url got "Nothing was saved" (the bot
    /// answers a click's failure there); call once the load stopped, before acked().
    void SettleClicks();
    ReplicaAcked acked() const;
    /// Answers by request kind ("command", "submission", "click", "event") and Answer.
    std::map<std::string, std::map<Answer, int>> answers() const;
    /// The same, only for requests sent while `window` was set (the database was down).
    std::map<std::string, std::map<Answer, int>> answers_in_window() const;
    EventStats events() const;
    int flows_started() const { return started_.load(); }
    int flows_abandoned() const { return abandoned_.load(); }
    /// Set while the database is down: answers are counted apart too.
    void set_window(bool open) { window_ = open; }

private:
    class Session;
    friend class Session;
    void LeaveLadderRinging(Session& session);
    void AgreeToWait(Session& session);
    void InstallerComplaint(Session& session);
    void Concert(Session& session);
    void HomeOpened(Session& session);
    void Note(const std::string& kind, Answer answer, bool in_window);

    struct PendingClick {
        std::string hook_path;  // the response_url's path
        std::string what;       // "claim" or "confirm"
        long long id = 0;
        bool in_window = false;
    };

    std::uint16_t port_;
    std::uint16_t other_port_;
    test::FakeSlackServer& slack_;
    std::atomic<int> serial_;
    std::atomic<int> started_{0};
    std::atomic<int> abandoned_{0};
    std::atomic<bool> window_{false};
    mutable std::mutex mutex_;
    ReplicaAcked acked_;
    std::vector<PendingClick> clicks_;
    std::map<std::string, std::map<Answer, int>> answers_;
    std::map<std::string, std::map<Answer, int>> window_answers_;
    EventStats events_;
};

}  // namespace escbot::replicas
