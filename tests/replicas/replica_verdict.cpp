#include "tests/replicas/replica_verdict.hpp"

#include <ostream>
#include <set>
#include <thread>

#include "storage/postgres/postgres_store.hpp"

namespace escbot::replicas {

namespace {
constexpr const char* kNow = "CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)";
}  // namespace

std::string ShortTimersDueBy(const std::string& by) {
    // The promise's "overdue" stage waits for the next business morning: not a test's business.
    return "SELECT COUNT(*) FROM timers WHERE kind IN ('ladder.step', 'case.follow_up',"
           " 'installer.chase', 'installer.owner_reminder') AND payload NOT LIKE '%\"overdue\"%'"
           " AND due_at <= " + by;
}

ReplicaAcked Merge(const ReplicaAcked& a, const ReplicaAcked& b) {
    ReplicaAcked all = a;
    const auto append = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
    append(all.base.cases, b.base.cases);
    append(all.base.claims, b.base.claims);
    append(all.base.ladder_answers, b.base.ladder_answers);
    append(all.base.concert_homeowners, b.base.concert_homeowners);
    append(all.base.concert_confirms, b.base.concert_confirms);
    append(all.ladders, b.ladders);
    append(all.follow_ups, b.follow_ups);
    append(all.installer, b.installer);
    append(all.home_users, b.home_users);
    return all;
}

double WaitForQuiet(const Schema& schema, std::chrono::seconds limit) {
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < limit) {
        if (schema.Count(ShortTimersDueBy(std::string(kNow) + " + 3600")) == 0 &&
            schema.Count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == 0) {
            return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return -1;
}

Verdict Judge(const Schema& schema, const test::FakeSlackServer& slack, const ReplicaAcked& acked,
              const ShortTimers& timers) {
    Verdict v;
    {
        auto store = storage::postgres::OpenPostgresStore(schema.url(),
                                                          {.schema = schema.name(), .pool_size = 2});
        v.tally = kill::Count(*store, slack, acked.base);
    }
    v.timers = Summarize(ReadLedger(schema, slack, timers, UnixNow()));
    v.timers_overdue = schema.Count(ShortTimersDueBy(std::string(kNow) + " - 3"));

    std::set<long long> complaints;
    for (const auto& row : schema.Rows("SELECT id FROM installer_complaints", 1)) {
        complaints.insert(std::stoll(row[0]));
    }
    for (const long long id : acked.installer) {
        ++v.installer_acked;
        if (!complaints.contains(id)) ++v.installer_missing;
    }

    std::map<std::string, long long> publishes;  // "home:U.." -> views.publish items
    for (const auto& row : schema.Rows(
             "SELECT lane, COUNT(*) FROM outbox WHERE method = 'views.publish'"
             " AND lane LIKE 'home:U0HOME%' GROUP BY lane",
             2)) {
        publishes[row[0]] = std::stoll(row[1]);
    }
    for (const auto& [lane, n] : publishes) v.events_twice += static_cast<int>(n - 1);
    for (const std::string& user : acked.home_users) {
        ++v.events_acked;
        if (!publishes.contains("home:" + user)) ++v.events_missing;
    }
    return v;
}

void Print(std::ostream& out, const Verdict& v) {
    const kill::Tally& t = v.tally;
    out << "  posts (outbox items) " << t.posts << ": lost " << t.lost << ", duplicates "
        << t.duplicates << " (pending " << t.posts_pending << ", failed " << t.posts_failed
        << "), untracked messages " << t.untracked << "; other items " << t.other_items
        << ", unsent " << t.other_unsent << "\n"
        << "  acknowledged actions " << t.acked << " (escalations, claims, Concert): effect missing "
        << t.missing_effects << "; installer complaints " << v.installer_acked << ": missing "
        << v.installer_missing << "; Home events " << v.events_acked << ": missing "
        << v.events_missing << ", handled twice " << v.events_twice << "\n"
        << "  timer firings owed " << v.timers.owed << " (";
    for (const auto& [kind, n] : v.timers.owed_by_kind) out << kind << " " << n << " ";
    out << "): exactly once " << v.timers.once << ", never " << v.timers.never
        << ", more than once " << v.timers.twice << ", without their post "
        << v.timers.post_missing << "; short timers overdue at the end " << v.timers_overdue
        << "\n";
    for (const auto& line : t.problems) out << "  problem: " << line << "\n";
    for (const auto& line : v.timers.problems) out << "  problem: " << line << "\n";
}

void PrintAnswers(std::ostream& out, const std::string& title,
                  const std::map<std::string, std::map<Answer, int>>& answers) {
    out << "  " << title << ":";
    if (answers.empty()) out << " none";
    for (const auto& [kind, by_answer] : answers) {
        out << " " << kind << " {";
        bool first = true;
        for (const auto& [answer, n] : by_answer) {
            if (n == 0) continue;
            out << (first ? "" : ", ") << AnswerName(answer) << " " << n;
            first = false;
        }
        out << "}";
    }
    out << "\n";
}

}  // namespace escbot::replicas
