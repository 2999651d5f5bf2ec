#include <string>

#include <gtest/gtest.h>

#include "commands/block_kit/text.hpp"

namespace escbot::commands::block_kit {
namespace {

/// True when `text` is well-formed UTF-8.
bool IsValidUtf8(const std::string& text) { return SanitizeUtf8(text) == text; }

TEST(EscapeMrkdwnTest, EscapesOnlyAmpersandAndAngleBrackets) {
    EXPECT_EQ(EscapeMrkdwn("a & b < c > d 'q' \"q\" *b* _i_"),
              "a &amp; b &lt; c &gt; d 'q' \"q\" *b* _i_");
}

TEST(EscapeMrkdwnTest, EscapesAmpersandFirstSoEntitiesAreNotDecodedBySlack) {
    EXPECT_EQ(EscapeMrkdwn("&lt;!channel&gt;"), "&amp;lt;!channel&amp;gt;");
}

TEST(EscapeMrkdwnTest, NeutralisesMentionsAndFakeLinks) {
    EXPECT_EQ(EscapeMrkdwn("<!channel> <https://evil|x>"),
              "&lt;!channel&gt; &lt;https://evil|x&gt;");
}

TEST(TruncateTest, LeavesTextThatFitsUnchanged) {
    EXPECT_EQ(Truncate("hello", 5), "hello");
}

TEST(TruncateTest, CutsWithAVisibleMarkerThatCountsTowardTheLimit) {
    EXPECT_EQ(Truncate("hello world", 6), "hello…");
    EXPECT_EQ(CountChars(Truncate("hello world", 6)), 6u);
}

TEST(TruncateTest, CountsCharactersNotBytes) {
    EXPECT_EQ(Truncate("ééé", 3), "ééé");
    EXPECT_EQ(Truncate("éééé", 3), "éé…");
}

TEST(TruncateTest, NeverSplitsAUtf8SequenceAtAnyLimit) {
    const std::string text = "aé€😀bé€😀c日本語🎉";  // 1-, 2-, 3- and 4-byte characters

    for (std::size_t max = 0; max <= CountChars(text) + 1; ++max) {
        const std::string cut = Truncate(text, max);
        EXPECT_TRUE(IsValidUtf8(cut)) << "max=" << max;
        EXPECT_LE(CountChars(cut), max) << "max=" << max;
    }
}

TEST(TruncateTest, ReplacesInvalidBytesSoTheResultIsValidUtf8) {
    const std::string broken = std::string("ab") + char(0xC3) + "cd" + char(0xF0) + char(0x9F);

    const std::string cut = Truncate(broken, 100);

    EXPECT_TRUE(IsValidUtf8(cut));
    EXPECT_EQ(cut, "ab\xEF\xBF\xBD" "cd\xEF\xBF\xBD\xEF\xBF\xBD");  // one U+FFFD per bad byte
}

TEST(TruncateTest, LimitSmallerThanTheMarkerReturnsPartOfTheMarker) {
    EXPECT_EQ(Truncate("hello", 2, "[cut]"), "[c");
    EXPECT_EQ(Truncate("hello", 0), "");
}

TEST(EscapeAndTruncateTest, NeverEndsInHalfAnEntity) {
    const std::string raw = "a&&&&&&&&&&";

    for (std::size_t max = 1; max <= 60; ++max) {
        const std::string cut = EscapeAndTruncate(raw, max);
        EXPECT_LE(CountChars(cut), max);
        const std::size_t amp = cut.rfind('&');
        if (amp != std::string::npos) {
            EXPECT_EQ(cut.substr(amp, 5), "&amp;") << "max=" << max << " cut=" << cut;
        }
    }
}

TEST(TruncateMrkdwnTest, NeverLeavesHalfAMentionOrEntity) {
    const std::string mrkdwn = "Escalated by <@U12345678> &amp; <!date^1^{date}|fallback> ok";

    for (std::size_t max = 1; max <= mrkdwn.size(); ++max) {
        const std::string cut = TruncateMrkdwn(mrkdwn, max);
        EXPECT_LE(CountChars(cut), max);
        EXPECT_EQ(std::count(cut.begin(), cut.end(), '<'), std::count(cut.begin(), cut.end(), '>'))
            << cut;
        const std::size_t amp = cut.rfind('&');
        if (amp != std::string::npos) {
            EXPECT_NE(cut.find(';', amp), std::string::npos) << cut;
        }
    }
}

TEST(TrimWhitespaceTest, DropsSpacesTabsAndLineBreaksAroundOnly) {
    EXPECT_EQ(TrimWhitespace(" \t Jane  Doe\r\n"), "Jane  Doe");
    EXPECT_EQ(TrimWhitespace("Jane"), "Jane");
    EXPECT_EQ(TrimWhitespace(" \n\t "), "");
    EXPECT_EQ(TrimWhitespace(""), "");
}

TEST(SanitizeUtf8Test, ValidTextComesBackUnchangedAndInvalidBytesAreReplaced) {
    EXPECT_EQ(SanitizeUtf8("plain ascii"), "plain ascii");
    EXPECT_EQ(SanitizeUtf8("caf\xC3\xA9 \xE2\x98\x80"), "caf\xC3\xA9 \xE2\x98\x80");
    EXPECT_EQ(SanitizeUtf8("a\xC3"), "a\xEF\xBF\xBD");  // cut sequence
    EXPECT_EQ(SanitizeUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
    EXPECT_EQ(CountChars("caf\xC3\xA9\xFF"), 5u);  // an invalid byte counts as one character
}

}  // namespace
}  // namespace escbot::commands::block_kit
