#include "bot/verify/signature.hpp"

#include <cctype>

#include <gtest/gtest.h>

namespace escbot::verify {
namespace {

using namespace std::chrono_literals;

// Slack's documented example (also python-slack-sdk's test_signature_verifier.py).
constexpr std::string_view kSecret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr std::string_view kTimestamp = "1531420618";
constexpr std::string_view kBody =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
    "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
    "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554"
    "%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6"
    "703c";
constexpr std::string_view kExpected =
    "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
const TimePoint kSentAt = FromUnix(1531420618);

TEST(Signature, SignReproducesSlacksDocumentedTestVector) {
    EXPECT_EQ(Sign(kSecret, kTimestamp, kBody), kExpected);
}

TEST(Signature, DocumentedTestVectorVerifies) {
    EXPECT_EQ(VerifySignature(kSecret, kTimestamp, kExpected, kBody, kSentAt), VerifyError::kOk);
}

TEST(Signature, FreshlySignedRequestVerifiesWithinTheWindow) {
    const std::string signature = Sign("s3cret", "1700000000", R"({"type":"event_callback"})");

    EXPECT_EQ(VerifySignature("s3cret", "1700000000", signature, R"({"type":"event_callback"})",
                              FromUnix(1700000000) + 299s),
              VerifyError::kOk);
}

TEST(Signature, UppercaseHexDigitsAreAccepted) {
    std::string upper(kExpected);
    for (std::size_t i = 3; i < upper.size(); ++i) upper[i] = char(std::toupper(upper[i]));

    EXPECT_EQ(VerifySignature(kSecret, kTimestamp, upper, kBody, kSentAt), VerifyError::kOk);
}

TEST(Signature, WrongSecretIsAMismatch) {
    EXPECT_EQ(VerifySignature("not-the-secret", kTimestamp, kExpected, kBody, kSentAt),
              VerifyError::kMismatch);
}

TEST(Signature, WrongDigestIsAMismatch) {
    std::string wrong(kExpected);
    wrong.back() = wrong.back() == '3' ? '4' : '3';

    EXPECT_EQ(VerifySignature(kSecret, kTimestamp, wrong, kBody, kSentAt), VerifyError::kMismatch);
}

TEST(Signature, BodyChangedByOneByteIsAMismatch) {
    std::string body(kBody);
    body[body.find("roadrunner")] = 'R';

    EXPECT_EQ(VerifySignature(kSecret, kTimestamp, kExpected, body, kSentAt),
              VerifyError::kMismatch);
}

TEST(Signature, TimestampChangedIsAMismatch) {
    EXPECT_EQ(VerifySignature(kSecret, "1531420619", kExpected, kBody, kSentAt),
              VerifyError::kMismatch);
}

TEST(Signature, MissingTimestampHeaderIsRejected) {
    EXPECT_EQ(VerifySignature(kSecret, "", kExpected, kBody, kSentAt),
              VerifyError::kMissingHeaders);
}

TEST(Signature, MissingSignatureHeaderIsRejected) {
    EXPECT_EQ(VerifySignature(kSecret, kTimestamp, "", kBody, kSentAt),
              VerifyError::kMissingHeaders);
}

TEST(Signature, TimestampOlderThanFiveMinutesIsStale) {
    EXPECT_EQ(VerifySignature(kSecret, kTimestamp, kExpected, kBody, kSentAt + 301s),
              VerifyError::kStale);
}

TEST(Signature, TimestampExactlyFiveMinutesOldIsAccepted) {
    EXPECT_EQ(VerifySignature(kSecret, kTimestamp, kExpected, kBody, kSentAt + 300s),
              VerifyError::kOk);
}

TEST(Signature, TimestampTenMinutesInTheFutureIsStale) {
    EXPECT_EQ(VerifySignature(kSecret, kTimestamp, kExpected, kBody, kSentAt - 600s),
              VerifyError::kStale);
}

TEST(Signature, NonNumericTimestampIsMalformed) {
    EXPECT_EQ(VerifySignature(kSecret, "15314206l8", kExpected, kBody, kSentAt),
              VerifyError::kMalformedTimestamp);
}

TEST(Signature, SignedOrFractionalOrPaddedTimestampsAreMalformed) {
    for (std::string_view ts : {"-1531420618", "+1531420618", "1531420618.5", " 1531420618",
                                "1531420618 ", "99999999999999999999999999"}) {
        EXPECT_EQ(VerifySignature(kSecret, ts, kExpected, kBody, kSentAt),
                  VerifyError::kMalformedTimestamp)
            << ts;
    }
}

TEST(Signature, OtherVersionPrefixIsRejected) {
    std::string v1(kExpected);
    v1[1] = '1';

    EXPECT_EQ(VerifySignature(kSecret, kTimestamp, v1, kBody, kSentAt), VerifyError::kBadVersion);
}

TEST(Signature, DigestOfTheWrongLengthOrWithNonHexIsMalformed) {
    std::string short_digest(kExpected.substr(0, kExpected.size() - 2));
    std::string non_hex(kExpected);
    non_hex[10] = 'g';

    EXPECT_EQ(VerifySignature(kSecret, kTimestamp, short_digest, kBody, kSentAt),
              VerifyError::kMalformedSignature);
    EXPECT_EQ(VerifySignature(kSecret, kTimestamp, non_hex, kBody, kSentAt),
              VerifyError::kMalformedSignature);
}

TEST(Signature, AlternatingSecretsOnOneThreadEachGiveTheirOwnDigest) {
    const std::string first = Sign("secret-a", "1", "body");
    const std::string second = Sign("secret-b", "1", "body");

    EXPECT_NE(first, second);
    EXPECT_EQ(Sign("secret-a", "1", "body"), first);
    EXPECT_EQ(Sign(kSecret, kTimestamp, kBody), kExpected);
}

TEST(Signature, EveryErrorHasAStableName) {
    EXPECT_EQ(ToString(VerifyError::kOk), "ok");
    EXPECT_EQ(ToString(VerifyError::kStale), "stale");
    EXPECT_EQ(ToString(VerifyError::kMismatch), "mismatch");
}

}  // namespace
}  // namespace escbot::verify
