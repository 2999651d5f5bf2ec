// /oncall through a real Router: the ephemeral reply an agent sees.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bot/routing/router.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/oncall/oncall_command.hpp"
#include "tests/oncall/oncall_fixture.hpp"

namespace escbot::commands::oncall {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

routing::Inbound Slash(std::string text) {
    return std::get<routing::Inbound>(routing::ReadInbound(
        routing::InboundKind::kSlashCommand,
        {{"command", "/oncall"}, {"text", std::move(text)}, {"user_id", "U0AGENT1"},
         {"channel_id", "C0SUPPORTCS"}, {"trigger_id", "1.2.abc"}}));
}

class OncallCommand : public ::testing::Test {
protected:
    OncallCommand() {
        RegisterOncallCommand(router_, [settings = settings_] { return settings; }, clock_);
    }

    /// The reply's text (section text for block messages) at `now`.
    std::string ReplyAt(std::string_view now, std::string text = "") {
        clock_.Set(test::At(now));
        last_ = router_.Dispatch(Slash(std::move(text)));
        return last_.payload().at("text").get<std::string>();
    }

    std::string Context() const {
        return last_.payload().at("blocks").at(1).at("elements").at(0).at("text");
    }

    const std::shared_ptr<const config::Settings> settings_ = test::ExampleSettings();
    ManualClock clock_{test::At("2026-11-23T10:00:00-05:00")};
    routing::Router router_;
    routing::Ack last_ = routing::Ack::Empty();
};

TEST_F(OncallCommand, IsRegisteredAsSlashOncall) {
    EXPECT_THAT(router_.CommandNames(), ::testing::Contains("/oncall"));
}

TEST_F(OncallCommand, RepliesEphemerallyWithWhoIsOnUntilWhenAndWhoIsNext) {
    const std::string text = ReplyAt("2026-11-23T17:00:00-05:00");

    EXPECT_EQ(last_.kind(), routing::Ack::Kind::kMessage);
    EXPECT_EQ(last_.payload().at("response_type"), "ephemeral");
    EXPECT_EQ(text,
              "*On call: concert_confirmation*\n"
              "Now: <@U0CONCERT1>, <@U0CONCERT2>, <@U0CONCERT3>, <@U0CONCERT4>, <@U0CONCERT5> "
              "until 6:00 PM EST\n"
              "Next: <@U0CONCERT1>, <@U0CONCERT2> from 6:00 PM EST");
}

TEST_F(OncallCommand, ContextCarriesASlackDateTokenForTheReadersZone) {
    ReplyAt("2026-11-23T17:00:00-05:00");

    // 2026-11-23T18:00:00-05:00 is 1795474800.
    EXPECT_THAT(Context(), HasSubstr("<!date^1795474800^{date_short_pretty} at {time}|"
                                     "Mon Nov 23, 6:00 PM EST>"));
    EXPECT_THAT(Context(), HasSubstr("America/New_York"));
}

TEST_F(OncallCommand, AtNightSaysNobodyIsOnAndWhenTheNextWindowOpens) {
    const std::string text = ReplyAt("2026-11-23T22:00:00-05:00");

    EXPECT_EQ(text,
              "*On call: concert_confirmation*\n"
              "Nobody is on duty now.\n"
              "Next on duty: <@U0CONCERT1>, <@U0CONCERT2>, <@U0CONCERT3>, <@U0CONCERT4>, "
              "<@U0CONCERT5> from Tue Nov 24, 9:00 AM EST");
}

TEST_F(OncallCommand, InTheLastWindowOfTheDaySaysWhenItEndsAndWhoComesNext) {
    const std::string text = ReplyAt("2026-11-27T20:00:00-05:00", "concert_confirmation");

    EXPECT_EQ(text,
              "*On call: concert_confirmation*\n"
              "Now: <@U0CONCERT1>, <@U0CONCERT2> until 9:00 PM EST\n"
              "Then nobody, from 9:00 PM EST.\n"
              "Next on duty: <@U0CONCERT1>, <@U0CONCERT2> from Sat Nov 28, 9:00 AM EST");
}

TEST_F(OncallCommand, NamedRotationMentionsItsUserGroup) {
    const std::string text = ReplyAt("2026-11-23T10:00:00-05:00", "  resolution_leads ");

    EXPECT_THAT(text, HasSubstr("*On call: resolution_leads*"));
    EXPECT_THAT(text, HasSubstr("<@U0LEAD00001>, <@U0LEAD00002>, <!subteam^S0LEADS0001>"));
}

TEST_F(OncallCommand, UnknownRotationListsTheRotationNames) {
    const std::string text = ReplyAt("2026-11-23T10:00:00-05:00", "concert");

    EXPECT_EQ(last_.payload().at("response_type"), "ephemeral");
    EXPECT_EQ(text, "There is no rotation called `concert`. Rotations: `concert_confirmation`, "
                    "`resolution_leads`, `supervisors`, `tier2`.\n"
                    "Try `/oncall concert_confirmation`.");
}

TEST_F(OncallCommand, TypedTextIsEscapedWhenShownBack) {
    const std::string text = ReplyAt("2026-11-23T10:00:00-05:00", "<!channel>");

    EXPECT_THAT(text, HasSubstr("`&lt;!channel&gt;`"));
    EXPECT_THAT(text, Not(HasSubstr("<!channel>")));
}

TEST_F(OncallCommand, ALongTypedNameIsCutBetweenCharacters) {
    std::string typed = "a";
    for (int i = 0; i < 30; ++i) typed += "\u00e9";  // 61 bytes: byte 40 falls inside an é

    const std::string text = ReplyAt("2026-11-23T10:00:00-05:00", typed);

    EXPECT_EQ(block_kit::SanitizeUtf8(text), text);  // valid UTF-8
    EXPECT_THAT(text, HasSubstr("`a" + typed.substr(1, 2 * 39) + "`"));  // 40 characters
}

}  // namespace
}  // namespace escbot::commands::oncall
