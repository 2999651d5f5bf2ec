#include "tests/support/fake_slack/fake_slack_server.hpp"

#include <pthread.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "tests/support/fake_slack/fake_workspace.hpp"

namespace escbot::test {
namespace {

namespace net = boost::asio;     // from <boost/asio.hpp>
namespace beast = boost::beast;  // from <boost/beast.hpp>
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using nlohmann::json;

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string PercentDecode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
                   HexValue(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2])));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

// Adds the fields of a form body or query string; JSON-valued fields are parsed like Slack does.
void AddFormFields(std::string_view form, json& args) {
    while (!form.empty()) {
        const auto amp = form.find('&');
        const std::string_view pair = form.substr(0, amp);
        form = amp == std::string_view::npos ? std::string_view() : form.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        const std::string key = PercentDecode(pair.substr(0, eq));
        const std::string value =
            eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1));
        if (key == "view" || key == "blocks" || key == "attachments" || key == "metadata") {
            json parsed = json::parse(value, nullptr, false);
            args[key] = parsed.is_discarded() ? json(value) : parsed;
        } else {
            args[key] = value;
        }
    }
}

std::string Lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

ScriptedAnswer ScriptedAnswer::RateLimited(int retry_after_seconds) {
    ScriptedAnswer answer;
    answer.http_status = 429;
    if (retry_after_seconds >= 0) answer.retry_after_seconds = retry_after_seconds;
    answer.body = json{{"ok", false}, {"error", "ratelimited"}};
    return answer;
}

ScriptedAnswer ScriptedAnswer::HttpStatus(int status) {
    ScriptedAnswer answer;
    answer.http_status = status;
    return answer;
}

ScriptedAnswer ScriptedAnswer::Error(std::string code) {
    ScriptedAnswer answer;
    answer.error = std::move(code);
    return answer;
}

ScriptedAnswer ScriptedAnswer::Delayed(std::chrono::milliseconds delay) {
    ScriptedAnswer answer;
    answer.delay = delay;
    return answer;
}

ScriptedAnswer ScriptedAnswer::Json(nlohmann::json body) {
    ScriptedAnswer answer;
    answer.body = std::move(body);
    return answer;
}

ScriptedAnswer ScriptedAnswer::LostAnswer() {
    ScriptedAnswer answer;
    answer.lose_answer = true;
    return answer;
}

ScriptedAnswer ScriptedAnswer::ResetBeforeHandling() {
    ScriptedAnswer answer;
    answer.reset_before_handling = true;
    return answer;
}

ScriptedAnswer ScriptedAnswer::Text(int status, std::string body) {
    ScriptedAnswer answer;
    answer.http_status = status;
    answer.text = std::move(body);
    return answer;
}

class FakeSlackServer::Impl {
public:
    explicit Impl(FakeSlackOptions options)
        : options_(options), workspace_(std::move(options)), acceptor_(io_) {
        const tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), 0);
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen();
        port_ = acceptor_.local_endpoint().port();
        net::co_spawn(io_, Listen(), net::detached);
        thread_ = std::thread([this] {
            pthread_setname_np(pthread_self(), "fake-slack");
            io_.run();
        });
    }

    ~Impl() {
        io_.stop();
        thread_.join();
    }

    std::uint16_t port_ = 0;
    const FakeSlackOptions options_;

    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    fake_slack::Workspace workspace_;
    std::vector<SlackCall> calls_;
    std::unordered_map<std::string, std::deque<ScriptedAnswer>> scripts_;
    std::unordered_map<std::string, Responder> responders_;
    std::uint64_t generation_ = 0;  // bumped by Reset: answers of older calls are not recorded
    std::optional<FaultPlan> faults_;
    std::mt19937 fault_rng_;

    template <class Pred>
    bool WaitFor(std::chrono::milliseconds timeout, Pred pred) const {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return pred(); });
    }

