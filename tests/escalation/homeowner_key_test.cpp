#include "commands/escalation/homeowner_key.hpp"

#include <gtest/gtest.h>

#include "commands/escalation/latin_fold.hpp"

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
    EXPECT_NE(HomeownerKey("José Núñez", "1 Elm St"), HomeownerKey("José Nuno", "1 Elm St"));
}

TEST(HomeownerKey, NameAndAddressCannotBleedIntoEachOther) {
    EXPECT_NE(HomeownerKey("Jane Doe 12", "Main St"), HomeownerKey("Jane Doe", "12 Main St"));
}

TEST(HomeownerKey, EmptyInputsGiveAnEmptyKey) {
    EXPECT_EQ(HomeownerKey("", "  ,. "), "");
}

TEST(HomeownerKey, CaseAndAccentsFold) {
    EXPECT_EQ(HomeownerKey("JOSÉ ÑÚÑEZ", "4 Calle Peña"), HomeownerKey("José Ñúñez", "4 calle pena"));
    EXPECT_EQ(NormalizeName("JOSÉ ÑÚÑEZ"), "jose nunez");
    EXPECT_EQ(NormalizeForKey("Rua São João 5"), "rua sao joao 5");
}

TEST(HomeownerKey, PunctuationInsideNamesIsTolerated) {
    EXPECT_EQ(HomeownerKey("Mary-Ann O'Neil", "3 Bay Rd"), HomeownerKey("Mary Ann ONeil", "3 Bay Rd"));
    // A typographic apostrophe folds like the ASCII one.
    EXPECT_EQ(NormalizeName("Mary-Ann O\u2019Neil"), "mary ann oneil");
}

TEST(HomeownerKey, AMiddleInitialIsIgnored) {
    EXPECT_EQ(HomeownerKey("John Q. Smith", "9 Oak St"), HomeownerKey("John Smith", "9 Oak St"));
    EXPECT_EQ(NormalizeName("Mary A. B. Jones"), "mary jones");
    // Initials at either end are the name itself, not middle initials.
    EXPECT_EQ(NormalizeName("J. Smith"), "j smith");
    EXPECT_EQ(NormalizeName("Smith J"), "smith j");
    // A middle name is not an initial.
    EXPECT_NE(NormalizeName("John Quincy Smith"), NormalizeName("John Smith"));
}

TEST(HomeownerKey, AddressWordsAreNotAbbreviatedInNames) {
    // "West" in a name stays a word, so it is not taken for a middle initial ("w").
    EXPECT_EQ(NormalizeName("John West Smith"), "john west smith");
    EXPECT_NE(HomeownerKey("John West Smith", "1 Elm St"), HomeownerKey("John Smith", "1 Elm St"));
}

TEST(LatinFold, Latin1SupplementLettersFoldToTheirBase) {
    EXPECT_EQ(FoldLatin("ÀÁÂÃÄÅ àáâãäå Ç ç ÈÉÊË èéêë ÌÍÎÏ ìíîï Ñ ñ ÒÓÔÕÖØ òóôõöø ÙÚÛÜ ùúûü Ý ýÿ"),
              "aaaaaa aaaaaa c c eeee eeee iiii iiii n n oooooo oooooo uuuu uuuu y yy");
    EXPECT_EQ(FoldLatin("Æ æ ß Þ þ Ð ð"), "ae ae ss th th d d");
}

TEST(LatinFold, LatinExtendedALettersFoldToTheirBase) {
    EXPECT_EQ(FoldLatin("Ā ă Ą ć Č ď Đ ē Ė ę ğ Ģ ĥ ĩ İ ı Ĳ ĵ ķ ĺ Ł ń Ň ŋ ō Ő Œ ŕ Ř ś Š ş ţ Ť ũ Ů ű ų ŵ Ŷ Ÿ ź Ż ž ſ"),
              "a a a c c d d e e e g g h i i i ij j k l l n n n o o oe r r s s s t t u u u u w y y z z z s");
    EXPECT_EQ(FoldLatin("Wałęsa Dvořák Łódź"), "walesa dvorak lodz");
}

TEST(LatinFold, DecomposedAccentsFoldLikeComposedOnes) {
    EXPECT_EQ(FoldLatin("Jose\u0301 N\u0303u\u0301n\u0303ez"), FoldLatin("José Ñúñez"));
}

TEST(LatinFold, PunctuationSeparatesApostrophesJoin) {
    EXPECT_EQ(FoldLatin("O'Neil, D\u2019Arcy\u2014Smith\u00A0Jr."), "oneil  darcy smith jr ");
    EXPECT_EQ(FoldLatin("2\u00D73 \u00BFqu\u00E9?"), "2 3  que ");
}

TEST(LatinFold, OtherScriptsAndMalformedBytesAreKept) {
    EXPECT_EQ(FoldLatin("Δημήτρης"), "Δημήτρης");
    const std::string malformed = std::string("a\xC3") + "b\xFF";
    EXPECT_EQ(FoldLatin(malformed), malformed);
}

}  // namespace
}  // namespace escbot::commands::escalation
