#include "commands/escalation/homeowner_key.hpp"

#include <array>
#include <utility>
#include <vector>

#include "commands/escalation/latin_fold.hpp"

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

/// The words of `text` after folding (latin_fold.hpp); for an address, "#" as the word "apt"
/// and each address word in its one spelling.
std::vector<std::string> Words(std::string_view text, bool address) {
    const std::string folded = FoldLatin(text);
    std::vector<std::string> words;
    std::string word;
    const auto flush = [&] {
        if (!word.empty()) words.emplace_back(address ? Canonical(word) : word);
        word.clear();
    };
    for (const char ch : folded) {
        if (ch == '#' && address) {
            flush();
            word = "apt";
            flush();
        } else if (ch == ' ' || ch == '#') {
            flush();
        } else {
            word.push_back(ch);
        }
    }
    flush();
    return words;
}

std::string Join(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& word : words) {
        if (!out.empty()) out.push_back(' ');
        out += word;
    }
    return out;
}

bool IsInitial(const std::string& word) {
    return word.size() == 1 && word.front() >= 'a' && word.front() <= 'z';
}

}  // namespace

std::string NormalizeForKey(std::string_view text) { return Join(Words(text, true)); }

std::string NormalizeName(std::string_view name) {
    std::vector<std::string> words = Words(name, false);
    if (words.size() > 2) {
        // Middle initials: single letters between the first and the last word.
        std::vector<std::string> kept{words.front()};
        for (std::size_t i = 1; i + 1 < words.size(); ++i) {
            if (!IsInitial(words[i])) kept.push_back(words[i]);
        }
        kept.push_back(words.back());
        words = std::move(kept);
    }
    return Join(words);
}

std::string HomeownerKey(std::string_view name, std::string_view address) {
    std::string normalized_name = NormalizeName(name);
    std::string normalized_address = NormalizeForKey(address);
    if (normalized_name.empty() && normalized_address.empty()) return {};
    return normalized_name + "|" + normalized_address;
}

}  // namespace escbot::commands::escalation
