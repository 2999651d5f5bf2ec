// Back-pressure: /escalate never accepts a form it cannot open within the trigger's 3 seconds.
// The Slack API here is a stand-in that reports a saturated queue and must never be called.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bot/routing/router.hpp"
#include "bot/scheduling/scheduler.hpp"
#include "commands/escalation/escalation_command.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "tests/sop/shipped_sop.hpp"
#include "tests/support/paths.hpp"

namespace escbot::commands::escalation {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

class SaturatedSlack final : public slack::SlackApi {
public:
    void Call(std::string method, nlohmann::json, slack::CallOptions,
              slack::ApiCallback done) override {
        calls.push_back(method);
        slack::ApiResult result;
        result.error = "not_expected";
        done(result);
    }
    bool Saturated() const override { return true; }

    std::vector<std::string> calls;
};

TEST(EscalateBackPressure, SaturatedSlackGetsAPoliteBusyReplyAndNoModal) {
    test::TempDir dir;
    auto store = storage::sqlite::OpenSqliteStore((dir / "bot.sqlite3").string());
    ManualClock clock(FromUnix(1'795'446'000));
    SaturatedSlack slack;
    scheduling::Scheduler scheduler(*store, clock);
    metrics::Registry metrics;
    config::sop::SopCatalog sops;
    sops.Add(std::make_shared<config::sop::Sop>(test::ShippedSop()));
    auto settings = std::make_shared<const config::Settings>();
    CommandDeps deps{clock, *store, slack, scheduler, metrics, [settings] { return settings; }, sops};
    routing::Router router;
    RegisterEscalation(router, deps);
    auto read = routing::ReadInbound(routing::InboundKind::kSlashCommand,
                                     {{"command", "/escalate"},
                                      {"text", ""},
                                      {"user_id", "U0AGENT001"},
                                      {"channel_id", "C0SUPPORT01"},
                                      {"trigger_id", "1.2.3"}});
    ASSERT_TRUE(std::holds_alternative<routing::Inbound>(read));
    const routing::Inbound& in = std::get<routing::Inbound>(read);

    const routing::Ack ack = router.Dispatch(in);

    EXPECT_EQ(ack.kind(), routing::Ack::Kind::kMessage);
    EXPECT_THAT(ack.payload().value("text", ""), HasSubstr("busy"));
    EXPECT_EQ(ack.payload().value("response_type", ""), "ephemeral");
    EXPECT_THAT(slack.calls, IsEmpty());
    const auto draft = store->Read(
        [](storage::UnitOfWork& u) { return u.Drafts().FindOpen("U0AGENT001", "escalation"); });
    EXPECT_FALSE(draft.has_value());
    EXPECT_THAT(metrics.RenderText(), HasSubstr("escbot_escalation_busy_total 1"));
}

}  // namespace
}  // namespace escbot::commands::escalation