private:
    net::awaitable<void> Listen() {
        for (;;) {
            boost::system::error_code ec;
            tcp::socket socket =
                co_await acceptor_.async_accept(net::redirect_error(net::use_awaitable, ec));
            if (ec) {
                if (!acceptor_.is_open()) co_return;
                continue;
            }
            net::co_spawn(io_, Serve(std::move(socket)), net::detached);
        }
    }

    net::awaitable<void> Serve(tcp::socket socket) {
        beast::flat_buffer buffer;
        boost::system::error_code ec;
        for (;;) {
            http::request_parser<http::string_body> parser;
            parser.body_limit(16 * 1024 * 1024);
            co_await http::async_read(socket, buffer, parser,
                                      net::redirect_error(net::use_awaitable, ec));
            if (ec) break;
            const http::request<http::string_body>& request = parser.get();

            std::size_t index = 0;
            std::uint64_t generation = 0;
            fake_slack::Answer answer = Receive(request, index, generation);
            if (answer.drop_connection) break;  // no answer: the client sees a reset
            if (answer.delay.count() > 0) {
                net::steady_timer timer(socket.get_executor());
                timer.expires_after(answer.delay);
                co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
            }

            http::response<http::string_body> response{static_cast<http::status>(answer.status),
                                                       request.version()};
            response.set(http::field::server, "fake-slack");
            if (answer.body.is_null()) {
                response.set(http::field::content_type, "text/plain");
                response.body() = answer.text_body;
            } else {
                response.set(http::field::content_type, "application/json; charset=utf-8");
                response.body() = answer.body.dump();
            }
            if (answer.retry_after_seconds) {
                response.set(http::field::retry_after, std::to_string(*answer.retry_after_seconds));
            }
            response.keep_alive(request.keep_alive());
            response.prepare_payload();
            co_await http::async_write(socket, response,
                                       net::redirect_error(net::use_awaitable, ec));
            MarkAnswered(index, generation, answer);
            if (ec || !response.keep_alive()) break;
        }
        socket.shutdown(tcp::socket::shutdown_both, ec);
        socket.close(ec);
    }

    fake_slack::Answer Receive(const http::request<http::string_body>& request, std::size_t& index,
                               std::uint64_t& generation) {
        SlackCall call;
        call.arrived_at = std::chrono::steady_clock::now();
        call.http_method = std::string(request.method_string());
        call.body = request.body();
        for (const auto& field : request) {
            const auto name = field.name_string();
            call.headers[Lower(std::string_view(name.data(), name.size()))] =
                std::string(field.value());
        }
        call.content_type = std::string(request[http::field::content_type]);

        const std::string_view target(request.target().data(), request.target().size());
        const auto question = target.find('?');
        const std::string_view path = target.substr(0, question);
        bool body_is_bad_json = false;
        if (question != std::string_view::npos)
            AddFormFields(target.substr(question + 1), call.args);
        if (call.content_type.rfind("application/json", 0) == 0) {
            json parsed = json::parse(call.body, nullptr, false);
            if (parsed.is_object()) {
                for (auto& [key, value] : parsed.items()) {
                    if ((key == "view" || key == "blocks") && value.is_string()) {
                        json inner = json::parse(value.get<std::string>(), nullptr, false);
                        call.args[key] = inner.is_discarded() ? value : inner;
                    } else {
                        call.args[key] = value;
                    }
                }
            } else if (!call.body.empty()) {
                body_is_bad_json = true;
            }
        } else if (!call.body.empty()) {
            AddFormFields(call.body, call.args);
        }
        const std::string authorization = call.headers.count("authorization") != 0
                                              ? call.headers["authorization"]
                                              : std::string();
        if (authorization.rfind("Bearer ", 0) == 0) {
            call.token = authorization.substr(7);
        } else if (call.args.contains("token") && call.args["token"].is_string()) {
            call.token = call.args["token"].get<std::string>();
        }

        constexpr std::string_view kPrefix = "/api/";
        constexpr std::string_view kHooks = "/hooks/";
        call.path = std::string(path);
        fake_slack::Answer answer;
        if (path.rfind(kHooks, 0) == 0) {
            call.method = "response_url";
        } else if (path.rfind(kPrefix, 0) != 0) {
            answer.status = 404;
            answer.text_body = "not found";
            return answer;
        } else {
            call.method = std::string(path.substr(kPrefix.size()));
        }

        std::lock_guard lock(mutex_);
        answer = AnswerLocked(call, body_is_bad_json);
        index = calls_.size();
        generation = generation_;
        calls_.push_back(std::move(call));
        changed_.notify_all();
        return answer;
    }

    // A scripted answer for the call: the method's next script, else a draw from the fault
    // plan (nullopt: the normal answer).
    std::optional<ScriptedAnswer> NextScript(const std::string& method) {
        auto script = scripts_.find(method);
        if (script != scripts_.end() && !script->second.empty()) {
            ScriptedAnswer scripted = std::move(script->second.front());
            script->second.pop_front();
            return scripted;
        }
        if (!faults_) return std::nullopt;
        const FaultPlan& plan = *faults_;
        if (plan.methods.empty() ? (method == "auth.test" || method == "conversations.info" ||
                                  method == "apps.connections.open")
                                 : !plan.methods.contains(method)) {
            return std::nullopt;
        }
        double draw = std::uniform_real_distribution<double>(0, 1)(fault_rng_);
        if ((draw -= plan.rate429) < 0) return ScriptedAnswer::RateLimited(plan.retry_after_seconds);
        if ((draw -= plan.rate500) < 0) return ScriptedAnswer::HttpStatus(500);
        if ((draw -= plan.rate_slow) < 0) return ScriptedAnswer::Delayed(plan.slow);
        if ((draw -= plan.rate_lost_answer) < 0) return ScriptedAnswer::LostAnswer();
        if ((draw -= plan.rate_reset) < 0) return ScriptedAnswer::ResetBeforeHandling();
        return std::nullopt;
    }

    fake_slack::Answer AnswerLocked(const SlackCall& call, bool body_is_bad_json) {
        fake_slack::Answer answer;
        bool lose_answer = false;
        if (auto next = NextScript(call.method)) {
            ScriptedAnswer scripted = std::move(*next);
            if (scripted.reset_before_handling) {
                answer.drop_connection = true;
                return answer;
            }
            const bool normal = scripted.http_status == 200 && scripted.error.empty() &&
                                !scripted.body.has_value() && !scripted.text.has_value();
            lose_answer = scripted.lose_answer;
            if (!normal) {
                answer.status = scripted.http_status;
                answer.retry_after_seconds = scripted.retry_after_seconds;
                answer.delay = scripted.delay;
                if (scripted.text) {
                    answer.text_body = *scripted.text;
                } else if (scripted.body) {
                    answer.body = *scripted.body;
                } else if (!scripted.error.empty()) {
                    answer.body = json{{"ok", false}, {"error", scripted.error}};
                } else {
                    answer.text_body = "<html><body>Service Unavailable</body></html>";
                }
                return answer;
            }
            answer.delay = scripted.delay;
        }
        const auto delay = answer.delay;
        if (call.method == "response_url") {
            answer = workspace_.PostToResponseUrl(call, call.arrived_at);
            answer.delay = delay;
            return answer;
        }
        if (body_is_bad_json) {
            answer.body = json{{"ok", false}, {"error", "invalid_json"}};
            return answer;
        }
        if (auto responder = responders_.find(call.method); responder != responders_.end()) {
            // Auth still applies: a custom answer for a request Slack would refuse is a lie.
            fake_slack::Answer normal = workspace_.Handle(call);
            const bool auth_failed =
                normal.body.is_object() &&
                normal.body.value("error", "").find("auth") != std::string::npos;
            if (!auth_failed) {
                if (auto custom = responder->second(call)) {
                    answer.body = std::move(*custom);
                    return answer;
                }
            }
            normal.delay = delay;
            normal.drop_connection = lose_answer;
            return normal;
        }
        answer = workspace_.Handle(call);
        answer.delay = delay;
        answer.drop_connection = lose_answer;
        return answer;
    }

    void MarkAnswered(std::size_t index, std::uint64_t generation,
                      const fake_slack::Answer& answer) {
        std::lock_guard lock(mutex_);
        if (generation != generation_ || index >= calls_.size()) return;
        calls_[index].answered = true;
        calls_[index].answered_at = std::chrono::steady_clock::now();
        calls_[index].status = answer.status;
        calls_[index].response = answer.body;
        changed_.notify_all();
    }

    net::io_context io_;
    tcp::acceptor acceptor_;
    std::thread thread_;
};

