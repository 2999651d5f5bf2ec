#include "commands/block_kit/limit_checker.hpp"

#include "commands/block_kit/limits.hpp"
#include "commands/block_kit/text.hpp"

namespace escbot::commands::block_kit::limit_check {

std::optional<std::string> Str(const json& object, std::string_view key) {
    if (!object.is_object()) return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

bool Has(const json& object, std::string_view key) {
    return object.is_object() && object.find(key) != object.end();
}

bool IsIsoDate(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
}

void LimitChecker::Fail(const std::string& where, const std::string& what) {
    errors_.push_back(where + ": " + what);
}

void LimitChecker::Length(const std::string& where, std::string_view what, std::size_t chars,
            std::size_t max) {
    if (chars > max) {
        Fail(where, std::string(what) + " has " + std::to_string(chars) +
                        " characters; the limit is " + std::to_string(max));
    }
}

void LimitChecker::StringField(const json& object, std::string_view key, const std::string& where,
                 std::size_t max, bool required) {
    if (!Has(object, key)) {
        if (required) Fail(where, std::string(key) + " is missing");
        return;
    }
    const json& value = object.at(std::string(key));
    if (!value.is_string()) {
        Fail(where, std::string(key) + " must be a string");
        return;
    }
    const std::size_t chars = CountChars(value.get_ref<const std::string&>());
    if (required && chars == 0) Fail(where, std::string(key) + " is empty");
    Length(where, key, chars, max);
}

void LimitChecker::Text(const json& parent, std::string_view key, const std::string& where, std::size_t max,
          bool required, bool plain_only) {
    if (!Has(parent, key)) {
        if (required) Fail(where, std::string(key) + " is missing");
        return;
    }
    TextObject(parent.at(std::string(key)), where, key, max, required, plain_only);
}

void LimitChecker::TextObject(const json& text, const std::string& where, std::string_view what,
                std::size_t max, bool required, bool plain_only) {
    if (!text.is_object()) {
        Fail(where, std::string(what) + " must be a text object");
        return;
    }
    const auto type = Str(text, "type");
    if (type != "plain_text" && type != "mrkdwn") {
        Fail(where, std::string(what) + " type must be plain_text or mrkdwn");
    } else if (plain_only && type == "mrkdwn") {
        Fail(where, std::string(what) + " must be plain_text");
    }
    const auto value = Str(text, "text");
    if (!value) {
        Fail(where, std::string(what) + " has no text string");
        return;
    }
    const std::size_t chars = CountChars(*value);
    if (required && chars == 0) Fail(where, std::string(what) + " is empty");
    Length(where, what, chars, max);
}

void LimitChecker::Confirm(const json& element, const std::string& where) {
    if (!Has(element, "confirm")) return;
    const json& confirm = element.at("confirm");
    const std::string at = where + " confirm";
    Text(confirm, "title", at, limits::kConfirmTitle, true, true);
    Text(confirm, "text", at, limits::kConfirmText, true, false);
    Text(confirm, "confirm", at, limits::kConfirmButton, true, true);
    Text(confirm, "deny", at, limits::kConfirmButton, true, true);
}

std::set<std::pair<std::string, std::string>> LimitChecker::Options(const json& options,
                                                      const std::string& where,
                                                      std::size_t min_count,
                                                      std::size_t max_count, bool plain_only) {
    std::set<std::pair<std::string, std::string>> seen;
    if (!options.is_array()) {
        Fail(where, "options must be an array");
        return seen;
    }
    if (options.size() < min_count || options.size() > max_count) {
        Fail(where, "has " + std::to_string(options.size()) + " options; allowed " +
                        std::to_string(min_count) + "-" + std::to_string(max_count));
    }
    for (std::size_t i = 0; i < options.size(); ++i) {
        const json& option = options[i];
        const std::string at = where + " options[" + std::to_string(i) + "]";
        Text(option, "text", at, limits::kOptionText, true, plain_only);
        StringField(option, "value", at, limits::kOptionValue, true);
        Text(option, "description", at, limits::kOptionText, false, plain_only);
        StringField(option, "url", at, limits::kUrl);
        const auto value = Str(option, "value");
        const auto text = Has(option, "text") ? Str(option.at("text"), "text") : std::nullopt;
        if (value && text) {
            if (!seen.emplace(*value, *text).second) Fail(at, "duplicate option");
        }
    }
    return seen;
}

void LimitChecker::InitialOptions(const json& element, const std::string& where,
                    const std::set<std::pair<std::string, std::string>>& options) {
    const auto check = [&](const json& option) {
        const auto value = Str(option, "value");
        const auto text = Has(option, "text") ? Str(option.at("text"), "text") : std::nullopt;
        if (!value || !text || options.count({*value, *text}) == 0) {
            Fail(where, "an initial option is not one of the options");
        }
    };
    if (Has(element, "initial_option")) check(element.at("initial_option"));
    if (Has(element, "initial_options")) {
        const json& initial = element.at("initial_options");
        if (!initial.is_array()) {
            Fail(where, "initial_options must be an array");
            return;
        }
        for (const json& option : initial) check(option);
    }
}

}  // namespace escbot::commands::block_kit::limit_check
