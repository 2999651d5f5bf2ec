#pragma once

// Cases of both kinds written straight into a TestBot's SQLite file, as the flows would leave
// them, for the App Home and /escalation tests. The homeowner data is there so that tests can
// show it never reaches a list.

#include <optional>
#include <string>

#include "storage/store.hpp"
#include "tests/support/test_bot/test_bot.hpp"

namespace escbot::test::team {

inline constexpr const char* kHomeowner = "Jane Homeowner";
inline constexpr const char* kAddress = "12 North Main Street";
inline constexpr const char* kPhone = "555-010-0199";

/// An escalation case raised by `agent`, due at `due` (none for a live one), with its thread
/// root posted in C0RESOLUTN1 when `posted`. Returns its id.
inline long long SeedCase(TestBot& bot, const std::string& agent, std::optional<TimePoint> due,
                          storage::EscalationCase::Status status = storage::EscalationCase::Status::kOpen,
                          bool posted = true) {
    return bot.store().Write([&](storage::UnitOfWork& u) {
        storage::EscalationCase c;
        c.sop_version = "2026.12.1";
        c.status = status;
        c.outcome = status == storage::EscalationCase::Status::kLive ? "live_ladder" : "follow_up";
        c.homeowner_key = "jane homeowner|12 north main street";
        c.answers = {{"homeowner_name", kHomeowner}, {"property_address", kAddress},
                     {"phone", kPhone}, {"concern_types", nlohmann::json::array({"fraud"})}};
        c.created_by = agent;
        c.created_in_channel = "C0SUPPORT01";
        c.created_at = bot.clock().Now();
        c.follow_up_due = due;
        const long long id = u.Escalation().Cases().Create(c);
        if (posted) {
            u.MessageRefs().Put({"case:" + std::to_string(id) + ":root", "C0RESOLUTN1",
                                 "1795446000." + std::to_string(100000 + id)});
        }
        return id;
    });
}

/// An open installer complaint raised by `agent`, its next chase due at `chase_due`.
inline long long SeedComplaint(TestBot& bot, const std::string& agent, TimePoint chase_due) {
    return bot.store().Write([&](storage::UnitOfWork& u) {
        storage::InstallerComplaint c;
        c.sop_version = "2026.12.1";
        c.agent_id = agent;
        c.homeowner = kHomeowner;
        c.address = kAddress;
        c.homeowner_key = "jane homeowner|12 north main street";
        c.program = "everbright";
        c.installer_name = "SunCo";
        c.phone = kPhone;
        c.complaint_type = "no_confirmation";
        c.status = storage::InstallerComplaint::Status::kOpen;
        c.created_at = bot.clock().Now();
        const long long id = u.InstallerComplaints().Create(c);
        u.Timers().Schedule({0, "installer.chase", "installer:" + std::to_string(id) + ":chase", chase_due,
                             {{"complaint", id}, {"attempt", 1}}});
        u.MessageRefs().Put({"installer:" + std::to_string(id) + ":root", "C0BACKOFFC1",
                             "1795446000." + std::to_string(200000 + id)});
        return id;
    });
}

}  // namespace escbot::test::team
