#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "tests/support/fake_slack/fake_slack_server.hpp"

namespace escbot::kill {

/// What the bot acknowledged (HTTP 200, and for a button no refusal in the answer): each of these
/// must have its effect in the database after the last life, whatever the kills did.
struct Acked {
    std::vector<long long> cases;           // escalations whose last screen named the case
    std::vector<long long> claims;          // case_claim clicks by kLead
    std::vector<long long> ladder_answers;  // ladder_answer clicks (step 1) by kTier2
    std::vector<std::string> concert_homeowners;  // /concert requests, by their homeowner
    std::vector<long long> concert_confirms;      // concert_confirm clicks by kConcertContact
};

inline constexpr const char* kAgent = "U0AGENT001";
inline constexpr const char* kLead = "U0LEAD00001";
inline constexpr const char* kTier2 = "U0TIER2001";
inline constexpr const char* kConcertContact = "U0CONCERT1";
inline constexpr const char* kResolutionChannel = "C0RESOLUTN1";
inline constexpr const char* kLiveChannel = "C0LIVEESC01";
inline constexpr const char* kConcertChannel = "C0SUPPORTCS";

/// Plays agents, leads and Concert contacts against the bot's HTTP port, the way Slack would,
/// one flow at a time, from several threads. A flow cut short by a kill (no answer, a refused
/// connection) is abandoned: only what the bot acknowledged is recorded. Thread-safe.
class FlowRunner {
public:
    /// `first_serial`: where the agents' and homeowners' numbers start (runners that share a
    /// database, one per replica, need ranges of their own).
    FlowRunner(std::uint16_t port, std::string secret, test::FakeSlackServer& slack,
               int first_serial = 0)
        : port_(port), secret_(std::move(secret)), slack_(slack), serial_(first_serial) {}

    /// Runs random flows on this thread until `stop` is set; `seed` makes the choice repeatable.
    void Run(unsigned seed, const std::atomic<bool>& stop);

    Acked acked() const;
    int flows_started() const { return started_.load(); }
    int flows_abandoned() const { return abandoned_.load(); }

private:
    class Session;
    void AgreeToWaitThenClaim(Session& session);
    void RefuseToWaitThenAnswer(Session& session);
    void ConcertThenConfirm(Session& session);

    std::uint16_t port_;
    std::string secret_;
    test::FakeSlackServer& slack_;
    std::atomic<int> serial_{0};
    std::atomic<int> started_{0};
    std::atomic<int> abandoned_{0};
    mutable std::mutex mutex_;
    Acked acked_;
};

}  // namespace escbot::kill
