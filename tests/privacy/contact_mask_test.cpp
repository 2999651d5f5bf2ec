// The one masking function of [privacy] mask_contact_details: what counts as an email or a phone
// number, how each is masked, and what stays as written.

#include "commands/privacy/contact_mask.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace escbot::commands::privacy {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(MaskContactDetails, AnEmailKeepsItsFirstLettersAndTopLevelDomain) {
    EXPECT_EQ(MaskContactDetails("jane.homeowner@example.com"), "j•••@e•••.com");
    EXPECT_EQ(MaskContactDetails("zq.pii-probe@example.org"), "z•••@e•••.org");
    EXPECT_EQ(MaskContactDetails("Write to ops@sunco.solar.co.uk."), "Write to o•••@s•••.uk.");
}

TEST(MaskContactDetails, APhoneKeepsItsLastFourDigitsAndItsLayout) {
    EXPECT_EQ(MaskContactDetails("(555) 201-3344"), "(•••) •••-3344");
    EXPECT_EQ(MaskContactDetails("555-0199-777"), "•••-•••9-777");
    EXPECT_EQ(MaskContactDetails("+1 (555) 201-3344"), "+• (•••) •••-3344");
    EXPECT_EQ(MaskContactDetails("call 555.201.3344 after 5"), "call •••.•••.3344 after 5");
    EXPECT_EQ(MaskContactDetails("5552013344"), "••••••3344");
    EXPECT_EQ(MaskContactDetails("cell: 201-5550"), "cell: •••-5550");
}

TEST(MaskContactDetails, SeveralInOneTextAreAllMasked) {
    EXPECT_EQ(MaskContactDetails("Reach Zed at zq@example.org or 555-0199-777, or 201-555-0100."),
              "Reach Zed at z•••@e•••.org or •••-•••9-777, or •••-•••-0100.");
}

TEST(MaskContactDetails, NumbersThatAreNotPhonesStay) {
    for (const char* text :
         {"77 Unlikely Lane, Springfield 01101", "CX-20261123-0042", "installed 2026-11-23",
          "ESC-12", "$12,500.00 loan", "ticket ABC1234567", "12.5 kW", "11/23/2026",
          "v1.2345678", "123456", "1234567890123456"}) {
        EXPECT_EQ(MaskContactDetails(text), text) << text;
    }
}

TEST(MaskContactDetails, AnAtThatIsNoEmailStays) {
    for (const char* text : {"@here", "meet @ 5", "a@b", "x@host.c", "name@domain.123"}) {
        EXPECT_EQ(MaskContactDetails(text), text) << text;
    }
}

TEST(MaskContactDetails, DigitsInAnEmailAreTheEmailsNotAPhone) {
    EXPECT_EQ(MaskContactDetails("5552013344@txt.example.net"), "5•••@t•••.net");
}

TEST(MaskContactDetails, IsDeterministicAndLeavesTextWithoutContactsAlone) {
    const std::string text = "Signed on the rep's tablet; welcome call answered by a man";
    EXPECT_EQ(MaskContactDetails(text), text);
    EXPECT_EQ(MaskContactDetails("zq@example.org"), MaskContactDetails("zq@example.org"));
    EXPECT_EQ(MaskContactDetails(""), "");
}

TEST(ContactDetailsIn, ListsWhatMaskingHidesAsWritten) {
    EXPECT_THAT(ContactDetailsIn("Reach zq.pii-probe@example.org or (555) 201-3344."),
                ElementsAre("zq.pii-probe@example.org", "(555) 201-3344"));
    EXPECT_THAT(ContactDetailsIn("CX-20261123-0042 at 77 Unlikely Lane"), IsEmpty());
}

TEST(ForChannel, MasksOnlyWhenAsked) {
    EXPECT_EQ(ForChannel("zq@example.org", false), "zq@example.org");
    EXPECT_EQ(ForChannel("zq@example.org", true), "z•••@e•••.org");
}

}  // namespace
}  // namespace escbot::commands::privacy
