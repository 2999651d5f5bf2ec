#pragma once

#include "tests/reports/report_fixture.hpp"

namespace escbot::test {

using std::chrono::hours;
using std::chrono::seconds;

/// Four cases created Monday 2026-11-02 10:00 EST, and three attempts without a case:
///  A waited: claimed after 1 business hour, updated Tuesday 10:00 (9 bh), resolved Wednesday
///    10:00 (18 bh), promise (48 bh) kept; carries distinctive personal data.
///  B waited, never updated: its promise is broken by December.
///  C live, accepted at tier2.
///  D live, voicemail after 90 s, updated two hours later: promise kept.
struct FixedCases {
    long long a = 0, b = 0, c = 0, d = 0;
};

inline FixedCases AddFixedCases(ReportFixture& f) {
    const TimePoint t = ReportFixture::Monday10();
    FixedCases ids;
    storage::EscalationCase a;
    a.outcome = "follow_up";
    a.status = storage::EscalationCase::Status::kResolved;
    a.created_at = t;
    a.claimed_at = t + hours(1);
    a.owner = "U0LEAD1";
    a.resolved_at = t + hours(48);
    a.resolution_note = "Said \"thanks\",\nall good";
    a.answers = {{"homeowner_name", "Zelda Quartermaine"},
                 {"property_address", "1 Elm St, Springfield"},
                 {"email", "zelda@example.com"},
                 {"callback_phone", "555-0100"},
                 {"concern_types", {"fraud", "contract"}},
                 {"qualifiers", {"legal_counsel"}}};
    ids.a = f.AddCase(a);

    storage::EscalationCase b;
    b.outcome = "follow_up";
    b.created_at = t;
    b.answers = {{"concern_types", {"contract"}}};
    ids.b = f.AddCase(b);

    storage::EscalationCase c;
    c.outcome = "live_ladder";
    c.status = storage::EscalationCase::Status::kTransferred;
    c.owner = "U0TIER2A";
    c.created_at = t;
    ids.c = f.AddCase(c);

    storage::EscalationCase d;
    d.outcome = "live_ladder";
    d.status = storage::EscalationCase::Status::kOpen;
    d.created_at = t;
    ids.d = f.AddCase(d);

    f.Write([&](storage::UnitOfWork& u) {
        auto& ladders = u.Escalation().Ladders();
        ladders.Create({.case_id = ids.c, .sop_version = "x", .tier_id = "tier2", .step = 1,
                        .deadline = t + seconds(30), .started_at = t});
        ladders.Accept(ids.c, 1, "U0TIER2A", t + seconds(10));
        ladders.Create({.case_id = ids.d, .sop_version = "x", .tier_id = "tier2", .step = 1,
                        .deadline = t + seconds(30), .started_at = t});
        ladders.EndInVoicemail(ids.d, 1, t + seconds(90));
        auto& updates = u.Escalation().Updates();
        updates.Add({.case_id = ids.a, .author = "U0LEAD1", .kind = "claim", .at = t + hours(1)});
        updates.Add({.case_id = ids.a, .author = "U0LEAD1", .kind = "update", .at = t + hours(24)});
        updates.Add({.case_id = ids.a, .author = "U0LEAD1", .kind = "resolution", .at = t + hours(48)});
        updates.Add({.case_id = ids.d, .author = "U0LEAD1", .kind = "update", .at = t + hours(2)});
        u.Audit().Record({0, t, "U0AGENT1", "escalation.not_qualified", "draft:1", {}});
        u.Audit().Record({0, t, "U0AGENT1", "escalation.not_qualified", "draft:2", {}});
        u.Escalation().Interactions().Add({.case_id = ids.b, .agent = "U0AGENT1", .sop_version = "x", .at = t});
    });
    return ids;
}

}  // namespace escbot::test
