// A request to the HTTP endpoint as the server sees it: the signature check on the raw bytes,
// the SSL probe test, the form decoder and the inbound parser (bot/verify, bot/http).
// Input lines: secret, X-Slack-Request-Timestamp, X-Slack-Signature, Content-Type,
// X-Slack-Retry-Num, then the body (the rest).

#include <chrono>
#include <cstdint>
#include <string>

#include "bot/http/form.hpp"
#include "bot/http/inbound_parser.hpp"
#include "bot/verify/signature.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

using namespace escbot;

constexpr std::string_view kNowText = "1700000000";
const TimePoint kNow{Seconds{1'700'000'000}};

void CheckSignature(std::string_view secret, std::string_view timestamp,
                    std::string_view signature, std::string_view body) {
    const verify::VerifyError verdict =
        verify::VerifySignature(secret, timestamp, signature, body, kNow);
    if (verify::ToString(verdict) == "unknown") fuzz::PropertyFailed("unnamed VerifyError");

    // What Sign makes, VerifySignature accepts; one flipped digest bit, it refuses.
    std::string good = verify::Sign(secret, kNowText, body);
    if (verify::VerifySignature(secret, kNowText, good, body, kNow) != verify::VerifyError::kOk)
        fuzz::PropertyFailed("a signature made by Sign does not verify");
    good.back() = good.back() == '0' ? '1' : '0';
    if (verify::VerifySignature(secret, kNowText, good, body, kNow) !=
        verify::VerifyError::kMismatch)
        fuzz::PropertyFailed("a changed signature verifies");
}

void CheckForm(std::string_view body) {
    std::string decoded;
    http::DecodeFormComponent(body, decoded);
    http::IsValidUtf8(body);
    if (const auto fields = http::DecodeForm(body)) {
        if (!fields->is_object()) fuzz::PropertyFailed("DecodeForm gave a non-object");
        // DecodeForm promises valid UTF-8, so serialising cannot throw.
        (void)fields->dump();
    }
}

void CheckInbound(std::string_view content_type, std::string_view body,
                  std::string_view retry_num) {
    http::IsSslCheck(content_type, body);
    const http::ParsedInbound parsed = http::ParseInbound(
        content_type, body, retry_num, routing::SteadyTime{std::chrono::seconds{1}});
    if (parsed.status == http::ParseStatus::kInbound) {
        if (parsed.inbound.retry_num < 0) fuzz::PropertyFailed("negative retry number");
        (void)routing::RouteName(parsed.inbound);
        (void)routing::UserId(parsed.inbound);
        (void)routing::ChannelId(parsed.inbound);
    } else if (parsed.error.empty()) {
        fuzz::PropertyFailed("a bad request without a reason");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzInput input(data, size);
    const std::string_view secret = input.Line();
    const std::string_view timestamp = input.Line();
    const std::string_view signature = input.Line();
    const std::string_view content_type = input.Line();
    const std::string_view retry_num = input.Line();
    const std::string_view body = input.Rest();
    CheckSignature(secret, timestamp, signature, body);
    CheckForm(body);
    CheckInbound(content_type, body, retry_num);
    return 0;
}
