#include "commands/escalation/homeowner_key.hpp"

#include <gtest/gtest.h>

namespace escbot::commands::escalation {
namespace {

TEST(HomeownerKey, CaseSpacingAndPunctuationDoNotMatter) {
    EXPECT_EQ(HomeownerKey("Jane  Q. DOE", "12 Main St."),
              HomeownerKey("jane q doe", "12 main st"));
}

TEST(HomeownerKey, CommonAddressWordsAndTheirAbbreviationsMatch) {
    EXPECT_EQ(HomeownerKey("Jane Doe", "12 North Main Street, Apartment 4"),
              HomeownerKey("Jane Doe", "12 N Main St #4"));
    EXPECT_EQ(HomeownerKey("Jane Doe", "5 Oak Avenue"), HomeownerKey("Jane Doe", "5 Oak Ave."));
    EXPECT_EQ(HomeownerKey("Jane Doe", "7 Elm Road"), HomeownerKey("Jane Doe", "7 elm rd"));
}

TEST(HomeownerKey, DifferentHomeownersOrAddressesDiffer) {
    EXPECT_NE(HomeownerKey("Jane Doe", "12 Main St"), HomeownerKey("John Doe", "12 Main St"));
    EXPECT_NE(HomeownerKey("Jane Doe", "12 Main St"), HomeownerKey("Jane Doe", "14 Main St"));
}

TEST(HomeownerKey, NameAndAddressCannotBleedIntoEachOther) {
    EXPECT_NE(HomeownerKey("Jane Doe 12", "Main St"), HomeownerKey("Jane Doe", "12 Main St"));
}

TEST(HomeownerKey, EmptyInputsGiveAnEmptyKey) {
    EXPECT_EQ(HomeownerKey("", "  ,. "), "");
}

TEST(HomeownerKey, NonAsciiLettersAreKept) {
    EXPECT_EQ(NormalizeForKey("José  Núñez"), "josé núñez");
}

}  // namespace
}  // namespace escbot::commands::escalation
