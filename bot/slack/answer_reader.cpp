#include "bot/slack/answer_reader.hpp"

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace escbot::slack {
namespace {

// A hand-rolled scan over JSON text, for answers whose body nobody reads (a views.open answer
// echoes the whole view): about 4 % less CPU per /escalate than a document (103fc92, c=64).
class JsonScanner {
public:
    explicit JsonScanner(std::string_view text) : text_(text) {}

    std::size_t pos() const { return pos_; }
    bool AtEnd() {
        SkipSpace();
        return pos_ >= text_.size();
    }
    bool Consume(char c) {
        SkipSpace();
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    // A key or string without escapes worth decoding (Slack's keys); false if malformed.
    bool ReadString(std::string_view& out) {
        SkipSpace();
        if (pos_ >= text_.size() || text_[pos_] != '"') return false;
        const std::size_t begin = ++pos_;
        if (!SkipStringBody()) return false;
        out = text_.substr(begin, pos_ - 1 - begin);
        return true;
    }
    // Moves past one value of any kind; false if malformed.
    bool SkipValue() {
        SkipSpace();
        if (pos_ >= text_.size()) return false;
        const char c = text_[pos_];
        if (c == '"') {
            ++pos_;
            return SkipStringBody();
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (pos_ < text_.size()) {
                const char d = text_[pos_++];
                if (d == '"') {
                    if (!SkipStringBody()) return false;
                } else if (d == '{' || d == '[') {
                    ++depth;
                } else if (d == '}' || d == ']') {
                    if (--depth == 0) return true;
                }
            }
            return false;
        }
        const std::size_t begin = pos_;
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '}' &&
               text_[pos_] != ']' && !IsSpace(text_[pos_])) {
            ++pos_;
        }
        return pos_ > begin;
    }
    std::string_view Slice(std::size_t begin, std::size_t end) const {
        return text_.substr(begin, end - begin);
    }
    void SkipSpace() {
        while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
    }

private:
    static bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
    // After an opening quote: moves past the closing one.
    bool SkipStringBody() {
        while (pos_ < text_.size()) {
            const char c = text_[pos_++];
            if (c == '\\') {
                ++pos_;
            } else if (c == '"') {
                return true;
            }
        }
        return false;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

// What ReadHttpAnswer needs of a body: whether it is a JSON object, its "ok", its "error".
struct AnswerStatus {
    bool object = false;
    bool ok = false;
    std::optional<std::string> error;
};

AnswerStatus StatusOf(const nlohmann::json& body) {
    AnswerStatus status;
    status.object = !body.is_discarded() && body.is_object();
    if (!status.object) return status;
    const auto ok = body.find("ok");
    status.ok = ok != body.end() && ok->is_boolean() && ok->get<bool>();
    const auto error = body.find("error");
    if (error != body.end() && error->is_string()) status.error = error->get<std::string>();
    return status;
}

// The JSON string literal `quoted` decoded; nullopt when it is not one.
std::optional<std::string> DecodeString(std::string_view quoted) {
    if (quoted.size() < 2 || quoted.front() != '"') return std::nullopt;
    if (quoted.find('\\') == std::string_view::npos) {
        return std::string(quoted.substr(1, quoted.size() - 2));
    }
    const auto value = nlohmann::json::parse(quoted, nullptr, false);
    if (!value.is_string()) return std::nullopt;
    return value.get<std::string>();
}

// StatusOf without building the document: one pass over the top-level members, the values of
// all but "ok" and "error" skipped unread.
AnswerStatus ScanStatus(std::string_view body) {
    AnswerStatus status;
    JsonScanner scan(body);
    if (!scan.Consume('{')) return {};
    if (!scan.Consume('}')) {
        do {
            std::string_view key;
            if (!scan.ReadString(key) || !scan.Consume(':')) return {};
            scan.SkipSpace();
            const std::size_t begin = scan.pos();
            if (!scan.SkipValue()) return {};
            const std::string_view value = scan.Slice(begin, scan.pos());
            if (key == "ok") {
                status.ok = value == "true";
            } else if (key == "error") {
                status.error = DecodeString(value);
            }
        } while (scan.Consume(','));
        if (!scan.Consume('}')) return {};
    }
    if (!scan.AtEnd()) return {};
    status.object = true;
    return status;
}

}  // namespace

ApiResult ReadHttpAnswer(int http_status, std::string_view body, long long retry_after_header,
                         std::chrono::seconds default_retry_after, AnswerParsing parsing) {
    ApiResult result;
    result.http_status = http_status;
    AnswerStatus status;
    if (parsing == AnswerParsing::kStatusOnly) {
        status = ScanStatus(body);
    } else {
        result.body = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
        status = StatusOf(result.body);
        if (!status.object) result.body = nlohmann::json();
    }
    auto slack_error = [&](std::string_view fallback) {
        return status.error ? *status.error : std::string(fallback);
    };

    if (http_status == 429) {
        result.kind = ApiResult::Kind::kRateLimited;
        result.retry_after =
            retry_after_header > 0 ? std::chrono::seconds(retry_after_header) : default_retry_after;
        result.error = slack_error("ratelimited");
        return result;
    }
    if (http_status != 200) {
        result.kind = ApiResult::Kind::kHttp;
        result.error = "http_" + std::to_string(http_status);
        return result;
    }
    if (!status.object) {
        result.kind = ApiResult::Kind::kHttp;
        result.error = "invalid_response";
        return result;
    }
    if (status.ok) {
        result.kind = ApiResult::Kind::kOk;
        return result;
    }
    result.kind = ApiResult::Kind::kPlatform;
    result.error = slack_error("unknown_error");
    return result;
}

}  // namespace escbot::slack
