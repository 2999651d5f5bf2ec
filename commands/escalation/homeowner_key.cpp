#include "commands/escalation/homeowner_key.hpp"

#include <array>
#include <utility>

namespace escbot::commands::escalation {
namespace {

// Address words and their one spelling (USPS street suffixes and directionals in common use).
constexpr std::array<std::pair<std::string_view, std::string_view>, 44> kAbbreviations{{
    {"street", "st"},     {"str", "st"},          {"avenue", "ave"},     {"av", "ave"},
    {"road", "rd"},       {"drive", "dr"},        {"boulevard", "blvd"}, {"lane", "ln"},
    {"court", "ct"},      {"place", "pl"},        {"terrace", "ter"},    {"circle", "cir"},
    {"highway", "hwy"},   {"parkway", "pkwy"},    {"square", "sq"},      {"trail", "trl"},
    {"way", "wy"},        {"expressway", "expy"}, {"freeway", "fwy"},    {"crossing", "xing"},
    {"point", "pt"},      {"mount", "mt"},        {"mountain", "mtn"},   {"heights", "hts"},
    {"apartment", "apt"}, {"suite", "ste"},       {"unit", "unit"},      {"building", "bldg"},
    {"floor", "fl"},      {"north", "n"},         {"south", "s"},        {"east", "e"},
    {"west", "w"},        {"northeast", "ne"},    {"northwest", "nw"},   {"southeast", "se"},
    {"southwest", "sw"},  {"saint", "st"},        {"fort", "ft"},        {"center", "ctr"},
    {"centre", "ctr"},    {"plaza", "plz"},       {"route", "rte"},      {"county", "co"},
}};

std::string_view Canonical(std::string_view word) {
    for (const auto& [from, to] : kAbbreviations) {
        if (word == from) return to;
    }
    return word;
}

bool IsAsciiAlnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string NormalizeForKey(std::string_view text) {
    // Words: runs of ASCII letters/digits and non-ASCII bytes; everything else separates.
    std::string out;
    std::string word;
    const auto flush = [&] {
        if (word.empty()) return;
        if (!out.empty()) out.push_back(' ');
        out += Canonical(word);
        word.clear();
    };
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '#') {
            flush();
            word = "apt";
            flush();
        } else if (IsAsciiAlnum(c)) {
            word.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
        } else if (c >= 0x80) {
            word.push_back(ch);
        } else {
            flush();
        }
    }
    flush();
    return out;
}

std::string HomeownerKey(std::string_view name, std::string_view address) {
    std::string normalized_name = NormalizeForKey(name);
    std::string normalized_address = NormalizeForKey(address);
    if (normalized_name.empty() && normalized_address.empty()) return {};
    return normalized_name + "|" + normalized_address;
}

}  // namespace escbot::commands::escalation
