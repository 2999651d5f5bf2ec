#include "tests/bench/bench_web_api.hpp"

#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange
#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string_view>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <nlohmann/json.hpp>

namespace escbot::bench {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bh = boost::beast::http;
using tcp = net::ip::tcp;

// Slack gives a trigger_id 3 seconds; a views.open arriving later would fail with
// expired_trigger_id.
constexpr std::int64_t kTriggerWindowUs = 3'000'000;

std::string_view FromBeast(beast::string_view text) { return {text.data(), text.size()}; }

// The raw text of a string member `"key":"value"` (no escapes: trigger ids have none).
std::string_view StringMember(std::string_view json, std::string_view key) {
    std::string pattern = "\"" + std::string(key) + "\":\"";
    const auto at = json.find(pattern);
    if (at == std::string_view::npos) return {};
    const auto begin = at + pattern.size();
    const auto end = json.find('"', begin);
    return end == std::string_view::npos ? std::string_view() : json.substr(begin, end - begin);
}

// The members of the first object-valued member `"key":{...}`, without the braces; nullopt if
// there is none or it is unbalanced. The bot's bodies are compact, with sorted keys, so the first
// match is the top-level member (a quote inside a JSON string is always escaped).
std::optional<std::string_view> ObjectMembers(std::string_view json, std::string_view key) {
    const std::string pattern = "\"" + std::string(key) + "\":{";
    const auto at = json.find(pattern);
    if (at == std::string_view::npos) return std::nullopt;
    const std::size_t open = at + pattern.size() - 1;
    int depth = 0;
    for (std::size_t i = open; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '"') {
            for (++i; i < json.size() && json[i] != '"'; ++i) {
                if (json[i] == '\\') ++i;
            }
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return json.substr(open + 1, i - open - 1);
        }
    }
    return std::nullopt;
}

// The load generator's trigger_id: "<seq>.<sent_us>.<tag>".
bool ParseTrigger(std::string_view trigger, std::uint64_t& seq, std::int64_t& sent_us) {
    const char* const end = trigger.data() + trigger.size();
    auto [p, ec] = std::from_chars(trigger.data(), end, seq);
    if (ec != std::errc() || p == end || *p != '.') return false;
    auto [q, ec2] = std::from_chars(p + 1, end, sent_us);
    return ec2 == std::errc() && q != end && *q == '.';
}

std::size_t TextLength(const nlohmann::json& text) {
    if (!text.is_object()) return 0;
    const auto it = text.find("text");
    return it != text.end() && it->is_string() ? it->get_ref<const std::string&>().size() : 0;
}

// Slack's checks of a views.open body (a subset: the ones the bot's views could break).
bool ValidViewsOpen(std::string_view body) {
    const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
    if (!parsed.is_object()) return false;
    const auto trigger = parsed.find("trigger_id");
    const auto view = parsed.find("view");
    if (trigger == parsed.end() || !trigger->is_string() || view == parsed.end() ||
        !view->is_object())
        return false;
    if (view->value("type", "") != "modal") return false;
    const auto blocks = view->find("blocks");
    if (blocks == view->end() || !blocks->is_array() || blocks->size() > 100) return false;
    for (const auto& block : *blocks) {
        if (!block.is_object() || !block.contains("type")) return false;
    }
    for (const char* field : {"title", "submit", "close"}) {
        if (TextLength(view->value(field, nlohmann::json())) > 24) return false;
    }
    return view->value("private_metadata", "").size() <= 3000 &&
           view->value("callback_id", "").size() <= 255;
}

struct Answer {
    bh::status status = bh::status::ok;
    std::string body;
    int retry_after = 0;
};

Answer Json(std::string body) { return Answer{bh::status::ok, std::move(body), 0}; }
Answer Error(std::string_view code) {
    return Json(R"({"ok":false,"error":")" + std::string(code) + "\"}");
}

}  // namespace

class BenchWebApi::Impl {
public:
    Impl(BenchWebApiOptions options, Ledger& ledger)
        : options_(std::move(options)), ledger_(ledger), acceptor_(io_) {
        const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), 0);
        beast::error_code ec;
        acceptor_.open(endpoint.protocol(), ec);
        if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
        if (!ec) acceptor_.bind(endpoint, ec);
        if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
        if (ec) throw std::runtime_error("bench fake Web API: cannot listen: " + ec.message());
        port_ = acceptor_.local_endpoint().port();
        net::co_spawn(io_, Listen(), net::detached);
        thread_ = std::thread([this] { io_.run(); });
    }

    ~Impl() {
        io_.stop();
        thread_.join();
    }

    std::string BaseUrl() const { return "http://127.0.0.1:" + std::to_string(port_) + "/api/"; }

    Stats TakeStats() {
        std::lock_guard lock(mutex_);
        Stats taken = std::move(stats_);
        stats_ = Stats{};
        return taken;
    }

    std::uint64_t InFlight() const { return in_flight_.load(); }

