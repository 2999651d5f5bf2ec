#include "bot/socket_mode/ws_url.hpp"

#include <gtest/gtest.h>

namespace escbot::socket_mode {
namespace {

TEST(ParseWsUrl, SlacksWssUrlUsesTlsOnPort443WithPathAndTicket) {
    const auto url = ParseWsUrl("wss://wss-primary.slack.com/link/?ticket=abc&app_id=A1");

    ASSERT_TRUE(url.has_value());
    EXPECT_TRUE(url->tls);
    EXPECT_EQ(url->host, "wss-primary.slack.com");
    EXPECT_EQ(url->port, "443");
    EXPECT_EQ(url->target, "/link/?ticket=abc&app_id=A1");
    EXPECT_EQ(url->HostHeader(), "wss-primary.slack.com");
}

TEST(ParseWsUrl, PlainWsWithAPortKeepsThePortInTheHostHeader) {
    const auto url = ParseWsUrl("ws://127.0.0.1:8123/link?ticket=1");

    ASSERT_TRUE(url.has_value());
    EXPECT_FALSE(url->tls);
    EXPECT_EQ(url->port, "8123");
    EXPECT_EQ(url->HostHeader(), "127.0.0.1:8123");
}

TEST(ParseWsUrl, BracketedIpv6HostLosesItsBrackets) {
    const auto url = ParseWsUrl("ws://[::1]:9000");

    ASSERT_TRUE(url.has_value());
    EXPECT_EQ(url->host, "::1");
    EXPECT_EQ(url->target, "/");
    EXPECT_EQ(url->HostHeader(), "[::1]:9000");
}

TEST(ParseWsUrl, RejectsOtherSchemesEmptyHostsAndBadPorts) {
    EXPECT_FALSE(ParseWsUrl("https://slack.com/").has_value());
    EXPECT_FALSE(ParseWsUrl("wss:///path").has_value());
    EXPECT_FALSE(ParseWsUrl("wss://host:12ab/").has_value());
    EXPECT_FALSE(ParseWsUrl("wss://user@host/").has_value());
}

}  // namespace
}  // namespace escbot::socket_mode