FakeSlackServer::FakeSlackServer(FakeSlackOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

FakeSlackServer::~FakeSlackServer() = default;

std::uint16_t FakeSlackServer::Port() const { return impl_->port_; }

std::string FakeSlackServer::BaseUrl() const {
    return "http://127.0.0.1:" + std::to_string(impl_->port_) + "/api/";
}

const FakeSlackOptions& FakeSlackServer::options() const { return impl_->options_; }

void FakeSlackServer::Script(std::string_view method, ScriptedAnswer answer, int times) {
    std::lock_guard lock(impl_->mutex_);
    auto& queue = impl_->scripts_[std::string(method)];
    for (int i = 0; i < times; ++i) queue.push_back(answer);
}

void FakeSlackServer::RateLimitNext(std::string_view method, int times, int retry_after_seconds) {
    Script(method, ScriptedAnswer::RateLimited(retry_after_seconds), times);
}

void FakeSlackServer::FailNextWithStatus(std::string_view method, int times, int status) {
    Script(method, ScriptedAnswer::HttpStatus(status), times);
}

void FakeSlackServer::FailNextWithError(std::string_view method, int times, std::string code) {
    Script(method, ScriptedAnswer::Error(std::move(code)), times);
}

void FakeSlackServer::DelayNext(std::string_view method, int times,
                                std::chrono::milliseconds delay) {
    Script(method, ScriptedAnswer::Delayed(delay), times);
}

void FakeSlackServer::LoseNextAnswers(std::string_view method, int times) {
    Script(method, ScriptedAnswer::LostAnswer(), times);
}

void FakeSlackServer::SetFaults(FaultPlan plan) {
    std::lock_guard lock(impl_->mutex_);
    impl_->fault_rng_.seed(plan.seed);
    impl_->faults_ = std::move(plan);
}

void FakeSlackServer::ClearFaults() {
    std::lock_guard lock(impl_->mutex_);
    impl_->faults_.reset();
}

void FakeSlackServer::SetResponder(std::string method, Responder responder) {
    std::lock_guard lock(impl_->mutex_);
    impl_->responders_[std::move(method)] = std::move(responder);
}

void FakeSlackServer::SetChannels(std::vector<std::string> channel_ids) {
    std::lock_guard lock(impl_->mutex_);
    impl_->workspace_.channels = {channel_ids.begin(), channel_ids.end()};
}

void FakeSlackServer::SetUser(std::string user_id, nlohmann::json fields) {
    std::lock_guard lock(impl_->mutex_);
    impl_->workspace_.users[std::move(user_id)] = std::move(fields);
}

void FakeSlackServer::SetUsergroupMembers(std::string usergroup_id,
                                          std::vector<std::string> user_ids) {
    std::lock_guard lock(impl_->mutex_);
    impl_->workspace_.usergroups[std::move(usergroup_id)] = std::move(user_ids);
}

void FakeSlackServer::SetScopes(std::vector<std::string> scopes) {
    std::lock_guard lock(impl_->mutex_);
    impl_->workspace_.scopes = std::set<std::string>(scopes.begin(), scopes.end());
}

void FakeSlackServer::SetNonMemberChannels(std::vector<std::string> channel_ids) {
    std::lock_guard lock(impl_->mutex_);
    impl_->workspace_.non_member_channels = {channel_ids.begin(), channel_ids.end()};
}

void FakeSlackServer::SetPublicChannels(std::vector<std::string> channel_ids) {
    std::lock_guard lock(impl_->mutex_);
    impl_->workspace_.public_channels = {channel_ids.begin(), channel_ids.end()};
}

std::string FakeSlackServer::NewResponseUrl(std::string_view kind, std::string channel,
                                            std::string user) {
    std::lock_guard lock(impl_->mutex_);
    return impl_->workspace_.IssueResponseUrl(BaseUrl(), std::string(kind), channel, user,
                                              std::chrono::steady_clock::now());
}

void FakeSlackServer::AgeResponseUrls(std::chrono::seconds by) {
    std::lock_guard lock(impl_->mutex_);
    impl_->workspace_.response_url_age += by;
}

void FakeSlackServer::AnswerResponseUrlsWithText(bool text) {
    std::lock_guard lock(impl_->mutex_);
    impl_->workspace_.response_url_answers_text = text;
}

std::vector<nlohmann::json> FakeSlackServer::Ephemerals(std::string_view user) const {
    std::lock_guard lock(impl_->mutex_);
    std::vector<nlohmann::json> out;
    for (const auto& note : impl_->workspace_.ephemerals) {
        if (user.empty() || note.value("user", "") == user) out.push_back(note);
    }
    return out;
}

void FakeSlackServer::SetSocketModeUrl(std::string url) {
    std::lock_guard lock(impl_->mutex_);
    impl_->workspace_.socket_mode_url = std::move(url);
}

std::vector<SlackCall> FakeSlackServer::Calls(std::string_view method) const {
    std::lock_guard lock(impl_->mutex_);
    std::vector<SlackCall> out;
    for (const auto& call : impl_->calls_) {
        if (method.empty() || call.method == method) out.push_back(call);
    }
    return out;
}

std::size_t FakeSlackServer::CallCount(std::string_view method) const {
    std::lock_guard lock(impl_->mutex_);
    std::size_t n = 0;
    for (const auto& call : impl_->calls_) {
        if (method.empty() || call.method == method) ++n;
    }
    return n;
}

bool FakeSlackServer::WaitForCalls(std::string_view method, std::size_t count,
                                   std::chrono::milliseconds timeout) const {
    return impl_->WaitFor(timeout, [&] {
        std::size_t n = 0;
        for (const auto& call : impl_->calls_) {
            if (method.empty() || call.method == method) ++n;
        }
        return n >= count;
    });
}

bool FakeSlackServer::WaitForAnswers(std::string_view method, std::size_t count,
                                     std::chrono::milliseconds timeout) const {
    return impl_->WaitFor(timeout, [&] {
        std::size_t n = 0;
        for (const auto& call : impl_->calls_) {
            if ((method.empty() || call.method == method) && call.answered) ++n;
        }
        return n >= count;
    });
}

std::optional<nlohmann::json> FakeSlackServer::Message(std::string_view channel,
                                                       std::string_view ts) const {
    std::lock_guard lock(impl_->mutex_);
    const auto& messages = impl_->workspace_.messages;
    const auto in_channel = messages.find(std::string(channel));
    if (in_channel == messages.end()) return std::nullopt;
    const auto it = in_channel->second.find(std::string(ts));
    if (it == in_channel->second.end()) return std::nullopt;
    return it->second;
}

std::vector<nlohmann::json> FakeSlackServer::Messages(std::string_view channel) const {
    std::lock_guard lock(impl_->mutex_);
    std::vector<nlohmann::json> out;
    const auto& messages = impl_->workspace_.messages;
    const auto in_channel = messages.find(std::string(channel));
    if (in_channel == messages.end()) return out;
    for (const auto& [ts, message] : in_channel->second) out.push_back(message);
    return out;
}

std::vector<std::string> FakeSlackServer::Channels() const {
    std::lock_guard lock(impl_->mutex_);
    std::vector<std::string> out;
    for (const auto& [channel, messages] : impl_->workspace_.messages) {
        if (!messages.empty()) out.push_back(channel);
    }
    return out;
}

std::string FakeSlackServer::DmChannel(std::string_view user_id) const {
    std::lock_guard lock(impl_->mutex_);
    const auto& dms = impl_->workspace_.dms;
    const auto it = dms.find(std::string(user_id));
    return it == dms.end() ? std::string() : it->second;
}

std::optional<nlohmann::json> FakeSlackServer::View(std::string_view view_id) const {
    std::lock_guard lock(impl_->mutex_);
    const auto& views = impl_->workspace_.views;
    const auto it = views.find(std::string(view_id));
    if (it == views.end()) return std::nullopt;
    return it->second;
}

std::optional<nlohmann::json> FakeSlackServer::HomeView(std::string_view user_id) const {
    std::lock_guard lock(impl_->mutex_);
    const auto& homes = impl_->workspace_.home_views;
    const auto it = homes.find(std::string(user_id));
    if (it == homes.end()) return std::nullopt;
    return it->second;
}

void FakeSlackServer::Reset() {
    std::lock_guard lock(impl_->mutex_);
    impl_->calls_.clear();
    impl_->scripts_.clear();
    impl_->responders_.clear();
    impl_->workspace_.ResetActivity();
    ++impl_->generation_;
    impl_->changed_.notify_all();
}

}  // namespace escbot::test
