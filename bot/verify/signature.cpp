#include "bot/verify/signature.hpp"

#include <array>
#include <charconv>
#include <memory>
#include <stdexcept>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace escbot::verify {
namespace {

constexpr std::string_view kVersionPrefix = "v0=";
constexpr std::size_t kDigestSize = 32;
constexpr std::size_t kHexDigestSize = 2 * kDigestSize;
using Digest = std::array<unsigned char, kDigestSize>;

// Fetched once: fetching walks OpenSSL's provider tables and is too slow for every request.
EVP_MAC* HmacAlgorithm() {
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
    return mac;
}

struct MacContextFree {
    void operator()(EVP_MAC_CTX* ctx) const { EVP_MAC_CTX_free(ctx); }
};

// One HMAC context per thread, keyed with the last secret it saw. Re-initialising a keyed
// context costs a fraction of creating one, and the secret rarely changes (once per process).
class ThreadHmac {
public:
    ~ThreadHmac() { OPENSSL_cleanse(key_.data(), key_.size()); }

    bool Compute(std::string_view secret, std::string_view timestamp, std::string_view body,
                 Digest& out) {
        if (!Begin(secret)) return false;
        static constexpr std::string_view kColon = ":";
        static constexpr std::string_view kBasePrefix = "v0:";
        for (std::string_view part : {kBasePrefix, timestamp, kColon, body}) {
            if (part.empty()) continue;
            if (EVP_MAC_update(ctx_.get(), reinterpret_cast<const unsigned char*>(part.data()),
                               part.size()) != 1)
                return Fail();
        }
        std::size_t length = 0;
        if (EVP_MAC_final(ctx_.get(), out.data(), &length, out.size()) != 1) return Fail();
        return length == kDigestSize || Fail();
    }

private:
    bool Begin(std::string_view secret) {
        if (ctx_ && secret == key_) {
            // A null key re-initialises with the key already set.
            return EVP_MAC_init(ctx_.get(), nullptr, 0, nullptr) == 1 || Fail();
        }
        if (HmacAlgorithm() == nullptr) return false;
        ctx_.reset(EVP_MAC_CTX_new(HmacAlgorithm()));
        if (!ctx_) return false;
        char digest_name[] = "SHA256";
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
            OSSL_PARAM_construct_end()};
        static const unsigned char kNoKey = 0;
        const auto* key =
            secret.empty() ? &kNoKey : reinterpret_cast<const unsigned char*>(secret.data());
        if (EVP_MAC_init(ctx_.get(), key, secret.size(), params) != 1) return Fail();
        OPENSSL_cleanse(key_.data(), key_.size());
        key_.assign(secret);
        return true;
    }

    // Drops the context so that the next call starts from a clean one.
    bool Fail() {
        ctx_.reset();
        return false;
    }

    std::unique_ptr<EVP_MAC_CTX, MacContextFree> ctx_;
    std::string key_;
};

bool ComputeDigest(std::string_view secret, std::string_view timestamp, std::string_view body,
                   Digest& out) {
    thread_local ThreadHmac hmac;
    return hmac.Compute(secret, timestamp, body, out);
}

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool DecodeHexDigest(std::string_view hex, Digest& out) {
    if (hex.size() != kHexDigestSize) return false;
    for (std::size_t i = 0; i < kDigestSize; ++i) {
        const int high = HexValue(hex[2 * i]);
        const int low = HexValue(hex[2 * i + 1]);
        if (high < 0 || low < 0) return false;
        out[i] = static_cast<unsigned char>(high << 4 | low);
    }
    return true;
}

bool ParseUnixSeconds(std::string_view text, long long& out) {
    if (text.empty()) return false;
    for (char c : text) {
        if (c < '0' || c > '9') return false;  // no sign, spaces or fractions
    }
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::string_view ToString(VerifyError error) {
    switch (error) {
        case VerifyError::kOk: return "ok";
        case VerifyError::kMissingHeaders: return "missing_headers";
        case VerifyError::kMalformedTimestamp: return "malformed_timestamp";
        case VerifyError::kStale: return "stale";
        case VerifyError::kBadVersion: return "bad_version";
        case VerifyError::kMalformedSignature: return "malformed_signature";
        case VerifyError::kMismatch: return "mismatch";
    }
    return "unknown";
}

VerifyError VerifySignature(std::string_view secret, std::string_view timestamp_header,
                            std::string_view signature_header, std::string_view raw_body,
                            TimePoint now) {
    if (timestamp_header.empty() || signature_header.empty()) return VerifyError::kMissingHeaders;

    long long timestamp = 0;
    if (!ParseUnixSeconds(timestamp_header, timestamp)) return VerifyError::kMalformedTimestamp;
    // Both values are far from the limits of long long, so the difference cannot overflow.
    const long long skew = ToUnix(now) - timestamp;
    if (skew > kMaxClockSkew.count() || skew < -kMaxClockSkew.count()) return VerifyError::kStale;

    if (!signature_header.starts_with(kVersionPrefix)) return VerifyError::kBadVersion;
    Digest received{};
    if (!DecodeHexDigest(signature_header.substr(kVersionPrefix.size()), received))
        return VerifyError::kMalformedSignature;

    Digest expected{};
    if (!ComputeDigest(secret, timestamp_header, raw_body, expected)) return VerifyError::kMismatch;
    if (CRYPTO_memcmp(expected.data(), received.data(), kDigestSize) != 0)
        return VerifyError::kMismatch;
    return VerifyError::kOk;
}

std::string Sign(std::string_view secret, std::string_view timestamp, std::string_view raw_body) {
    Digest digest{};
    if (!ComputeDigest(secret, timestamp, raw_body, digest))
        throw std::runtime_error("HMAC-SHA256 failed in OpenSSL");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out(kVersionPrefix);
    out.reserve(kVersionPrefix.size() + kHexDigestSize);
    for (unsigned char byte : digest) {
        out.push_back(kHex[byte >> 4]);
        out.push_back(kHex[byte & 0x0f]);
    }
    return out;
}

}  // namespace escbot::verify
