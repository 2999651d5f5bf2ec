#include "commands/block_kit/check_limits.hpp"

#include <optional>
#include <set>
#include <string_view>

#include "commands/block_kit/limits.hpp"
#include "commands/block_kit/text.hpp"

namespace escbot::commands::block_kit {
namespace {

using nlohmann::json;

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

class Checker {
public:
    explicit Checker(std::vector<std::string>& errors) : errors_(errors) {}

    void Fail(const std::string& where, const std::string& what) {
        errors_.push_back(where + ": " + what);
    }

    void Length(const std::string& where, std::string_view what, std::size_t chars,
                std::size_t max) {
        if (chars > max) {
            Fail(where, std::string(what) + " has " + std::to_string(chars) +
                            " characters; the limit is " + std::to_string(max));
        }
    }

    /// A string field (not a text object): type and length.
    void StringField(const json& object, std::string_view key, const std::string& where,
                     std::size_t max, bool required = false) {
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

    /// A text object ({type, text}) under `key`.
    void Text(const json& parent, std::string_view key, const std::string& where, std::size_t max,
              bool required, bool plain_only) {
        if (!Has(parent, key)) {
            if (required) Fail(where, std::string(key) + " is missing");
            return;
        }
        TextObject(parent.at(std::string(key)), where, key, max, required, plain_only);
    }

    void TextObject(const json& text, const std::string& where, std::string_view what,
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

    void Confirm(const json& element, const std::string& where) {
        if (!Has(element, "confirm")) return;
        const json& confirm = element.at("confirm");
        const std::string at = where + " confirm";
        Text(confirm, "title", at, limits::kConfirmTitle, true, true);
        Text(confirm, "text", at, limits::kConfirmText, true, false);
        Text(confirm, "confirm", at, limits::kConfirmButton, true, true);
        Text(confirm, "deny", at, limits::kConfirmButton, true, true);
    }

    /// Checks an options array; returns the (value, text) pairs for initial-option checks.
    std::set<std::pair<std::string, std::string>> Options(const json& options,
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

    void InitialOptions(const json& element, const std::string& where,
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

    void Element(const json& element, const std::string& block_where,
                 std::set<std::string>* action_ids) {
        if (!element.is_object()) {
            Fail(block_where, "an element must be an object");
            return;
        }
        const std::string type = Str(element, "type").value_or("");
        std::string where = block_where + " " + (type.empty() ? "element" : type);
        if (const auto action_id = Str(element, "action_id")) {
            where += " (action_id \"" + *action_id + "\")";
            Length(where, "action_id", CountChars(*action_id), limits::kActionId);
            if (action_ids != nullptr && !action_ids->insert(*action_id).second) {
                Fail(where, "duplicate action_id in the block");
            }
        }
        Text(element, "placeholder", where, limits::kPlaceholder, false, true);
        Confirm(element, where);

        if (type == "button") {
            Text(element, "text", where, limits::kButtonText, true, true);
            StringField(element, "value", where, limits::kButtonValue);
            StringField(element, "url", where, limits::kUrl);
            if (const auto style = Str(element, "style")) {
                if (*style != "primary" && *style != "danger") {
                    Fail(where, "style must be primary or danger");
                }
            }
        } else if (type == "static_select" || type == "multi_static_select") {
            std::set<std::pair<std::string, std::string>> options;
            if (Has(element, "options")) {
                options = Options(element.at("options"), where, 1, limits::kSelectOptions, true);
            } else if (Has(element, "option_groups")) {
                const json& groups = element.at("option_groups");
                if (!groups.is_array() || groups.size() > limits::kOptionGroups) {
                    Fail(where, "option_groups must be an array of at most 100");
                } else {
                    for (const json& group : groups) {
                        Text(group, "label", where, limits::kOptionText, true, true);
                        if (Has(group, "options")) {
                            options.merge(Options(group.at("options"), where, 1,
                                                  limits::kSelectOptions, true));
                        }
                    }
                }
            } else {
                Fail(where, "needs options or option_groups");
            }
            InitialOptions(element, where, options);
            if (Has(element, "max_selected_items")) {
                const json& max = element.at("max_selected_items");
                if (!max.is_number_integer() || max.get<long long>() < 1) {
                    Fail(where, "max_selected_items must be at least 1");
                }
            }
        } else if (type == "checkboxes" || type == "radio_buttons") {
            std::set<std::pair<std::string, std::string>> options;
            if (Has(element, "options")) {
                options = Options(element.at("options"), where, 1, limits::kCheckboxOptions, false);
            } else {
                Fail(where, "needs options");
            }
            InitialOptions(element, where, options);
        } else if (type == "overflow") {
            if (Has(element, "options")) {
                Options(element.at("options"), where, limits::kOverflowOptionsMin,
                        limits::kOverflowOptionsMax, true);
            } else {
                Fail(where, "needs options");
            }
        } else if (type == "plain_text_input") {
            TextInput(element, where);
        } else if (type == "email_text_input" || type == "url_text_input" ||
                   type == "number_input") {
            StringField(element, "initial_value", where, limits::kTextInputLength);
        } else if (type == "datepicker") {
            if (Has(element, "initial_date")) {
                const auto date = Str(element, "initial_date");
                if (!date || !IsIsoDate(*date)) Fail(where, "initial_date must be YYYY-MM-DD");
            }
        } else if (type == "image") {
            StringField(element, "alt_text", where, limits::kAltText, true);
            StringField(element, "image_url", where, limits::kUrl);
        } else if (type == "timepicker" || type == "datetimepicker" || type == "users_select" ||
                   type == "multi_users_select" || type == "conversations_select" ||
                   type == "multi_conversations_select" || type == "channels_select" ||
                   type == "multi_channels_select" || type == "external_select" ||
                   type == "multi_external_select" || type == "rich_text_input" ||
                   type == "file_input" || type == "workflow_button") {
            // Only the common checks above apply.
        } else {
            Fail(where, "unknown element type \"" + type + "\"");
        }
    }

    void TextInput(const json& element, const std::string& where) {
        std::optional<long long> min_length;
        std::optional<long long> max_length;
        const auto read = [&](std::string_view key, long long low, std::optional<long long>& out) {
            if (!Has(element, key)) return;
            const json& value = element.at(std::string(key));
            if (!value.is_number_integer()) {
                Fail(where, std::string(key) + " must be an integer");
                return;
            }
            out = value.get<long long>();
            if (*out < low || *out > static_cast<long long>(limits::kTextInputLength)) {
                Fail(where, std::string(key) + " " + std::to_string(*out) + " is outside " +
                                std::to_string(low) + "-" +
                                std::to_string(limits::kTextInputLength));
            }
        };
        read("min_length", 0, min_length);
        read("max_length", 1, max_length);
        if (min_length && max_length && *min_length > *max_length) {
            Fail(where, "min_length is greater than max_length");
        }
        const std::size_t max = max_length && *max_length > 0
                                    ? static_cast<std::size_t>(*max_length)
                                    : limits::kTextInputLength;
        StringField(element, "initial_value", where, max);
    }

    void Block(const json& block, std::size_t index, std::set<std::string>& block_ids) {
        std::string where = "blocks[" + std::to_string(index) + "]";
        if (!block.is_object()) {
            Fail(where, "a block must be an object");
            return;
        }
        const std::string type = Str(block, "type").value_or("");
        where += " (" + (type.empty() ? std::string("no type") : type);
        if (Has(block, "block_id")) {
            const auto block_id = Str(block, "block_id");
            if (!block_id) {
                where += ")";
                Fail(where, "block_id must be a string");
            } else {
                where += ", block_id \"" + *block_id + "\")";
                Length(where, "block_id", CountChars(*block_id), limits::kBlockId);
                if (!block_ids.insert(*block_id).second) Fail(where, "duplicate block_id");
            }
        } else {
            where += ")";
        }

        if (type == "section") {
            if (!Has(block, "text") && !Has(block, "fields")) Fail(where, "needs text or fields");
            Text(block, "text", where, limits::kSectionText, Has(block, "text"), false);
            if (Has(block, "fields")) {
                const json& fields = block.at("fields");
                if (!fields.is_array() || fields.empty()) {
                    Fail(where, "fields must be a non-empty array");
                } else {
                    if (fields.size() > limits::kSectionFields) {
                        Fail(where, "has " + std::to_string(fields.size()) +
                                        " fields; the limit is " +
                                        std::to_string(limits::kSectionFields));
                    }
                    for (std::size_t i = 0; i < fields.size(); ++i) {
                        TextObject(fields[i], where, "fields[" + std::to_string(i) + "]",
                                   limits::kSectionFieldText, true, false);
                    }
                }
            }
            if (Has(block, "accessory")) Element(block.at("accessory"), where + " accessory", nullptr);
        } else if (type == "header") {
            Text(block, "text", where, limits::kHeaderText, true, true);
        } else if (type == "divider") {
        } else if (type == "context") {
            ElementList(block, where, limits::kContextElements, [&](const json& e, std::size_t i) {
                const std::string at = where + " elements[" + std::to_string(i) + "]";
                if (Str(e, "type") == "image") {
                    StringField(e, "alt_text", at, limits::kAltText, true);
                } else {
                    TextObject(e, at, "text", limits::kTextObject, true, false);
                }
            });
        } else if (type == "actions") {
            std::set<std::string> action_ids;
            ElementList(block, where, limits::kActionsElements,
                        [&](const json& e, std::size_t) { Element(e, where, &action_ids); });
        } else if (type == "input") {
            Text(block, "label", where, limits::kLabel, true, true);
            Text(block, "hint", where, limits::kHint, false, true);
            if (Has(block, "element")) {
                Element(block.at("element"), where, nullptr);
            } else {
                Fail(where, "element is missing");
            }
        } else if (type == "markdown") {
            StringField(block, "text", where, limits::kMarkdownBlockText, true);
        } else if (type == "image") {
            StringField(block, "alt_text", where, limits::kAltText, true);
            StringField(block, "image_url", where, limits::kUrl);
            Text(block, "title", where, limits::kAltText, false, true);
        } else if (type == "rich_text" || type == "video" || type == "file") {
        } else {
            Fail(where, "unknown block type \"" + type + "\"");
        }
    }

    template <class Fn>
    void ElementList(const json& block, const std::string& where, std::size_t max, Fn each) {
        if (!Has(block, "elements") || !block.at("elements").is_array() ||
            block.at("elements").empty()) {
            Fail(where, "elements must be a non-empty array");
            return;
        }
        const json& elements = block.at("elements");
        if (elements.size() > max) {
            Fail(where, "has " + std::to_string(elements.size()) + " elements; the limit is " +
                            std::to_string(max));
        }
        for (std::size_t i = 0; i < elements.size(); ++i) each(elements[i], i);
    }

    void Blocks(const json& surface, std::size_t max, bool required) {
        if (!Has(surface, "blocks")) {
            if (required) Fail("surface", "blocks is missing");
            return;
        }
        const json& blocks = surface.at("blocks");
        if (!blocks.is_array()) {
            Fail("surface", "blocks must be an array");
            return;
        }
        if (blocks.size() > max) {
            Fail("surface", "has " + std::to_string(blocks.size()) + " blocks; the limit is " +
                                std::to_string(max));
        }
        std::set<std::string> block_ids;
        for (std::size_t i = 0; i < blocks.size(); ++i) Block(blocks[i], i, block_ids);
    }

    void View(const json& view, std::string_view type) {
        if (Str(view, "type") != type) Fail("view", "type must be \"" + std::string(type) + "\"");
        Blocks(view, limits::kViewBlocks, true);
        StringField(view, "private_metadata", "view", limits::kPrivateMetadata);
        StringField(view, "callback_id", "view", limits::kCallbackId);
        StringField(view, "external_id", "view", limits::kExternalId);
        if (type != "modal") return;

        Text(view, "title", "view", limits::kModalTitle, true, true);
        Text(view, "close", "view", limits::kModalTitle, false, true);
        bool has_input = false;
        if (Has(view, "blocks") && view.at("blocks").is_array()) {
            for (const json& block : view.at("blocks")) {
                if (Str(block, "type") == "input") has_input = true;
            }
        }
        Text(view, "submit", "view", limits::kModalTitle, has_input, true);
    }

    void Message(const json& message, std::size_t max_text) {
        if (!message.is_object()) {
            Fail("message", "must be an object");
            return;
        }
        Blocks(message, limits::kMessageBlocks, false);
        StringField(message, "text", "message", max_text);
        const bool has_text = Str(message, "text").value_or("").size() > 0;
        const bool has_blocks = Has(message, "blocks") && message.at("blocks").is_array() &&
                                !message.at("blocks").empty();
        if (!has_text && !has_blocks) Fail("message", "needs text or blocks");
    }

private:
    std::vector<std::string>& errors_;
};

}  // namespace

std::vector<std::string> CheckLimits(const nlohmann::json& surface, Surface kind) {
    std::vector<std::string> errors;
    Checker checker(errors);
    try {
        switch (kind) {
            case Surface::kModal: checker.View(surface, "modal"); break;
            case Surface::kHome: checker.View(surface, "home"); break;
            case Surface::kMessage: checker.Message(surface, limits::kMessageText); break;
            case Surface::kMessageUpdate: checker.Message(surface, limits::kUpdateText); break;
        }
    } catch (const nlohmann::json::exception& error) {
        errors.push_back(std::string("malformed surface: ") + error.what());
    }
    return errors;
}

}  // namespace escbot::commands::block_kit
