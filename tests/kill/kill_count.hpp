#pragma once

#include <string>
#include <vector>

#include "storage/store.hpp"
#include "tests/kill/kill_flows.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"

namespace escbot::kill {

/// The kill test's verdict, from the last life's database and what the fake Slack holds.
struct Tally {
    int posts = 0;            // chat.postMessage outbox items (each must be in Slack once)
    int posts_looked_up = 0;  // of them, found by a lookup rather than an answer
    int posts_pending = 0;    // still unsent after the drain (counted as lost too)
    int posts_failed = 0;     // failed for good (counted as lost too)
    int lost = 0;             // posts not in Slack
    int duplicates = 0;       // extra copies of posts in Slack
    int untracked = 0;        // bot messages in Slack that name no outbox item
    int other_items = 0;      // updates, ephemeral notes, views: each must end sent
    int other_unsent = 0;
    int acked = 0;            // acknowledged actions checked
    int missing_effects = 0;  // of them, without their effect in the database
    std::vector<std::string> problems;  // one line each, for the report

    bool Clean() const {
        return lost == 0 && duplicates == 0 && untracked == 0 && other_unsent == 0 &&
               missing_effects == 0;
    }
};

/// Reads the database at `db_path` (the bot must be stopped) and the fake's messages.
Tally Count(const std::string& db_path, const test::FakeSlackServer& slack, const Acked& acked);
/// The same over any store (the replica test's PostgreSQL database).
Tally Count(storage::Store& store, const test::FakeSlackServer& slack, const Acked& acked);

}  // namespace escbot::kill
