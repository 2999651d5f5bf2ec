#include "tests/bench/load_client.hpp"

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange
#include <algorithm>
#include <cstdio>
#include <random>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include "tests/support/http_client/slack_requests.hpp"

namespace escbot::bench {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bh = boost::beast::http;
using tcp = net::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

// The shared harness's command text: an incident summary, no personal data.
constexpr std::string_view kText = "db-primary p99 latency above 2s since 14:05 UTC";

std::string UnixSeconds() {
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count());
}

std::string Padded(const char* format, int value) {
    char text[32];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

}  // namespace

LoadGenerator::LoadGenerator(LoadOptions options, Ledger& ledger)
    : options_(std::move(options)), ledger_(ledger) {
    std::random_device seed;
    char tag[16];
    std::snprintf(tag, sizeof tag, "b%04x", static_cast<unsigned>(seed() & 0xffff));
    tag_ = tag;
}

LoadResult LoadGenerator::Run(int connections, std::chrono::milliseconds duration) {
    LoadResult result;
    result.first_seq = ledger_.End();
    net::io_context io(1);
    const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), options_.port);
    const auto started = SteadyClock::now();
    const auto stop_at = started + duration;

    // With a rate, connection i sends at started + (i + k * connections) / rate, k = 0, 1, ...
    const auto interval = std::chrono::duration_cast<SteadyClock::duration>(
        std::chrono::duration<double>(options_.rate > 0 ? connections / options_.rate : 0));
    const auto stagger = interval / std::max(connections, 1);
    int next_index = 0;

    // One connection's loop: build, sign, send, read, classify.
    auto session = [&]() -> net::awaitable<void> {
        auto next_send = started + stagger * next_index++;
        net::steady_timer pace(io);
        beast::tcp_stream stream(io);
        beast::error_code ec;
        stream.expires_after(options_.io_timeout);
        co_await stream.async_connect(endpoint, net::redirect_error(net::use_awaitable, ec));
        if (ec) {
            ++result.errors;
            co_return;
        }
        stream.socket().set_option(tcp::no_delay(true), ec);
        beast::flat_buffer buffer;
        test::SlashCommandFields fields;
        fields.team_id = "T0BENCH01";
        fields.team_domain = "benchcorp";
        fields.channel_id = "C0INCIDENT";
        fields.channel_name = "incidents";
        fields.api_app_id = "A0BENCHAPP";
        fields.token = "bench0verification0token";
        std::string wire;
        while (SteadyClock::now() < stop_at) {
            if (options_.rate > 0) {
                if (next_send >= stop_at) break;
                pace.expires_at(next_send);
                co_await pace.async_wait(net::redirect_error(net::use_awaitable, ec));
                next_send += interval;
            }
            const std::uint64_t seq = ledger_.Next();
            const int user = static_cast<int>(seq % std::uint64_t(options_.users)) + 1;
            fields.user_id = Padded("U%07d", user);
            fields.user_name = Padded("user%02d", user);
            const std::int64_t sent_us = MonotonicMicros();
            const std::string seq_text = std::to_string(seq);
            fields.trigger_id = seq_text + "." + std::to_string(sent_us) + "." + tag_;
            fields.response_url =
                "https://hooks.slack.com/commands/T0BENCH01/" + seq_text + "/" + tag_;
            const test::SignedRequest signed_request = test::SlashCommandRequest(
                options_.signing_secret, UnixSeconds(), "/escalate", kText, fields);

            wire.assign("POST ").append(options_.path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            wire.append("User-Agent: Slackbot 1.0 (+https://api.slack.com/robots)\r\n");
            wire.append("Content-Type: ").append(signed_request.content_type).append("\r\n");
            wire.append("X-Slack-Request-Timestamp: ").append(signed_request.timestamp);
            wire.append("\r\nX-Slack-Signature: ").append(signed_request.signature);
            wire.append("\r\nContent-Length: ").append(std::to_string(signed_request.body.size()));
            wire.append("\r\n\r\n").append(signed_request.body);

            stream.expires_after(options_.io_timeout);
            co_await net::async_write(stream, net::buffer(wire),
                                      net::redirect_error(net::use_awaitable, ec));
            bh::response<bh::string_body> response;
            if (!ec) {
                co_await bh::async_read(stream, buffer, response,
                                        net::redirect_error(net::use_awaitable, ec));
            }
            if (ec) {
                ++result.errors;
                co_return;
            }
            const std::int64_t ack_us = MonotonicMicros() - sent_us;
            result.ack_us.push_back(static_cast<std::uint32_t>(ack_us));
            ++result.answered;
            if (response.result() != bh::status::ok) {
                ++result.errors;
            } else if (response.body().empty()) {
                ++result.accepted;
                ledger_.Mark(seq, Ledger::kAccepted);
            } else {
                ++result.refused;
                ledger_.Mark(seq, Ledger::kRefused);
            }
            if (!response.keep_alive()) co_return;
        }
        stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    };

    for (int i = 0; i < connections; ++i) net::co_spawn(io, session, net::detached);
    io.run();
    result.seconds = std::chrono::duration<double>(SteadyClock::now() - started).count();
    result.end_seq = ledger_.End();
    return result;
}

}  // namespace escbot::bench
