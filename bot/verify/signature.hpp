#pragma once

#include <string>
#include <string_view>

#include "bot/core/clock.hpp"

namespace escbot::verify {

/// Why a request failed Slack's v0 signature check (slack-platform.md §1). Only kOk passes.
enum class VerifyError {
    kOk,
    kMissingHeaders,      // X-Slack-Request-Timestamp or X-Slack-Signature absent or empty
    kMalformedTimestamp,  // not a plain run of decimal digits
    kStale,               // |now - timestamp| > 300 s, in either direction (replay window)
    kBadVersion,          // the signature does not start with "v0="
    kMalformedSignature,  // "v0=" not followed by exactly 64 hex digits
    kMismatch,            // well formed, but not the HMAC of this body with this secret
};

/// The replay window: requests whose timestamp is further than this from now are refused.
inline constexpr Seconds kMaxClockSkew{300};

/// A short stable name for logs and metrics ("ok", "stale", "mismatch", ...).
std::string_view ToString(VerifyError error);

/// Checks a Slack request signature: HMAC-SHA256 keyed with `secret` over
/// "v0:" + timestamp_header + ":" + raw_body, compared in constant time with the hex digest in
/// `signature_header` ("v0=<64 hex>"). `raw_body` must be the bytes exactly as received, before
/// any decoding. The checks run in the order of the enumerators, so the result names the first
/// failure. Never throws; thread-safe (each thread keeps one reusable HMAC context).
VerifyError VerifySignature(std::string_view secret, std::string_view timestamp_header,
                            std::string_view signature_header, std::string_view raw_body,
                            TimePoint now);

/// The X-Slack-Signature value Slack would send for this body: "v0=" + 64 lowercase hex digits.
/// For tests and test clients. Thread-safe; throws std::runtime_error only if OpenSSL fails.
std::string Sign(std::string_view secret, std::string_view timestamp, std::string_view raw_body);

}  // namespace escbot::verify
