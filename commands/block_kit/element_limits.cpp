#include "commands/block_kit/limit_checker.hpp"

#include "commands/block_kit/limits.hpp"
#include "commands/block_kit/text.hpp"

namespace escbot::commands::block_kit::limit_check {

void LimitChecker::Element(const json& element, const std::string& block_where,
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

void LimitChecker::TextInput(const json& element, const std::string& where) {
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

}  // namespace escbot::commands::block_kit::limit_check