private:
    net::awaitable<void> Listen() {
        for (;;) {
            tcp::socket socket(io_);
            beast::error_code ec;
            co_await acceptor_.async_accept(socket, net::redirect_error(net::use_awaitable, ec));
            if (ec) co_return;
            socket.set_option(tcp::no_delay(true), ec);
            net::co_spawn(io_, Serve(std::move(socket)), net::detached);
        }
    }

    net::awaitable<void> Serve(tcp::socket socket) {
        beast::flat_buffer buffer;
        net::steady_timer delay(io_);
        for (;;) {
            bh::request_parser<bh::string_body> parser;
            parser.body_limit(4 * 1024 * 1024);
            beast::error_code ec;
            co_await bh::async_read(socket, buffer, parser,
                                    net::redirect_error(net::use_awaitable, ec));
            if (ec) break;
            const auto& request = parser.get();
            in_flight_.fetch_add(1);
            Answer answer = Handle(request);
            if (options_.latency.count() > 0) {
                delay.expires_after(options_.latency);
                co_await delay.async_wait(net::redirect_error(net::use_awaitable, ec));
            }
            bh::response<bh::string_body> response(answer.status, request.version());
            response.set(bh::field::content_type, "application/json; charset=utf-8");
            if (answer.retry_after > 0)
                response.set(bh::field::retry_after, std::to_string(answer.retry_after));
            response.keep_alive(request.keep_alive());
            response.body() = std::move(answer.body);
            response.prepare_payload();
            co_await bh::async_write(socket, response, net::redirect_error(net::use_awaitable, ec));
            in_flight_.fetch_sub(1);
            if (ec || !response.keep_alive()) break;
        }
        beast::error_code ignored;
        socket.shutdown(tcp::socket::shutdown_both, ignored);
    }

    Answer Handle(const bh::request<bh::string_body>& request) {
        const std::string_view target = FromBeast(request.target());
        if (!target.starts_with("/api/")) return Answer{bh::status::not_found, "not found", 0};
        const std::string_view method = target.substr(5, target.find('?') - 5);
        const std::string_view auth = FromBeast(request[bh::field::authorization]);
        if (auth.empty() || auth != expected_auth_) {
            std::lock_guard lock(mutex_);
            ++stats_.auth_failed;
            return Error(auth.empty() ? "not_authed" : "invalid_auth");
        }
        // The start-up check that personal-data channels are private (bot/app/channel_check):
        // answered before any fault is drawn, so that the bot always starts.
        if (method == "conversations.info")
            return Json(R"({"ok":true,"channel":{"id":"C0BENCH01","name":"bench","is_private":true}})");
        if (std::optional<Answer> fault = Fault(method, request.body())) return *fault;
        if (method == "views.open" || method == "views.push" || method == "views.update")
            return ViewsCall(request.body());
        {
            std::lock_guard lock(mutex_);
            ++stats_.other_calls;
        }
        if (method == "chat.postMessage")
            return Json(R"({"ok":true,"channel":"C0BENCH01","ts":"1700000000.000100"})");
        if (method == "usergroups.users.list") return Json(R"({"ok":true,"users":[]})");
        if (method == "auth.test")
            return Json(R"({"ok":true,"team_id":"T0BENCH01","user_id":"U0BENCHBOT"})");
        return Json(R"({"ok":true})");
    }

    // Counts the call by method and draws its fault (--fault429, --fault500), if any.
    std::optional<Answer> Fault(std::string_view method, std::string_view body) {
        const double draw = fault_draw_(fault_rng_);
        const bool is429 = draw < options_.fault429;
        const bool is500 = !is429 && draw < options_.fault429 + options_.fault500;
        if (is429 || is500) {
            std::uint64_t seq = 0;
            std::int64_t sent_us = 0;
            if (method == "views.open" &&
                ParseTrigger(StringMember(body, "trigger_id"), seq, sent_us)) {
                ledger_.Mark(seq, is429 ? Ledger::kRateLimited : Ledger::kServerError);
            }
        }
        std::lock_guard lock(mutex_);
        auto it = stats_.methods.find(method);
        if (it == stats_.methods.end())
            it = stats_.methods.emplace(std::string(method), Stats::PerMethod{}).first;
        ++it->second.calls;
        if (is429) {
            ++it->second.faulted_429;
            ++stats_.faulted_429;
            return Answer{bh::status::too_many_requests, R"({"ok":false,"error":"ratelimited"})",
                          options_.retry_after_s};
        }
        if (is500) {
            ++it->second.faulted_500;
            ++stats_.faulted_500;
            // Slack's 5xx pages are not JSON.
            return Answer{bh::status::internal_server_error, "Internal Server Error", 0};
        }
        return std::nullopt;
    }

    Answer ViewsCall(std::string_view body) {
        ++views_calls_;
        const std::string_view trigger = StringMember(body, "trigger_id");
        std::uint64_t seq = 0;
        std::int64_t sent_us = 0;
        const bool tagged = ParseTrigger(trigger, seq, sent_us);

        const double rate = options_.rate429;
        if (rate > 0 && std::floor(double(views_calls_) * rate) >
                            std::floor(double(views_calls_ - 1) * rate)) {
            if (tagged) ledger_.Mark(seq, Ledger::kRateLimited);
            std::lock_guard lock(mutex_);
            ++stats_.rate_limited;
            return Answer{bh::status::too_many_requests, R"({"ok":false,"error":"ratelimited"})",
                          options_.retry_after_s};
        }

        const std::optional<std::string_view> view = ObjectMembers(body, "view");
        bool valid = !trigger.empty() && view && view->find("\"type\":\"modal\"") !=
                                                     std::string_view::npos;
        const bool validate = options_.validate_every > 0 &&
                              (views_calls_ - 1) % std::uint64_t(options_.validate_every) == 0;
        if (valid && validate) valid = ValidViewsOpen(body);
        if (!valid) {
            std::lock_guard lock(mutex_);
            ++stats_.invalid;
            if (validate) ++stats_.validated;
            return Error("invalid_arguments");
        }

        if (tagged) {
            const std::int64_t waited = MonotonicMicros() - sent_us;
            const std::uint8_t before =
                ledger_.Mark(seq, waited > kTriggerWindowUs ? Ledger::kArrived | Ledger::kLate
                                                            : Ledger::kArrived);
            if (before & Ledger::kArrived) ledger_.Mark(seq, Ledger::kDuplicate);
            std::lock_guard lock(mutex_);
            if (before & Ledger::kArrived) ++stats_.duplicates;
            stats_.arrival_us.push_back(
                static_cast<std::uint32_t>(std::clamp<std::int64_t>(waited, 0, UINT32_MAX)));
        }
        {
            std::lock_guard lock(mutex_);
            ++stats_.views_open_ok;
            if (validate) ++stats_.validated;
        }

        const std::string id = "V0BENCH" + std::to_string(views_calls_);
        std::string out;
        out.reserve(body.size() + 320);
        out.append(R"({"ok":true,"view":{"id":")").append(id);
        out.append(R"(","team_id":"T0BENCH01","app_id":"A0BENCHAPP","bot_id":"B0BENCHBOT",)");
        out.append(R"("app_installed_team_id":"T0BENCH01","hash":"1700000000.)");
        out.append(std::to_string(views_calls_)).append(R"(","root_view_id":")").append(id);
        out.append(R"(","previous_view_id":null,"state":{"values":{}})");
        if (!view->empty()) out.append(",").append(*view);
        out.append("}}");
        return Json(std::move(out));
    }

    const BenchWebApiOptions options_;
    const std::string expected_auth_ = "Bearer " + options_.bot_token;
    Ledger& ledger_;
    net::io_context io_{1};
    tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
    std::uint64_t views_calls_ = 0;  // only on the server thread
    std::mt19937_64 fault_rng_{options_.fault_seed};  // only on the server thread
    std::uniform_real_distribution<double> fault_draw_{0.0, 1.0};
    std::atomic<std::uint64_t> in_flight_{0};
    std::mutex mutex_;
    Stats stats_;
    std::thread thread_;
};

BenchWebApi::BenchWebApi(BenchWebApiOptions options, Ledger& ledger)
    : impl_(std::make_unique<Impl>(std::move(options), ledger)) {}

BenchWebApi::~BenchWebApi() = default;

std::string BenchWebApi::BaseUrl() const { return impl_->BaseUrl(); }

BenchWebApi::Stats BenchWebApi::TakeStats() { return impl_->TakeStats(); }

std::uint64_t BenchWebApi::InFlight() const { return impl_->InFlight(); }

}  // namespace escbot::bench
