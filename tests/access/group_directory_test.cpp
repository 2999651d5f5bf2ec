// GroupDirectory over real HTTP against the fake Slack's usergroups.users.list, with the TTL on
// a ManualClock.

#include "commands/access/group_directory.hpp"

#include <gtest/gtest.h>

#include "bot/metrics/metrics.hpp"
#include "bot/slack/curl_slack_api.hpp"
#include "tests/support/fake_slack/fake_slack_server.hpp"

namespace escbot::commands::access {
namespace {

using namespace std::chrono_literals;

constexpr std::chrono::milliseconds kWait{3000};

class GroupDirectoryTest : public ::testing::Test {
protected:
    GroupDirectoryTest() {
        slack_.SetUsergroupMembers("S0LEADS0001", {"U0LEAD00009", "W0LEAD00010"});
    }
    slack::CurlSlackApi& Api() {
        if (!api_) {
            slack::CurlSlackApiOptions options;
            options.base_url = slack_.BaseUrl();
            options.bot_token = slack_.options().bot_token;
            options.connect_timeout = 1s;
            options.total_timeout = 3s;
            options.stop_timeout = 200ms;
            api_ = std::make_unique<slack::CurlSlackApi>(options, registry_);
        }
        return *api_;
    }

    test::FakeSlackServer slack_;
    metrics::Registry registry_;
    ManualClock clock_{FromUnix(1'795'446'000)};
    std::unique_ptr<slack::CurlSlackApi> api_;
};

TEST_F(GroupDirectoryTest, AMemberOfTheGroupIsFoundThroughSlack) {
    GroupDirectory groups(Api(), clock_);

    EXPECT_TRUE(groups.IsMember("S0LEADS0001", "U0LEAD00009", kWait));
    EXPECT_TRUE(groups.IsMember("S0LEADS0001", "W0LEAD00010", kWait));
    EXPECT_FALSE(groups.IsMember("S0LEADS0001", "U0AGENT777", kWait));

    const auto calls = slack_.Calls("usergroups.users.list");
    ASSERT_EQ(calls.size(), 1u);  // the answer is cached
    EXPECT_EQ(calls[0].args["usergroup"], "S0LEADS0001");
}

TEST_F(GroupDirectoryTest, TheCacheLastsItsTtlOnTheClockThenSlackIsAskedAgain) {
    GroupDirectory groups(Api(), clock_, Seconds(60));
    ASSERT_TRUE(groups.IsMember("S0LEADS0001", "U0LEAD00009", kWait));
    slack_.SetUsergroupMembers("S0LEADS0001", {"U0NEWLEAD01"});

    clock_.Advance(Seconds(59));
    EXPECT_FALSE(groups.IsMember("S0LEADS0001", "U0NEWLEAD01", kWait));
    EXPECT_EQ(groups.Fetches(), 1);

    clock_.Advance(Seconds(1));
    EXPECT_TRUE(groups.IsMember("S0LEADS0001", "U0NEWLEAD01", kWait));
    EXPECT_FALSE(groups.IsMember("S0LEADS0001", "U0LEAD00009", kWait));
    EXPECT_EQ(groups.Fetches(), 2);
}

TEST_F(GroupDirectoryTest, AnUnknownGroupHasNoMembersAndIsAskedAgainAfterTheFailureDelay) {
    GroupDirectory groups(Api(), clock_, Seconds(60), Seconds(10));

    EXPECT_FALSE(groups.IsMember("S0NOSUCH001", "U0LEAD00009", kWait));
    ASSERT_TRUE(slack_.WaitForAnswers("usergroups.users.list", 1));
    EXPECT_EQ(slack_.Calls("usergroups.users.list")[0].response["error"], "no_such_subteam");

    clock_.Advance(Seconds(9));
    groups.IsMember("S0NOSUCH001", "U0LEAD00009", kWait);
    EXPECT_EQ(groups.Fetches(), 1);
    clock_.Advance(Seconds(1));
    groups.IsMember("S0NOSUCH001", "U0LEAD00009", kWait);
    EXPECT_EQ(groups.Fetches(), 2);
}

TEST_F(GroupDirectoryTest, WithoutTheScopeNobodyCountsAndSlackSaysWhichScopeIsNeeded) {
    slack_.SetScopes({"chat:write", "commands"});
    GroupDirectory groups(Api(), clock_);

    EXPECT_FALSE(groups.IsMember("S0LEADS0001", "U0LEAD00009", kWait));

    ASSERT_TRUE(slack_.WaitForAnswers("usergroups.users.list", 1));
    const auto answer = slack_.Calls("usergroups.users.list")[0].response;
    EXPECT_EQ(answer["ok"], false);
    EXPECT_EQ(answer["error"], "missing_scope");
    EXPECT_EQ(answer["needed"], "usergroups:read");
    EXPECT_EQ(answer["provided"], "chat:write,commands");
}

TEST_F(GroupDirectoryTest, AFailedRefreshKeepsTheLastGoodList) {
    GroupDirectory groups(Api(), clock_, Seconds(60));
    ASSERT_TRUE(groups.IsMember("S0LEADS0001", "U0LEAD00009", kWait));
    slack_.SetScopes({"chat:write"});  // the app was reinstalled without usergroups:read

    clock_.Advance(Seconds(60));
    EXPECT_TRUE(groups.IsMember("S0LEADS0001", "U0LEAD00009", kWait));
    EXPECT_EQ(groups.Fetches(), 2);
}

TEST_F(GroupDirectoryTest, ASlowSlackIsWaitedForOnlyAsLongAsAllowed) {
    slack_.DelayNext("usergroups.users.list", 1, 2000ms);
    GroupDirectory groups(Api(), clock_);

    const auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(groups.IsMember("S0LEADS0001", "U0LEAD00009", 200ms));
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);

    // The answer lands later and fills the cache for the next click.
    ASSERT_TRUE(slack_.WaitForAnswers("usergroups.users.list", 1));
    EXPECT_TRUE(groups.IsMember("S0LEADS0001", "U0LEAD00009", kWait));
    EXPECT_EQ(groups.Fetches(), 1);
}

TEST_F(GroupDirectoryTest, PrefetchFillsTheCacheWithoutWaiting) {
    GroupDirectory groups(Api(), clock_);

    groups.Prefetch({"S0LEADS0001"});
    ASSERT_TRUE(slack_.WaitForAnswers("usergroups.users.list", 1));

    EXPECT_TRUE(groups.IsMember("S0LEADS0001", "U0LEAD00009", kWait));
    EXPECT_EQ(groups.Fetches(), 1);
}

}  // namespace
}  // namespace escbot::commands::access
