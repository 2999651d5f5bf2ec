#include "commands/block_kit/check_limits.hpp"

#include "commands/block_kit/limit_checker.hpp"
#include "commands/block_kit/limits.hpp"
#include "commands/block_kit/text.hpp"

namespace escbot::commands::block_kit {
namespace limit_check {

template <class Fn>
void LimitChecker::ElementList(const json& block, const std::string& where, std::size_t max, Fn each) {
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

void LimitChecker::Block(const json& block, std::size_t index, std::set<std::string>& block_ids) {
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

void LimitChecker::Blocks(const json& surface, std::size_t max, bool required) {
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

void LimitChecker::View(const json& view, std::string_view type) {
    if (Str(view, "type") != type) Fail("view", "type must be \"" + std::string(type) + "\"");
    Blocks(view, limits::kViewBlocks, true);
    if (view.dump().size() > limits::kViewBytes) {
        Fail("view", "larger than " + std::to_string(limits::kViewBytes) + " bytes (view_too_large)");
    }
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

void LimitChecker::Message(const json& message, std::size_t max_text) {
    if (!message.is_object()) {
        Fail("message", "must be an object");
        return;
    }
    Blocks(message, limits::kMessageBlocks, false);
    if (Has(message, "blocks")) {
        const std::size_t total = TextInBlocks(message.at("blocks"));
        if (total > limits::kMessageBlocksText) {
            Fail("blocks", "hold " + std::to_string(total) +
                               " characters of text together; Slack refuses more than " +
                               std::to_string(limits::kMessageBlocksText) +
                               " (msg_blocks_too_long)");
        }
    }
    StringField(message, "text", "message", max_text);
    const bool has_text = Str(message, "text").value_or("").size() > 0;
    const bool has_blocks = Has(message, "blocks") && message.at("blocks").is_array() &&
                            !message.at("blocks").empty();
    if (!has_text && !has_blocks) Fail("message", "needs text or blocks");
}

}  // namespace limit_check

std::size_t TextInBlocks(const nlohmann::json& blocks) {
    std::size_t total = 0;
    if (blocks.is_object()) {
        for (const auto& [key, value] : blocks.items()) {
            total += key == "text" && value.is_string() ? CountChars(value.get_ref<const std::string&>())
                                                        : TextInBlocks(value);
        }
    } else if (blocks.is_array()) {
        for (const auto& value : blocks) total += TextInBlocks(value);
    }
    return total;
}

std::vector<std::string> CheckLimits(const nlohmann::json& surface, Surface kind) {
    std::vector<std::string> errors;
    limit_check::LimitChecker checker(errors);
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
