#include "bot/slack/response_url.hpp"

#include <pthread.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include <curl/curl.h>

#include "bot/core/logging.hpp"

namespace escbot::slack {
namespace {

constexpr std::size_t kMaxAnswerBytes = 4096;
constexpr std::size_t kMaxErrorChars = 64;

const std::shared_ptr<spdlog::logger>& Log() {
    static const auto log = logging::Get("respond");
    return log;
}

std::size_t AppendAnswer(char* data, std::size_t size, std::size_t count, void* user) {
    auto* answer = static_cast<std::string*>(user);
    const std::size_t bytes = size * count;
    if (answer->size() < kMaxAnswerBytes) {
        answer->append(data, std::min(bytes, kMaxAnswerBytes - answer->size()));
    }
    return bytes;
}

/// The first word of a text answer ("expired_url"), or "http_<status>" when there is none.
std::string ErrorWord(int status, std::string_view body) {
    std::string word;
    for (const char c : body) {
        const bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
        if (!keep) {
            if (!word.empty()) break;
            continue;
        }
        if (word.size() == kMaxErrorChars) break;
        word.push_back(c);
    }
    return word.empty() ? "http_" + std::to_string(status) : word;
}

ApiResult Result(ApiResult::Kind kind, std::string error, int status) {
    ApiResult result;
    result.kind = kind;
    result.error = std::move(error);
    result.http_status = status;
    result.attempts = 1;
    return result;
}

struct EasyDeleter {
    void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

ApiResult ReadResponseUrlAnswer(int http_status, std::string_view body) {
    if (http_status != 200) return Result(ApiResult::Kind::kHttp, ErrorWord(http_status, body), http_status);
    std::string_view trimmed = body;
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) trimmed.remove_prefix(1);
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.remove_suffix(1);
    if (trimmed == "ok") return Result(ApiResult::Kind::kOk, "", http_status);
    const nlohmann::json json = nlohmann::json::parse(trimmed, nullptr, false);
    if (json.is_object() && json.value("ok", false) == true) return Result(ApiResult::Kind::kOk, "", http_status);
    if (json.is_object() && json.contains("error") && json["error"].is_string()) {
        return Result(ApiResult::Kind::kPlatform, ErrorWord(http_status, json["error"].get<std::string>()),
                      http_status);
    }
    return Result(ApiResult::Kind::kHttp, "unexpected_answer", http_status);
}

std::string OriginOf(std::string_view url) {
    std::string_view scheme;
    if (url.rfind("https://", 0) == 0) {
        scheme = "https://";
    } else if (url.rfind("http://", 0) == 0) {
        scheme = "http://";
    } else {
        return {};
    }
    const std::string_view rest = url.substr(scheme.size());
    const std::string_view host = rest.substr(0, rest.find_first_of("/?#"));
    if (host.empty() || host.find('@') != std::string_view::npos) return {};
    return std::string(scheme) + std::string(host) + "/";
}

bool IsAllowedResponseUrl(std::string_view url, const std::vector<std::string>& allowed) {
    const std::string origin = OriginOf(url);
    if (origin.empty()) return false;
    return std::any_of(allowed.begin(), allowed.end(),
                       [&](const std::string& prefix) { return !prefix.empty() && origin == OriginOf(prefix); });
}

CurlResponseUrlClient::CurlResponseUrlClient(CurlResponseUrlOptions options, metrics::Registry& registry)
    : options_(std::move(options)), registry_(registry) {
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "slack-respond");
        Loop();
    });
}

CurlResponseUrlClient::~CurlResponseUrlClient() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void CurlResponseUrlClient::Post(std::string url, nlohmann::json message, ApiCallback done) {
    Job job{std::move(url), message.dump(), std::move(done), {}};
    {
        std::lock_guard lock(mutex_);
        if (!stop_ && jobs_.size() < options_.max_queued) {
            jobs_.push_back(std::move(job));
            wake_.notify_one();
            return;
        }
    }
    // Refused up front: the caller hears at once (see the interface).
    const ApiResult refused = Result(ApiResult::Kind::kTransport, "queue_full", 0);
    Count(refused);
    if (job.done) job.done(refused);
}

void CurlResponseUrlClient::Run(std::function<void()> job) {
    std::lock_guard lock(mutex_);
    if (stop_) return;
    jobs_.push_back(Job{{}, {}, {}, std::move(job)});
    wake_.notify_one();
}

bool CurlResponseUrlClient::WaitIdle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, timeout, [&] { return stop_ || (jobs_.empty() && !busy_); });
}

void CurlResponseUrlClient::Loop() {
    std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
    for (;;) {
        Job job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
            if (stop_) break;
            job = std::move(jobs_.front());
            jobs_.pop_front();
            busy_ = true;
        }
        try {
            if (job.run) {
                job.run();
            } else {
                const ApiResult result = easy ? Send(easy.get(), job)
                                              : Result(ApiResult::Kind::kTransport, "curl_init_failed", 0);
                Count(result);
                if (job.done) job.done(result);
            }
        } catch (const std::exception& e) {
            Log()->error("response_url job failed: {}", e.what());
        }
        {
            std::lock_guard lock(mutex_);
            busy_ = false;
        }
        idle_.notify_all();
    }
    // What is left was never sent.
    std::deque<Job> left;
    {
        std::lock_guard lock(mutex_);
        left.swap(jobs_);
    }
    for (Job& job : left) {
        if (job.done) job.done(Result(ApiResult::Kind::kTransport, "shutdown", 0));
    }
}

ApiResult CurlResponseUrlClient::Send(void* handle, const Job& job) {
    if (!IsAllowedResponseUrl(job.url, options_.allowed_origins)) {
        Log()->warn("response_url refused: its origin is not Slack's");
        return Result(ApiResult::Kind::kHttp, "url_not_allowed", 0);
    }
    CURL* easy = static_cast<CURL*>(handle);
    curl_easy_reset(easy);  // keeps the connection cache
    std::unique_ptr<curl_slist, SlistDeleter> headers(
        curl_slist_append(nullptr, "Content-Type: application/json; charset=utf-8"));
    std::string answer;
    curl_easy_setopt(easy, CURLOPT_URL, job.url.c_str());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(job.body.size()));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, job.body.data());
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &AppendAnswer);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "escalation-bot");
    const CURLcode code = curl_easy_perform(easy);
    if (code != CURLE_OK) {
        return Result(ApiResult::Kind::kTransport, curl_easy_strerror(code), 0);
    }
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    ApiResult result = ReadResponseUrlAnswer(static_cast<int>(status), answer);
    if (!result.ok()) {
        Log()->info("response_url post refused: status={} error={}", result.http_status, result.error);
    }
    return result;
}

void CurlResponseUrlClient::Count(const ApiResult& result) {
    registry_
        .GetCounter("escbot_response_url_posts_total",
                    "Posts to a request's response_url by result (ok, refused, transport).",
                    {{"result", result.ok()                                   ? "ok"
                                : result.kind == ApiResult::Kind::kTransport ? "transport"
                                                                              : "refused"}})
        .Inc();
}

}  // namespace escbot::slack
