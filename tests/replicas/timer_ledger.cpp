#include "tests/replicas/timer_ledger.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "bot/slack/outbox_lookup.hpp"

namespace escbot::replicas {
namespace {

using nlohmann::json;

struct Post {
    std::string thread_key;
    std::string result_key;
    std::string args;
};

// Slack's messages by the outbox item they name, with the item's keys and arguments.
std::vector<Post> PostsInSlack(const Schema& schema, const test::FakeSlackServer& slack) {
    std::map<long long, Post> items;
    for (const auto& row : schema.Rows(
             "SELECT id, thread_key, result_key, args FROM outbox WHERE method = 'chat.postMessage'",
             4)) {
        items[std::stoll(row[0])] = {row[1], row[2], row[3]};
    }
    std::vector<Post> posts;
    for (const std::string& channel : slack.Channels()) {
        for (const auto& message : slack.Messages(channel)) {
            const auto it = items.find(slack::OutboxItemOf(message));
            if (it != items.end()) posts.push_back(it->second);
        }
    }
    return posts;
}

int CountPosts(const std::vector<Post>& posts, const std::string& thread_key,
               const std::string& result_key, const std::string& needle) {
    return static_cast<int>(std::count_if(posts.begin(), posts.end(), [&](const Post& p) {
        if (!thread_key.empty() && p.thread_key != thread_key) return false;
        if (!result_key.empty() && p.result_key != result_key) return false;
        return needle.empty() || p.args.find(needle) != std::string::npos;
    }));
}

// (entity, action or kind, stage) -> the times it was recorded.
using Records = std::map<std::string, std::vector<long long>>;

void Record(Records& records, const std::string& key, long long at) { records[key].push_back(at); }

Firing Owed(const Records& records, std::string key, long long due_at, int posts) {
    Firing f{std::move(key), due_at, 0, 0, posts};
    if (const auto it = records.find(f.key); it != records.end()) {
        f.recorded = static_cast<int>(it->second.size());
        f.fired_at = *std::min_element(it->second.begin(), it->second.end());
    }
    return f;
}

}  // namespace

std::string FiringKind(const std::string& key) {
    for (const char* kind : {"ladder", "follow_up", "chase", "owner_reminder"}) {
        if (key.find(std::string(":") + kind) != std::string::npos) return kind;
    }
    return "?";
}

std::vector<Firing> ReadLedger(const Schema& schema, const test::FakeSlackServer& slack,
                               const ShortTimers& timers, long long until) {
    const long long owed_by = until - 2;
    const std::vector<Post> posts = PostsInSlack(schema, slack);
    Records records;
    for (const auto& row : schema.Rows(
             "SELECT entity, action, detail, at FROM audit_log WHERE action IN ('ladder.timeout',"
             " 'case.follow_up_due_soon', 'case.follow_up_overdue')",
             4)) {
        const json detail = json::parse(row[2]);
        const long long at = std::stoll(row[3]);
        if (row[1] == "ladder.timeout") {
            Record(records, row[0] + ":ladder@" + std::to_string(detail.value("step", 0)), at);
        } else {
            Record(records, row[0] + (row[1] == "case.follow_up_due_soon" ? ":follow_up@due_soon"
                                                                         : ":follow_up@due"),
                   at);
        }
    }
    for (const auto& row : schema.Rows(
             "SELECT complaint_id, kind, attempt, at FROM installer_complaint_events"
             " WHERE kind IN ('chase_due', 'owner_reminder')",
             4)) {
        const std::string entity = "installer:" + row[0];
        Record(records,
               row[1] == "chase_due" ? entity + ":chase@" + row[2] : entity + ":owner_reminder",
               std::stoll(row[3]));
    }

    // A page Slack took late moves its rung's window (ladder.window_moved): the later deadline.
    std::map<std::string, long long> moved;
    for (const auto& row : schema.Rows(
             "SELECT entity, detail FROM audit_log WHERE action = 'ladder.window_moved'", 2)) {
        const json detail = json::parse(row[1]);
        auto& deadline = moved[row[0] + ":ladder@" + std::to_string(detail.value("step", 0))];
        deadline = std::max(deadline, detail.value("deadline", 0LL));
    }

    std::vector<Firing> owed;
    // Each paged rung owes its timeout; its post is the next rung's page (or, after the last
    // rung, the case posted for follow-up).
    for (const auto& row : schema.Rows(
             "SELECT entity, detail FROM audit_log WHERE action = 'ladder.paged' ORDER BY id", 2)) {
        const json detail = json::parse(row[1]);
        const int step = detail.value("step", 0);
        const std::string key = row[0] + ":ladder@" + std::to_string(step);
        const long long deadline =
            std::max(detail.value("deadline", 0LL), moved.contains(key) ? moved[key] : 0LL);
        if (deadline > owed_by) continue;
        const std::string id = row[0].substr(row[0].find(':') + 1);
        const std::string next_page = "case:" + id + ":ping:" + std::to_string(step + 1);
        int n = CountPosts(posts, "", next_page, "");
        if (n == 0 &&
            schema.Count("SELECT COUNT(*) FROM audit_log WHERE action = 'ladder.paged' AND entity = '" +
                         row[0] + "'") == step) {
            n = CountPosts(posts, "", "case:" + id + ":root", "");  // the last rung: voicemail
        }
        owed.push_back(Owed(records, key, deadline, n));
    }
    // Each promise owes its due-soon and due reminders, in the case's thread. A due-soon firing
    // that comes only once the promise is due (its replica died holding it, and the lease
    // outlasted the gap) posts the due reminder instead (commands/escalation/reminders.cpp):
    // then that one firing, recorded as due, stands for both.
    for (const auto& row : schema.Rows(
             "SELECT id, follow_up_due FROM escalation_cases WHERE follow_up_due IS NOT NULL", 2)) {
        const std::string root = "case:" + row[0] + ":root";
        const long long due = std::stoll(row[1]);
        const long long due_soon = due - (timers.due_s - timers.due_soon_s);
        Firing soon = Owed(records, "case:" + row[0] + ":follow_up@due_soon", due_soon,
                           CountPosts(posts, root, "", "case_due_soon"));
        const Firing at_due = Owed(records, "case:" + row[0] + ":follow_up@due", due,
                                   CountPosts(posts, root, "", "case_overdue"));
        if (soon.recorded == 0 && soon.posts == 0 && at_due.recorded == 1 && at_due.fired_at >= due) {
            soon.recorded = 1;
            soon.posts = 1;
            soon.fired_at = at_due.fired_at;
        }
        if (due_soon <= owed_by) owed.push_back(soon);
        if (due <= owed_by) owed.push_back(at_due);
    }
    // Each installer complaint owes chase 1 and the owner's reminder, in its thread.
    for (const auto& row : schema.Rows(
             "SELECT id, created_at FROM installer_complaints WHERE status = 'open'", 2)) {
        const std::string entity = "installer:" + row[0];
        const long long created = std::stoll(row[1]);
        if (created + timers.chase_every_s <= owed_by) {
            owed.push_back(Owed(records, entity + ":chase@1", created + timers.chase_every_s,
                                CountPosts(posts, entity + ":root", "", "chase 1/2 is due")));
        }
        if (created + timers.owner_reminder_s <= owed_by) {
            owed.push_back(Owed(records, entity + ":owner_reminder",
                                created + timers.owner_reminder_s,
                                CountPosts(posts, entity + ":root", "",
                                           "one week since this case opened")));
        }
    }
    return owed;
}

LedgerSummary Summarize(const std::vector<Firing>& firings) {
    LedgerSummary s;
    const auto problem = [&s](const Firing& f, const std::string& what) {
        if (s.problems.size() < 30) {
            s.problems.push_back(f.key + " " + what + " (recorded " + std::to_string(f.recorded) +
                                 ", posted " + std::to_string(f.posts) + ")");
        }
    };
    for (const Firing& f : firings) {
        ++s.owed;
        ++s.owed_by_kind[FiringKind(f.key)];
        if (f.recorded == 1 && f.posts == 1) {
            ++s.once;
        } else if (f.recorded == 0) {
            ++s.never;
            problem(f, "never fired");
        } else if (f.recorded > 1 || f.posts > 1) {
            ++s.twice;
            problem(f, "fired more than once");
        } else {
            ++s.post_missing;
            problem(f, "fired without its post");
        }
    }
    return s;
}

std::vector<PendingTimer> PendingTimers(const Schema& schema, int victim_pid) {
    std::vector<PendingTimer> pending;
    const std::string live = "CASE WHEN" + ClaimedBy(victim_pid) +
                             " AND claimed_until > CAST(EXTRACT(EPOCH FROM now()) AS BIGINT)"
                             " THEN 1 ELSE 0 END";
    for (const auto& row : schema.Rows(
             "SELECT kind, key, payload, due_at, " + live + " FROM timers WHERE kind IN"
             " ('ladder.step', 'case.follow_up', 'installer.chase', 'installer.owner_reminder')",
             5)) {
        const json payload = json::parse(row[2]);
        std::string firing = row[1];
        if (row[0] == "ladder.step") firing += "@" + std::to_string(payload.value("step", 0));
        if (row[0] == "case.follow_up") firing += "@" + payload.value("stage", std::string());
        if (row[0] == "installer.chase") firing += "@" + std::to_string(payload.value("attempt", 0));
        pending.push_back({firing, std::stoll(row[3]), row[4] == "1"});
    }
    return pending;
}

double LongestTakeover(const std::vector<PendingTimer>& pending,
                       const std::vector<Firing>& firings, long long killed_at) {
    std::map<std::string, const Firing*> by_key;
    for (const Firing& f : firings) by_key[f.key] = &f;
    double longest = 0;
    for (const PendingTimer& p : pending) {
        const auto it = by_key.find(p.firing);
        if (it == by_key.end()) continue;  // not owed yet (due after the end), or "overdue" stage
        if (it->second->recorded == 0) return -1;
        const long long fireable = std::max(p.due_at, killed_at);
        longest = std::max(longest, static_cast<double>(it->second->fired_at - fireable));
    }
    return longest;
}

}  // namespace escbot::replicas
