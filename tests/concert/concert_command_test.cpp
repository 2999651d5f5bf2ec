#include "commands/concert/concert_command.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/settings_loader.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/support/paths.hpp"

namespace escbot::commands::concert {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

/// A Slack client that records calls, answers them at once, and can claim to be saturated.
class RecordingSlack final : public slack::SlackApi {
public:
    struct Recorded {
        std::string method;
        nlohmann::json args;
        slack::CallOptions options;
    };

    void Call(std::string method, nlohmann::json args, slack::CallOptions options,
              slack::ApiCallback done) override {
        calls.push_back({method, args, options});
        slack::ApiResult ok;
        ok.kind = slack::ApiResult::Kind::kOk;
        done(ok);
    }
    bool Saturated() const override { return saturated; }

    std::vector<Recorded> calls;
    bool saturated = false;
};

/// The /concert routes over a real SQLite store, the example configuration and a recording
/// Slack client (no HTTP: the router is called directly).
class ConcertCommandTest : public ::testing::Test {
protected:
    ConcertCommandTest() {
        auto loaded =
            config::LoadSettings(test::SourceDir() / "config" / "escalation-bot.example.toml", {});
        if (!loaded.ok()) throw std::runtime_error("example config does not load");
        settings_ = std::make_shared<const config::Settings>(std::move(loaded).value());
        store_->SetOnOutboxCommit([this] { ++outbox_notified_; });
        RegisterConcert(router_, deps_);
    }

    routing::Ack Slash(const std::string& text, std::chrono::steady_clock::time_point received) {
        const nlohmann::json body = {{"command", "/concert"},   {"text", text},
                                     {"user_id", "U0AGENT001"}, {"channel_id", "C0SUPPORT01"},
                                     {"trigger_id", "1.2.abc"}};
        return router_.Dispatch(std::get<routing::Inbound>(
            routing::ReadInbound(routing::InboundKind::kSlashCommand, body, 0, received)));
    }

    ManualClock clock_{FromUnix(1795446000)};  // Monday 2026-11-23 10:00 ET
    test::TempDir dir_;
    std::unique_ptr<storage::Store> store_ =
        storage::sqlite::OpenSqliteStore((dir_ / "bot.sqlite3").string());
    RecordingSlack slack_;
    scheduling::Scheduler scheduler_{*store_, clock_};
    metrics::Registry metrics_;
    config::sop::SopCatalog sops_;
    std::shared_ptr<const config::Settings> settings_;
    int outbox_notified_ = 0;
    CommandDeps deps_{clock_, *store_, slack_, scheduler_, metrics_, [this] { return settings_; },
                      sops_};
    routing::Router router_;
};

TEST_F(ConcertCommandTest, EmptyTextOpensTheFormWithTheTriggerWithinItsDeadline) {
    const auto received = std::chrono::steady_clock::now();

    const auto ack = Slash("", received);

    EXPECT_TRUE(ack.IsEmpty());
    ASSERT_EQ(slack_.calls.size(), 1u);
    EXPECT_EQ(slack_.calls[0].method, "views.open");
    EXPECT_EQ(slack_.calls[0].args["trigger_id"], "1.2.abc");
    EXPECT_EQ(slack_.calls[0].args["view"]["callback_id"], "concert_request");
    EXPECT_EQ(slack_.calls[0].options.deadline, received + 2500ms);
    EXPECT_EQ(slack_.calls[0].options.max_attempts, settings_->slack.max_attempts);
}

TEST_F(ConcertCommandTest, ASaturatedSlackClientGetsBusyTryAgainAndNoForm) {
    slack_.saturated = true;

    const auto ack = Slash("", std::chrono::steady_clock::now());

    EXPECT_THAT(ack.payload().dump(), HasSubstr("Slack is busy right now"));
    EXPECT_TRUE(slack_.calls.empty());
}

TEST_F(ConcertCommandTest, AValidRequestNeverCallsSlackInlineAndWakesTheOutbox) {
    const auto ack = Slash("Jane Doe, 12 Main St", std::chrono::steady_clock::now());

    EXPECT_EQ(ack.payload()["response_type"], "ephemeral");
    EXPECT_TRUE(slack_.calls.empty());  // the post goes through the outbox
    EXPECT_EQ(outbox_notified_, 1);
}

}  // namespace
}  // namespace escbot::commands::concert
