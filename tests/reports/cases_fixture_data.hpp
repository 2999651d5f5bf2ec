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

/// Three installer complaints that became cases, created Monday 2026-11-02 10:00 EST, and one
/// that needed no case. The shipped cadence: the first chase 2 business days after opening, the
/// promise 2 more business days later (Friday 10:00).
///  E unresponsive (EverBright): claimed after 2 bh, the installer replied at chase 1 on Wednesday
///    12:00 (20 bh), closed Thursday 10:00 (27 bh): promise kept; distinctive personal data.
///  F rude (Concert): claimed after 1 bh, no reply recorded Wednesday 11:00 (19 bh), referred.
///  G unresponsive (Beam): never claimed, nothing recorded: promise broken by December.
///  H pto_pre_m3: no case.
struct FixedComplaints {
    long long e = 0, f = 0, g = 0, h = 0;
};

inline FixedComplaints AddFixedComplaints(ReportFixture& f) {
    const TimePoint t = ReportFixture::Monday10();
    FixedComplaints ids;
    auto complaint = [&](std::string type, std::string program) {
        storage::InstallerComplaint c;
        c.agent_id = "U0AGENT2";
        c.homeowner = "Homeowner";
        c.address = "Somewhere";
        c.homeowner_key = "homeowner|somewhere";
        c.program = std::move(program);
        c.installer_name = "Installer";
        c.complaint_type = std::move(type);
        c.created_at = t;
        return c;
    };
    storage::InstallerComplaint e = complaint("unresponsive", "everbright");
    e.homeowner = "Yolanda Pryce";
    e.address = "9 Oak Ave, Shelbyville";
    e.phone = "555-0199";
    e.installer_name = "SunBright Solar";
    e.installer_email = "crew@sunbright.example";
    e.description = "Installer \"never\" called, twice";
    e.status = storage::InstallerComplaint::Status::kClosed;
    e.owner_id = "U0BACK1";
    e.claimed_at = t + hours(2);
    e.chase_state = storage::ChaseState::kReplied;
    e.chase_attempt = 1;
    e.closure_comments = "Resolved, installer apologised";
    e.closed_by = "U0BACK1";
    e.closed_at = t + hours(72);
    ids.e = f.AddComplaint(e);

    storage::InstallerComplaint fc = complaint("rude", "concert");
    fc.owner_id = "U0BACK2";
    fc.claimed_at = t + hours(1);
    fc.chase_state = storage::ChaseState::kReferred;
    fc.chase_attempt = 2;
    ids.f = f.AddComplaint(fc);

    ids.g = f.AddComplaint(complaint("unresponsive", "beam"));

    storage::InstallerComplaint h = complaint("pto_pre_m3", "everbright");
    h.status = storage::InstallerComplaint::Status::kNoCase;
    ids.h = f.AddComplaint(h);

    f.Write([&](storage::UnitOfWork& u) {
        auto& r = u.InstallerComplaints();
        r.AddEvent({0, ids.e, t + hours(2), "U0BACK1", "claimed", 0, ""});
        r.AddEvent({0, ids.e, t + hours(48), "bot", "chase_due", 1, ""});  // the bot's: no update
        r.AddEvent({0, ids.e, t + hours(50), "U0BACK1", "installer_replied", 1, ""});
        r.AddEvent({0, ids.e, t + hours(72), "U0BACK1", "closed", 0, ""});
        r.AddEvent({0, ids.f, t + hours(1), "U0BACK2", "claimed", 0, ""});
        r.AddEvent({0, ids.f, t + hours(49), "U0BACK2", "no_reply", 1, ""});
        r.AddEvent({0, ids.f, t + hours(120), "U0BACK2", "referred", 2, ""});
        r.AddEvent({0, ids.h, t, "U0AGENT2", "no_case", 0, ""});
    });
    return ids;
}

}  // namespace escbot::test
