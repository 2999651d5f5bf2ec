#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands/block_kit/limits.hpp"

namespace escbot::commands::block_kit {

// Small builders for the Block Kit JSON the bot sends. Each cuts its texts to Slack's limit with
// a visible marker (so a long text is shortened, never rejected by Slack); ids and values are
// passed through unchanged (the caller keeps them short; CheckLimits reports them). mrkdwn
// arguments must already be escaped (EscapeMrkdwn) where they hold user text. All pure.

/// A plain_text object (no escaping needed), cut to `max_chars`.
nlohmann::json PlainText(std::string_view text, std::size_t max_chars = limits::kTextObject);
/// A mrkdwn object, cut to `max_chars` without splitting an entity or a <...> token.
nlohmann::json Mrkdwn(std::string_view mrkdwn, std::size_t max_chars = limits::kTextObject);

/// header block (plain text, <= 150).
nlohmann::json Header(std::string_view text, std::string_view block_id = {});
/// section block with mrkdwn text (<= 3000).
nlohmann::json Section(std::string_view mrkdwn, std::string_view block_id = {});
/// section block of up to 10 mrkdwn fields (each <= 2000); extra fields are dropped.
nlohmann::json SectionFields(const std::vector<std::string>& mrkdwn_fields,
                             std::string_view block_id = {});
/// context block of up to 10 mrkdwn texts; extra texts are dropped.
nlohmann::json Context(const std::vector<std::string>& mrkdwn_texts,
                       std::string_view block_id = {});
nlohmann::json Divider(std::string_view block_id = {});
/// actions block; at most 25 elements (extra ones are dropped).
nlohmann::json Actions(std::string_view block_id, std::vector<nlohmann::json> elements);

enum class ButtonStyle { kDefault, kPrimary, kDanger };
/// button element: text <= 75; `value` (<= 2000) passed through.
nlohmann::json Button(std::string_view text, std::string_view action_id, std::string_view value,
                      ButtonStyle style = ButtonStyle::kDefault);

/// An option {text: plain_text <= 75, value}.
nlohmann::json Option(std::string_view text, std::string_view value);

struct InputSpec {
    bool optional = false;
    std::string hint;
    /// Send block_actions when the value changes (to re-render conditional questions).
    bool dispatch_action = false;
};
/// input block: label <= 2000, hint <= 2000.
nlohmann::json Input(std::string_view block_id, std::string_view label, nlohmann::json element,
                     const InputSpec& spec = {});

/// Choice elements. `initial` indexes into `options`, so the initial option always matches one.
/// The options are taken by value: pass them with std::move when they are not needed after.
nlohmann::json RadioButtons(std::string_view action_id, std::vector<nlohmann::json> options,
                            std::optional<std::size_t> initial = std::nullopt);
nlohmann::json Checkboxes(std::string_view action_id, std::vector<nlohmann::json> options,
                          const std::vector<std::size_t>& initial = {});
nlohmann::json StaticSelect(std::string_view action_id, std::string_view placeholder,
                            std::vector<nlohmann::json> options,
                            std::optional<std::size_t> initial = std::nullopt);
nlohmann::json MultiStaticSelect(std::string_view action_id, std::string_view placeholder,
                                 std::vector<nlohmann::json> options,
                                 const std::vector<std::size_t>& initial = {});

struct TextInputSpec {
    bool multiline = false;
    std::size_t max_length = 0;  // 0: Slack's default; else 1-3000
    std::string initial_value;   // cut to max_length
    std::string placeholder;
};
nlohmann::json PlainTextInput(std::string_view action_id, const TextInputSpec& spec);
nlohmann::json EmailInput(std::string_view action_id, std::string_view initial_value,
                          std::string_view placeholder = {});
/// datepicker; `initial_date` (YYYY-MM-DD) is left out when empty.
nlohmann::json DatePicker(std::string_view action_id, std::string_view initial_date,
                          std::string_view placeholder = {});

struct ModalSpec {
    std::string title;  // <= 24
    std::string submit;  // "" for none (a modal without inputs)
    std::string close;
    std::string callback_id;
    std::string private_metadata;  // passed through: never personal data
    nlohmann::json blocks = nlohmann::json::array();
    bool notify_on_close = false;
};
nlohmann::json Modal(ModalSpec spec);

/// A message: `text` is the notification fallback (mrkdwn, cut to 40000), with blocks.
nlohmann::json Message(std::string_view fallback_mrkdwn, nlohmann::json blocks);

}  // namespace escbot::commands::block_kit
