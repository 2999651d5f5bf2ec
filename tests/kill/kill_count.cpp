#include "tests/kill/kill_count.hpp"

#include <map>
#include <set>

#include "bot/slack/outbox_lookup.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace escbot::kill {
namespace {

using storage::OutboxItem;
using storage::UnitOfWork;

// Every outbox row, by id (ids only grow; the bot prunes nothing younger than a week).
std::vector<OutboxItem> AllItems(storage::Store& store) {
    std::vector<OutboxItem> items;
    store.ReadTx([&](UnitOfWork& u) {
        int misses = 0;
        for (long long id = 1; misses < 1000; ++id) {
            if (auto item = u.Outbox().Get(id)) {
                items.push_back(std::move(*item));
                misses = 0;
            } else {
                ++misses;
            }
        }
    });
    return items;
}

void Problem(Tally& tally, std::string line) {
    if (tally.problems.size() < 40) tally.problems.push_back(std::move(line));
}

}  // namespace

Tally Count(const std::string& db_path, const test::FakeSlackServer& slack, const Acked& acked) {
    auto store = storage::sqlite::OpenSqliteStore(db_path);
    return Count(*store, slack, acked);
}

Tally Count(storage::Store& store_ref, const test::FakeSlackServer& slack, const Acked& acked) {
    Tally tally;
    storage::Store* const store = &store_ref;

    std::map<long long, int> copies;  // outbox item -> messages in Slack naming it
    for (const std::string& channel : slack.Channels()) {
        for (const auto& message : slack.Messages(channel)) {
            const long long id = slack::OutboxItemOf(message);
            if (id == 0) {
                ++tally.untracked;
                Problem(tally, "untracked message in " + channel + " ts=" + message.value("ts", ""));
            } else {
                ++copies[id];
            }
        }
    }

    std::set<long long> post_ids;
    for (const OutboxItem& item : AllItems(*store)) {
        if (item.method != "chat.postMessage") {
            ++tally.other_items;
            if (item.status != OutboxItem::Status::kSent) {
                ++tally.other_unsent;
                Problem(tally, "item " + std::to_string(item.id) + " " + item.method +
                                   " not sent: " + item.last_error);
            }
            continue;
        }
        ++tally.posts;
        post_ids.insert(item.id);
        const int n = copies.contains(item.id) ? copies[item.id] : 0;
        if (item.status == OutboxItem::Status::kPending) ++tally.posts_pending;
        if (item.status == OutboxItem::Status::kFailed) ++tally.posts_failed;
        if (n == 0 || item.status != OutboxItem::Status::kSent) {
            ++tally.lost;
            Problem(tally, "post " + std::to_string(item.id) + " lost (" + item.last_error + ")");
        }
        if (n > 1) {
            tally.duplicates += n - 1;
            Problem(tally, "post " + std::to_string(item.id) + " in Slack " + std::to_string(n) +
                               " times");
        }
    }
    for (const auto& [id, n] : copies) {
        if (!post_ids.contains(id)) {
            tally.untracked += n;
            Problem(tally, "message names item " + std::to_string(id) + ", which is no post");
        }
    }

    store->ReadTx([&](UnitOfWork& u) {
        auto& cases = u.Escalation().Cases();
        for (const long long id : acked.cases) {
            ++tally.acked;
            if (!cases.Get(id)) {
                ++tally.missing_effects;
                Problem(tally, "acked escalation ESC-" + std::to_string(id) + " has no case");
            }
        }
        for (const long long id : acked.claims) {
            ++tally.acked;
            const auto c = cases.Get(id);
            if (!c || c->owner != kLead) {
                ++tally.missing_effects;
                Problem(tally, "acked claim of ESC-" + std::to_string(id) + " not recorded");
            }
        }
        for (const long long id : acked.ladder_answers) {
            ++tally.acked;
            const auto ladder = u.Escalation().Ladders().Get(id);
            if (!ladder || (ladder->answered_by != kTier2 && ladder->owner != kTier2 &&
                            ladder->history.dump().find(kTier2) == std::string::npos)) {
                ++tally.missing_effects;
                Problem(tally, "acked ladder answer of ESC-" + std::to_string(id) + " not recorded");
            }
        }
        std::map<std::string, storage::ConcertRequest> requests;
        int misses = 0;
        for (long long id = 1; misses < 200; ++id) {
            if (auto request = u.Concert().Get(id)) {
                requests[request->homeowner] = *request;
                misses = 0;
            } else {
                ++misses;
            }
        }
        for (const std::string& homeowner : acked.concert_homeowners) {
            ++tally.acked;
            if (!requests.contains(homeowner)) {
                ++tally.missing_effects;
                Problem(tally, "acked Concert request for " + homeowner + " not recorded");
            }
        }
        for (const long long id : acked.concert_confirms) {
            ++tally.acked;
            const auto request = u.Concert().Get(id);
            if (!request || request->status != storage::ConcertRequest::Status::kConfirmed) {
                ++tally.missing_effects;
                Problem(tally, "acked confirm of Concert request " + std::to_string(id) +
                                   " not recorded");
            }
        }
    });
    return tally;
}

}  // namespace escbot::kill
