#include "commands/block_kit/blocks.hpp"

#include <algorithm>

#include "commands/block_kit/text.hpp"

namespace escbot::commands::block_kit {

using nlohmann::json;

namespace {

json WithBlockId(json block, std::string_view block_id) {
    if (!block_id.empty()) block["block_id"] = block_id;
    return block;
}

json OptionArray(std::vector<json> options, std::size_t max) {
    if (options.size() > max) options.resize(max);
    return json(std::move(options));
}

/// Copies of the chosen options (each must be one of the first `max`), taken before the options
/// move into their array.
json ChosenOptions(const std::vector<json>& options, const std::vector<std::size_t>& chosen,
                   std::size_t max) {
    json out = json::array();
    for (const std::size_t i : chosen) {
        if (i < options.size() && i < max) out.push_back(options[i]);
    }
    return out;
}

}  // namespace

// The small objects below are filled key by key: nlohmann's brace form builds a temporary
// array for every pair first, which made it the largest cost of building a modal.

json PlainText(std::string_view text, std::size_t max_chars) {
    json object(json::value_t::object);
    object["type"] = "plain_text";
    object["text"] = Truncate(text, max_chars);
    object["emoji"] = true;
    return object;
}

json Mrkdwn(std::string_view mrkdwn, std::size_t max_chars) {
    json object(json::value_t::object);
    object["type"] = "mrkdwn";
    object["text"] = TruncateMrkdwn(mrkdwn, max_chars);
    return object;
}

json Header(std::string_view text, std::string_view block_id) {
    return WithBlockId({{"type", "header"}, {"text", PlainText(text, limits::kHeaderText)}},
                       block_id);
}

json Section(std::string_view mrkdwn, std::string_view block_id) {
    json block(json::value_t::object);
    block["type"] = "section";
    block["text"] = Mrkdwn(mrkdwn, limits::kSectionText);
    return WithBlockId(std::move(block), block_id);
}

json SectionFields(const std::vector<std::string>& mrkdwn_fields, std::string_view block_id) {
    json fields = json::array();
    for (std::size_t i = 0; i < mrkdwn_fields.size() && i < limits::kSectionFields; ++i) {
        fields.push_back(Mrkdwn(mrkdwn_fields[i], limits::kSectionFieldText));
    }
    return WithBlockId({{"type", "section"}, {"fields", std::move(fields)}}, block_id);
}

json Context(const std::vector<std::string>& mrkdwn_texts, std::string_view block_id) {
    json elements = json::array();
    for (std::size_t i = 0; i < mrkdwn_texts.size() && i < limits::kContextElements; ++i) {
        elements.push_back(Mrkdwn(mrkdwn_texts[i], limits::kTextObject));
    }
    return WithBlockId({{"type", "context"}, {"elements", std::move(elements)}}, block_id);
}

json Divider(std::string_view block_id) { return WithBlockId({{"type", "divider"}}, block_id); }

json Actions(std::string_view block_id, std::vector<json> elements) {
    if (elements.size() > limits::kActionsElements) elements.resize(limits::kActionsElements);
    return WithBlockId({{"type", "actions"}, {"elements", std::move(elements)}}, block_id);
}

json Button(std::string_view text, std::string_view action_id, std::string_view value,
            ButtonStyle style) {
    json button = {{"type", "button"},
                   {"text", PlainText(text, limits::kButtonText)},
                   {"action_id", action_id}};
    if (!value.empty()) button["value"] = value;
    if (style == ButtonStyle::kPrimary) button["style"] = "primary";
    if (style == ButtonStyle::kDanger) button["style"] = "danger";
    return button;
}

json Option(std::string_view text, std::string_view value) {
    json option(json::value_t::object);
    option["text"] = PlainText(text, limits::kOptionText);
    option["value"] = value;
    return option;
}

json Input(std::string_view block_id, std::string_view label, json element,
           const InputSpec& spec) {
    json block(json::value_t::object);
    block["type"] = "input";
    block["block_id"] = block_id;
    block["label"] = PlainText(label, limits::kLabel);
    block["element"] = std::move(element);
    block["optional"] = spec.optional;
    if (!spec.hint.empty()) block["hint"] = PlainText(spec.hint, limits::kHint);
    if (spec.dispatch_action) block["dispatch_action"] = true;
    return block;
}

json RadioButtons(std::string_view action_id, std::vector<json> options,
                  std::optional<std::size_t> initial) {
    json element(json::value_t::object);
    element["type"] = "radio_buttons";
    element["action_id"] = action_id;
    if (initial && *initial < options.size() && *initial < limits::kCheckboxOptions) {
        element["initial_option"] = options[*initial];
    }
    element["options"] = OptionArray(std::move(options), limits::kCheckboxOptions);
    return element;
}

json Checkboxes(std::string_view action_id, std::vector<json> options,
                const std::vector<std::size_t>& initial) {
    json chosen = ChosenOptions(options, initial, limits::kCheckboxOptions);
    json element = {{"type", "checkboxes"},
                    {"action_id", action_id},
                    {"options", OptionArray(std::move(options), limits::kCheckboxOptions)}};
    if (!chosen.empty()) element["initial_options"] = std::move(chosen);
    return element;
}

json StaticSelect(std::string_view action_id, std::string_view placeholder,
                  std::vector<json> options, std::optional<std::size_t> initial) {
    json element(json::value_t::object);
    element["type"] = "static_select";
    element["action_id"] = action_id;
    if (initial && *initial < options.size() && *initial < limits::kSelectOptions) {
        element["initial_option"] = options[*initial];
    }
    element["options"] = OptionArray(std::move(options), limits::kSelectOptions);
    if (!placeholder.empty()) element["placeholder"] = PlainText(placeholder, limits::kPlaceholder);
    return element;
}

json MultiStaticSelect(std::string_view action_id, std::string_view placeholder,
                       std::vector<json> options, const std::vector<std::size_t>& initial) {
    json chosen = ChosenOptions(options, initial, limits::kSelectOptions);
    json element = {{"type", "multi_static_select"},
                    {"action_id", action_id},
                    {"options", OptionArray(std::move(options), limits::kSelectOptions)}};
    if (!placeholder.empty()) element["placeholder"] = PlainText(placeholder, limits::kPlaceholder);
    if (!chosen.empty()) element["initial_options"] = std::move(chosen);
    return element;
}

json PlainTextInput(std::string_view action_id, const TextInputSpec& spec) {
    json element = {{"type", "plain_text_input"}, {"action_id", action_id}};
    if (spec.multiline) element["multiline"] = true;
    std::size_t max = limits::kTextInputLength;
    if (spec.max_length > 0) {
        max = std::min(spec.max_length, limits::kTextInputLength);
        element["max_length"] = max;
    }
    // An initial value longer than max_length would be rejected: cut it (no marker: it is input).
    if (!spec.initial_value.empty()) element["initial_value"] = Truncate(spec.initial_value, max, "");
    if (!spec.placeholder.empty()) {
        element["placeholder"] = PlainText(spec.placeholder, limits::kPlaceholder);
    }
    return element;
}

json EmailInput(std::string_view action_id, std::string_view initial_value,
                std::string_view placeholder) {
    json element = {{"type", "email_text_input"}, {"action_id", action_id}};
    if (!initial_value.empty()) {
        element["initial_value"] = Truncate(initial_value, limits::kTextInputLength, "");
    }
    if (!placeholder.empty()) element["placeholder"] = PlainText(placeholder, limits::kPlaceholder);
    return element;
}

json DatePicker(std::string_view action_id, std::string_view initial_date,
                std::string_view placeholder) {
    json element = {{"type", "datepicker"}, {"action_id", action_id}};
    if (!initial_date.empty()) element["initial_date"] = initial_date;
    if (!placeholder.empty()) element["placeholder"] = PlainText(placeholder, limits::kPlaceholder);
    return element;
}

json Modal(ModalSpec spec) {
    json view(json::value_t::object);
    view["type"] = "modal";
    view["title"] = PlainText(spec.title, limits::kModalTitle);
    view["blocks"] = std::move(spec.blocks);
    if (!spec.submit.empty()) view["submit"] = PlainText(spec.submit, limits::kModalTitle);
    if (!spec.close.empty()) view["close"] = PlainText(spec.close, limits::kModalTitle);
    if (!spec.callback_id.empty()) view["callback_id"] = std::move(spec.callback_id);
    if (!spec.private_metadata.empty()) view["private_metadata"] = std::move(spec.private_metadata);
    if (spec.notify_on_close) view["notify_on_close"] = true;
    return view;
}

json Message(std::string_view fallback_mrkdwn, json blocks) {
    return {{"text", TruncateMrkdwn(fallback_mrkdwn, limits::kMessageText)},
            {"blocks", std::move(blocks)}};
}

}  // namespace escbot::commands::block_kit
