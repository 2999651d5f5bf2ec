#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

#include "config/sop/sop.hpp"
#include "config/sop/sop_error.hpp"

// What the parts of the SOP validator share: the id and text rules, and the error list they
// all add to.
namespace escbot::config::sop::checks {

constexpr std::size_t kMaxIdLength = 64;  // ids become block ids "q_<id>" (Slack: <= 255)

/// Characters as Slack counts them in its limits (code points), not bytes.
std::size_t Chars(std::string_view text);
bool IsValidId(std::string_view id);
bool IsValidVersion(std::string_view version);

struct Place {
    std::string step;
    std::string question;
};

/// The base of the validator's parts: the Sop under check and the errors found so far.
class SopCheck {
protected:
    SopCheck(const Sop& sop, SopErrors& errors) : sop_(sop), errors_(errors) {}

    void Add(int line, const Place& place, std::string message) {
        errors_.push_back({sop_.file, line, place.step, place.question, std::move(message)});
    }

    /// Reports an empty (when required) or too long text.
    void CheckText(int line, const Place& place, std::string_view what, std::string_view text,
                   std::size_t max, bool required = true) {
        if (required && text.empty()) {
            Add(line, place, std::string(what) + " is empty");
            return;
        }
        const std::size_t chars = Chars(text);
        if (chars > max) {
            Add(line, place,
                std::string(what) + " has " + std::to_string(chars) +
                    " characters; Slack allows " + std::to_string(max));
        }
    }

    void CheckId(int line, const Place& place, std::string_view what, std::string_view id,
                 std::map<std::string, int, std::less<>>& seen) {
        if (!IsValidId(id)) {
            Add(line, place,
                std::string(what) + " id \"" + std::string(id) +
                    "\" must be 1-64 characters of a-z, 0-9 and _ starting with a letter");
        }
        const auto [it, inserted] = seen.emplace(std::string(id), line);
        if (!inserted) {
            Add(line, place,
                "duplicate " + std::string(what) + " id \"" + std::string(id) +
                    "\" (first defined on line " + std::to_string(it->second) + ")");
        }
    }

    const Sop& sop_;

private:
    SopErrors& errors_;
};

}  // namespace escbot::config::sop::checks
