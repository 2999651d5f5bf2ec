#include "bot/slack/curl_slack_api.hpp"

#include <algorithm>

#include "bot/slack/call_labels.hpp"
#include "bot/slack/curl_engine.hpp"
#include "bot/slack/form_encoding.hpp"
#include "bot/slack/json_text.hpp"

namespace escbot::slack {

CurlSlackApi::CurlSlackApi(CurlSlackApiOptions options, metrics::Registry& registry)
    : engine_(std::make_unique<CurlEngine>(std::move(options), registry)) {}

CurlSlackApi::~CurlSlackApi() = default;

void CurlSlackApi::Call(std::string method, nlohmann::json args, CallOptions options,
                        ApiCallback done) {
    if (args.is_null()) args = nlohmann::json::object();  // `{}` in a braced call is null
    const bool form = IsFormEncodedMethod(method);
    std::string body = form ? FormEncode(args) : ToJsonText(args);
    std::string log_ids;
    AppendLoggableIds(log_ids, args);
    // Slack limits posting per channel: a 429 for one channel must not hold up the others.
    std::string pause_key;
    if (method == "chat.postMessage") {
        const auto channel = args.find("channel");
        if (channel != args.end() && channel->is_string())
            pause_key = method + " " + channel->get<std::string>();
    }
    Submit(std::move(method), std::move(body), std::move(log_ids), std::move(options),
           std::move(done), std::move(pause_key));
}

void CurlSlackApi::Submit(std::string method, std::string body, std::string log_ids,
                          CallOptions options, ApiCallback done, std::string pause_key) {
    auto call = std::make_unique<QueuedCall>();
    call->pause_key = std::move(pause_key);
    call->form = IsFormEncodedMethod(method);
    if (!options.read_body) call->parsing = AnswerParsing::kStatusOnly;
    call->body = std::move(body);
    call->log_ids = std::move(log_ids);
    call->token = std::move(options.token);
    call->method = std::move(method);
    call->deadline = options.deadline;
    call->max_attempts = std::max(1, options.max_attempts);
    call->done = std::move(done);
    engine_->Submit(std::move(call));
}

std::size_t CurlSlackApi::Pending() const { return engine_->Queue().Pending(); }

bool CurlSlackApi::Saturated() const { return engine_->Queue().Saturated(); }

bool CurlSlackApi::Backlogged() const { return engine_->Queue().Backlogged(); }

bool CurlSlackApi::IsPaused(std::string_view method) const {
    return engine_->Queue().IsPaused(method);
}

void CurlSlackApi::Stop() { engine_->Stop(); }

boost::asio::io_context& CurlSlackApi::IoContext() { return engine_->IoContext(); }

}  // namespace escbot::slack
