// `escalation-bot migrate-storage` as a team runs it: the real binary copies a SQLite file that
// the real repositories filled (every table) into a fresh PostgreSQL schema, prints the counts,
// and the PostgreSQL store then reads the same cases, timers and the rest back; a second run,
// a missing file and a password on the command line are refused with nothing copied.
#include <unistd.h>

#include <random>
#include <regex>
#include <set>

#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "storage/postgres/connection.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/database.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/process.hpp"

namespace escbot::test {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

const TimePoint kT0 = FromUnix(1'700'000'000);
constexpr int kAuditEntries = 300;  // more than one INSERT batch (250 rows)

// The ids the seed made, to read the rows back by.
struct Seeded {
    long long follow_up_case = 0;
    long long live_case = 0;
    long long complaint = 0;
    long long concert = 0;
    long long open_draft = 0;
    long long submitted_draft = 0;
    long long pending_item = 0;
    long long sent_item = 0;
    long long cancelled_timer_id = 0;  // the highest timer id SQLite ever gave
};

// Fills every table of the bot's schema through the repositories, as the flows would.
Seeded Seed(storage::Store& store) {
    Seeded s;
    store.WriteTx([&](storage::UnitOfWork& u) {
        storage::EscalationCase c;
        c.sop_version = "2026.11";
        c.status = storage::EscalationCase::Status::kOpen;
        c.outcome = "follow_up";
        c.homeowner_key = "zoe obrien|12 elm st";
        c.answers = {{"homeowner_name", "Zoë O'Brien"}, {"address", "12 Elm St, \"Apt\" 3"}};
        c.created_by = "U0AGENT1";
        c.created_in_channel = "C0ESC";
        c.created_at = kT0;
        c.follow_up_due = kT0 + std::chrono::hours(24);
        s.follow_up_case = u.Escalation().Cases().Create(c);
        u.Escalation().Cases().Claim(s.follow_up_case, "U0LEAD", kT0 + std::chrono::minutes(5));
        u.Escalation().Updates().Add({0, s.follow_up_case, "U0LEAD", "update", "Called back; no answer.", kT0 + std::chrono::minutes(9)});
        u.Escalation().Interactions().Add({0, s.follow_up_case, "U0AGENT2", "CX-991", "Still no power.", "2026.11", kT0 + std::chrono::hours(2)});

        c.status = storage::EscalationCase::Status::kLive;
        c.outcome = "live_ladder";
        c.homeowner_key = "ann lee|1 oak rd";
        c.answers = {{"homeowner_name", "Ann Lee"}};
        c.follow_up_due.reset();
        s.live_case = u.Escalation().Cases().Create(c);
        storage::LiveLadder ladder;
        ladder.case_id = s.live_case;
        ladder.sop_version = "2026.11";
        ladder.tier_id = "tier1";
        ladder.deadline = kT0 + std::chrono::seconds(30);
        ladder.started_at = kT0;
        ladder.history = json::array({{{"tier", "tier1"}, {"at", ToUnix(kT0)}}});
        u.Escalation().Ladders().Create(ladder);
        u.Escalation().Ladders().Answer(s.live_case, 0, "U0TIER1", kT0 + std::chrono::seconds(12));
        u.Escalation().SopVersions().PutIfAbsent({"2026.11", "fp-1", "[sop]\nversion = \"2026.11\"\n", kT0});

        storage::InstallerComplaint ic;
        ic.sop_version = "i-1";
        ic.agent_id = "U0AGENT1";
        ic.homeowner = "Zoë O'Brien";
        ic.address = "12 Elm St";
        ic.homeowner_key = "zoe obrien|12 elm st";
        ic.program = "everbright";
        ic.installer_name = "SunFix";
        ic.complaint_type = "no_show";
        ic.partner_updated = true;
        ic.referral = {{"manager", "M. Ray"}};
        ic.created_at = kT0;
        s.complaint = u.InstallerComplaints().Create(ic);
        u.InstallerComplaints().Claim(s.complaint, "U0BACK", kT0 + std::chrono::minutes(1));
        u.InstallerComplaints().AddEvent({0, s.complaint, kT0 + std::chrono::minutes(1), "U0BACK", "claimed", 1, ""});
        u.InstallerComplaints().PutSopIfAbsent({"i-1", "fp-i", "[installer]\n", kT0});

        storage::ConcertRequest cr;
        cr.agent_id = "U0AGENT1";
        cr.homeowner = "Zoë O'Brien";
        cr.address = "12 Elm St";
        cr.rotation = "concert";
        cr.created_at = kT0;
        s.concert = u.Concert().Create(cr);
        u.Concert().MarkPosted(s.concert, {"U0C1", "S0GROUP"}, kT0 + std::chrono::minutes(1));
        u.Concert().MarkQuestionWaiting(s.concert);

        storage::Draft d;
        d.user_id = "U0AGENT1";
        d.flow = "escalation";
        d.sop_version = "2026.11";
        d.step = "address";
        d.path = {"name"};
        d.answers = {{"name", "Zoë"}};
        d.created_at = d.updated_at = kT0;
        s.open_draft = u.Drafts().Create(d);
        d.step = "done";
        s.submitted_draft = u.Drafts().Create(d);
        d.id = s.submitted_draft;
        d.status = storage::Draft::Status::kSubmitted;
        u.Drafts().Save(d);

        storage::OutboxItem item;
        item.method = "chat.postMessage";
        item.args = {{"channel", "C0ESC"}, {"text", "Case for Zoë"}};
        item.lane = "C0ESC";
        item.result_key = "case:1:root";
        item.priority = storage::kPagePriority;
        s.sent_item = u.Outbox().Enqueue(item, kT0);
        u.Outbox().MarkSent(s.sent_item, kT0 + std::chrono::seconds(1));
        item.thread_key = "case:1:root";
        item.result_key.clear();
        s.pending_item = u.Outbox().Enqueue(item, kT0 + std::chrono::seconds(2));
        u.Outbox().MarkAttempting(s.pending_item, kT0 + std::chrono::seconds(3));
        u.MessageRefs().Put({"case:1:root", "C0ESC", "1700000001.000100"});

        u.Timers().Schedule({0, "case.follow_up", "case:1:follow_up", kT0 + std::chrono::hours(24), {{"case", 1}}});
        u.Timers().Schedule({0, "ladder.step", "ladder:2:0", kT0 + std::chrono::seconds(30), {{"step", 0}}});
        u.Timers().Schedule({0, "concert.release", "concert:1", kT0 + std::chrono::hours(1), json::object()});
        s.cancelled_timer_id = u.Timers().Find("concert:1")->id;
        u.Timers().Cancel("concert:1");

        for (int i = 0; i < kAuditEntries; ++i) {
            u.Audit().Record({0, kT0 + std::chrono::seconds(i), "U0AGENT1", "case.viewed",
                              "case:" + std::to_string(s.follow_up_case), {{"n", i}}});
        }
        u.Events().FirstSeen("Ev0SEED", kT0);
        u.TeamView().NoteHomeOpened("U0LEAD", kT0);
        u.Watchdog().Open({"outbox_stalled", kT0, "3 items"});
    });
    return s;
}

// Everything the seed wrote, as the repositories read it back (ids included): equal on both
// backends when the copy lost nothing.
std::string Snapshot(storage::Store& store, const Seeded& s) {
    json out;
    store.ReadTx([&](storage::UnitOfWork& u) {
        for (const long long id : {s.follow_up_case, s.live_case}) {
            const auto c = u.Escalation().Cases().Get(id);
            out["cases"].push_back({c->id, c->sop_version, CaseStatusName(c->status), c->outcome,
                                    c->homeowner_key, c->answers, c->created_by, ToUnix(c->created_at),
                                    c->follow_up_due ? ToUnix(*c->follow_up_due) : -1, c->owner,
                                    c->claimed_at ? ToUnix(*c->claimed_at) : -1});
            for (const auto& up : u.Escalation().Updates().ForCase(id)) {
                out["updates"].push_back({up.id, up.case_id, up.author, up.kind, up.text, ToUnix(up.at)});
            }
            for (const auto& in : u.Escalation().Interactions().ForCase(id)) {
                out["interactions"].push_back({in.id, in.agent, in.interaction_id, in.said, ToUnix(in.at)});
            }
        }
        const auto ladder = u.Escalation().Ladders().Get(s.live_case);
        out["ladder"] = {LadderStatusName(ladder->status), ladder->tier_id, ToUnix(ladder->deadline),
                         ladder->history, ladder->answered_by, ToUnix(*ladder->answered_at)};
        out["sop"] = u.Escalation().SopVersions().Get("2026.11")->text;
        const auto ic = u.InstallerComplaints().Get(s.complaint);
        out["complaint"] = {ic->homeowner, ic->owner_id, ic->partner_updated, ic->referral,
                            ic->chase_attempt, ToUnix(*ic->claimed_at)};
        for (const auto& e : u.InstallerComplaints().Events(s.complaint)) {
            out["complaint_events"].push_back({e.id, e.kind, e.attempt, ToUnix(e.at)});
        }
        out["installer_sop"] = u.InstallerComplaints().GetSop("i-1")->fingerprint;
        const auto cr = u.Concert().Get(s.concert);
        out["concert"] = {cr->homeowner, cr->tagged, cr->question_waiting, ToUnix(*cr->posted_at)};
        for (const long long id : {s.open_draft, s.submitted_draft}) {
            const auto d = u.Drafts().Get(id);
            out["drafts"].push_back({d->id, d->step, d->path, d->answers, static_cast<int>(d->status)});
        }
        for (const long long id : {s.sent_item, s.pending_item}) {
            const auto o = u.Outbox().Get(id);
            out["outbox"].push_back({o->id, o->method, o->args, o->lane, o->thread_key, o->priority,
                                     static_cast<int>(o->status), o->outcome_unknown,
                                     o->first_attempt_at ? ToUnix(*o->first_attempt_at) : -1});
        }
        out["ref"] = u.MessageRefs().Get("case:1:root")->ts;
        for (const char* key : {"case:1:follow_up", "ladder:2:0"}) {
            const auto t = u.Timers().Find(key);
            out["timers"].push_back({t->id, t->kind, ToUnix(t->due_at), t->payload});
        }
        out["next_timer_due"] = ToUnix(*u.Timers().NextDue());
        const auto audit = u.Audit().ForEntity("case:" + std::to_string(s.follow_up_case));
        out["audit"] = {audit.size(), audit.back().id, audit.back().detail};
        out["home"] = u.TeamView().OpenedHome("U0LEAD");
        out["watchdog"] = u.Watchdog().OpenProblems().at(0).summary;
    });
    return out.dump();
}

std::set<std::string> SqliteTables(const std::string& path) {
    storage::sqlite::Database db(path);
    SQLite::Statement q(db.Handle(), "SELECT name FROM sqlite_master WHERE type = 'table'"
                                     " AND name NOT LIKE 'sqlite_%' AND name != 'schema_migrations'");
    std::set<std::string> tables;
    while (q.executeStep()) tables.insert(q.getColumn(0).getString());
    return tables;
}

long long SqliteCount(const std::string& path, const std::string& table) {
    storage::sqlite::Database db(path);
    SQLite::Statement q(db.Handle(), "SELECT COUNT(*) FROM \"" + table + "\"");
    q.executeStep();
    return q.getColumn(0).getInt64();
}

class MigrateStorage : public ::testing::Test {
protected:
    void RequirePostgres() {
        const char* url = std::getenv("ESCBOT_TEST_POSTGRES_URL");
        if (url == nullptr || *url == '\0') {
            GTEST_SKIP() << "no PostgreSQL server: ESCBOT_TEST_POSTGRES_URL is not set (run the "
                            "suite through deploy/with-postgres.sh, as deploy/test.sh does)";
        }
        url_ = url;
        schema_ = "migrate_" + std::to_string(::getpid()) + "_" + std::to_string(std::random_device{}());
        storage::postgres::Connection(url_, "").Exec("CREATE SCHEMA " + schema_);
    }

    void TearDown() override {
        if (schema_.empty()) return;
        try {
            storage::postgres::Connection(url_, "").Exec("DROP SCHEMA " + schema_ + " CASCADE");
        } catch (const std::exception&) {
            // The server is thrown away with it.
        }
    }

    // The test schema, selected through libpq's options parameter as DATABASE_URL would.
    std::string TargetUrl() const {
        return url_ + (url_.find('?') == std::string::npos ? "?" : "&") +
               "options=-c%20search_path%3D" + schema_;
    }

    ProcessResult Migrate(const std::vector<std::string>& args, std::map<std::string, std::string> env = {}) {
        std::vector<std::string> argv{BotBinary().string(), "migrate-storage"};
        argv.insert(argv.end(), args.begin(), args.end());
        env.emplace("DATABASE_URL", "");
        return RunProcess(argv, env, "", 120s, dir_.path().string());
    }

    long long PgCount(const std::string& table) {
        storage::postgres::Connection db(url_, schema_);
        auto q = db.Prepare("SELECT COUNT(*) FROM \"" + table + "\"");
        q->executeStep();
        return q->getColumn(0).getInt64();
    }

    std::string SourcePath() const { return (dir_ / "bot.sqlite3").string(); }

    TempDir dir_;
    std::string url_;
    std::string schema_;
};

TEST_F(MigrateStorage, CopiesEveryTableAndThePostgresStoreReadsTheSameBack) {
    RequirePostgres();
    Seeded seeded;
    std::string before;
    {
        auto sqlite = storage::sqlite::OpenSqliteStore(SourcePath());
        seeded = Seed(*sqlite);
        before = Snapshot(*sqlite, seeded);
    }
    {  // A case marked for re-keying (SQLite migration 0005 marks older cases; no repository adds one).
        storage::sqlite::Database db(SourcePath());
        db.Handle().exec("INSERT INTO escalation_case_rekey (case_id) VALUES (" +
                         std::to_string(seeded.live_case) + ")");
    }
    const auto tables = SqliteTables(SourcePath());
    for (const auto& table : tables) {
        // A table added later must be seeded here too, so that the copy of it is checked.
        EXPECT_GT(SqliteCount(SourcePath(), table), 0) << table << " has no row in the seed";
    }

    const auto run = Migrate({"--from", "sqlite:" + SourcePath(), "--to", TargetUrl()});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;

    // Every table is in the printout, with the same count on both sides, and so in the database.
    for (const auto& table : tables) {
        const long long rows = SqliteCount(SourcePath(), table);
        const std::regex line("\n" + table + " +" + std::to_string(rows) + " +" + std::to_string(rows) + "\n");
        EXPECT_TRUE(std::regex_search(run.out, line)) << table << " " << rows << "\n" << run.out;
        EXPECT_EQ(PgCount(table), rows) << table;
    }
    EXPECT_NE(run.out.find("row counts equal on both sides"), std::string::npos) << run.out;
    EXPECT_EQ(run.out.find("Zoë"), std::string::npos) << "personal data printed";

    auto pg = storage::postgres::OpenPostgresStore(url_, {.schema = schema_, .pool_size = 2});
    EXPECT_EQ(Snapshot(*pg, seeded), before);

    // New rows continue after the copied ids (and after SQLite's highest timer id, deleted).
    pg->WriteTx([&](storage::UnitOfWork& u) {
        storage::EscalationCase c;
        c.sop_version = "2026.11";
        c.outcome = "follow_up";
        c.created_by = "U0AGENT1";
        c.created_at = kT0;
        EXPECT_EQ(u.Escalation().Cases().Create(c), seeded.live_case + 1);
        u.Timers().Schedule({0, "concert.release", "concert:9", kT0, json::object()});
        EXPECT_GT(u.Timers().Find("concert:9")->id, seeded.cancelled_timer_id);
        EXPECT_EQ(u.Escalation().Cases().PendingRekey(10).size(), 1u);
    });
}

TEST_F(MigrateStorage, ASecondRunIntoTheNowFilledTargetIsRefusedAndChangesNothing) {
    RequirePostgres();
    {
        auto sqlite = storage::sqlite::OpenSqliteStore(SourcePath());
        Seed(*sqlite);
    }
    ASSERT_EQ(Migrate({"--from", "sqlite:" + SourcePath(), "--to", TargetUrl()}).exit_code, 0);
    const long long cases = PgCount("escalation_cases");
    const long long audit = PgCount("audit_log");

    // The target from DATABASE_URL this time (the other way to name it).
    const auto again = Migrate({"--from", "sqlite:" + SourcePath()}, {{"DATABASE_URL", TargetUrl()}});
    EXPECT_EQ(again.exit_code, 2) << again.out << again.err;
    EXPECT_NE(again.err.find("already holds rows"), std::string::npos) << again.err;
    EXPECT_NE(again.err.find("escalation_cases: " + std::to_string(cases)), std::string::npos) << again.err;
    EXPECT_EQ(PgCount("escalation_cases"), cases);
    EXPECT_EQ(PgCount("audit_log"), audit);
}

TEST_F(MigrateStorage, ASourceTheTargetSchemaCannotHoldCopiesNothing) {
    RequirePostgres();
    {
        auto sqlite = storage::sqlite::OpenSqliteStore(SourcePath());
        Seed(*sqlite);
        storage::sqlite::Database db(SourcePath());
        db.Handle().exec("ALTER TABLE escalation_cases ADD COLUMN local_note TEXT");
    }
    const auto run = Migrate({"--from", "sqlite:" + SourcePath(), "--to", TargetUrl()});
    EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
    EXPECT_NE(run.err.find("escalation_cases has no column local_note"), std::string::npos) << run.err;
    EXPECT_EQ(PgCount("escalation_cases"), 0);
    EXPECT_EQ(PgCount("audit_log"), 0);
}

TEST_F(MigrateStorage, AMissingSourceFileIsAClearErrorAndCreatesNothing) {
    const auto missing = (dir_ / "nowhere" / "bot.sqlite3").string();
    const auto run = Migrate({"--from", "sqlite:" + missing, "--to", "postgresql:///escbot?host=/nonexistent"});
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
    EXPECT_NE(run.err.find("no SQLite database at " + missing), std::string::npos) << run.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "nowhere"));
}

TEST_F(MigrateStorage, APasswordOnTheCommandLineIsRefusedWithoutShowingIt) {
    {
        auto sqlite = storage::sqlite::OpenSqliteStore(SourcePath());
    }
    const auto run = Migrate({"--from", "sqlite:" + SourcePath(), "--to", "postgresql://bot:hunter2@db/escbot"});
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
    EXPECT_NE(run.err.find("PGPASSWORD"), std::string::npos) << run.err;
    EXPECT_EQ((run.out + run.err).find("hunter2"), std::string::npos);
}

TEST_F(MigrateStorage, ATargetThatIsNotPostgresAndAFromThatIsNotSqliteAreUsageErrors) {
    EXPECT_EQ(Migrate({"--from", "sqlite:" + SourcePath(), "--to", "mysql://db/escbot"}).exit_code, 2);
    const auto run = Migrate({"--from", SourcePath(), "--to", "postgresql:///escbot"});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(run.err.find("--from must be sqlite:PATH"), std::string::npos) << run.err;
    EXPECT_EQ(Migrate({"--from", "sqlite:" + SourcePath()}).exit_code, 2);  // no --to, no DATABASE_URL
}

}  // namespace
}  // namespace escbot::test
