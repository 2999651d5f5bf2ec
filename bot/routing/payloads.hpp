#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace escbot::routing {

// The payloads Slack sends, as typed values holding the fields the bot uses. Each is read once,
// by ParsePayload, with checked reads: a missing required field makes the whole request a
// malformed one (400 over HTTP, a logged and acked envelope in Socket Mode), so a handler never
// meets a half-filled payload. Optional fields read as "" or empty when Slack leaves them out.
// Extra fields are ignored.

using SteadyTime = std::chrono::steady_clock::time_point;

/// `/command text` (HTTP form fields, or a Socket Mode slash_commands payload).
struct SlashCommand {
    std::string command;       // required: "/escalate"
    std::string text;          // what follows the command ("" when nothing)
    std::string user_id;       // required
    std::string channel_id;
    std::string trigger_id;    // lets the handler open a modal within 3 s of Slack's send
    std::string response_url;
    SteadyTime received_at{};
};

/// One input element's state in `view.state.values`, by element type: text inputs and
/// number_input fill `value`; radio_buttons and static_select one `selected`; checkboxes and
/// multi_static_select any number; users_select its `selected_user` in `selected`; datepicker
/// `selected_date` (YYYY-MM-DD).
struct InputState {
    std::string type;
    std::optional<std::string> value;
    std::vector<std::string> selected;
    std::optional<std::string> selected_date;
};

/// `view.state.values`: block_id -> action_id -> state.
using StateValues = std::map<std::string, std::map<std::string, InputState>>;

/// The view a view_submission, view_closed or in-modal block_actions came from.
struct View {
    std::string id;                // required
    std::string hash;              // for views.update's compare-and-set
    std::string callback_id;
    std::string private_metadata;
    std::vector<std::string> block_ids;  // of the view's blocks, in order
    StateValues state;

    /// The state of (block_id, action_id); nullptr when absent.
    const InputState* Input(const std::string& block_id, const std::string& action_id) const;
};

/// A button or select pressed in a message or in a view (`block_actions`, first action).
struct BlockAction {
    std::string user_id;      // required
    std::string action_id;    // required
    std::string block_id;
    std::string value;        // a button's value ("" for other elements)
    std::string selected;     // a select's or radio's chosen option value ("" otherwise)
    std::string trigger_id;
    std::string channel_id;   // of the message (channel.id or container.channel_id)
    std::string message_ts;   // of the message clicked ("" when the action came from a view)
    std::string response_url; // answers the clicker where they clicked ("" from a modal)
    std::optional<View> view; // set when the action came from a modal or the Home tab
    SteadyTime received_at{};
};

/// A modal submitted.
struct ViewSubmission {
    std::string user_id;      // required
    std::string trigger_id;
    View view;                // required, with a callback_id
    SteadyTime received_at{};
};

/// A modal closed with notify_on_close.
struct ViewClosed {
    std::string user_id;      // required
    View view;                // required, with a callback_id
    SteadyTime received_at{};
};

/// Events API `app_home_opened`.
struct AppHomeOpened {
    std::string user;         // required
    std::string tab;          // "home" or "messages" ("home" when absent)
};

/// An event_callback. `event` is monostate for event types the bot does not read.
struct EventCallback {
    std::string event_id;     // for de-duplication of redeliveries ("" when absent)
    std::string type;         // required: event.type
    std::variant<std::monostate, AppHomeOpened> event;
    SteadyTime received_at{};
};

/// Events API url_verification: answered with the challenge.
struct UrlVerification {
    std::string challenge;    // required
};

/// A well-formed request of a kind the bot has no route for (shortcut, message_action, ...).
struct Unsupported {
    std::string type;
};

using Payload = std::variant<SlashCommand, BlockAction, ViewSubmission, ViewClosed,
                             EventCallback, UrlVerification, Unsupported>;

/// A payload that failed a checked read: `error` names the field ("block_actions: no user.id"),
/// a static text that never quotes the body.
struct PayloadError {
    std::string_view error;
};

using Parsed = std::variant<Payload, PayloadError>;

/// Checked reads of one kind of body (see InboundKind). Never throw.
Parsed ParseSlashCommand(const nlohmann::json& fields, SteadyTime received_at);
Parsed ParseInteraction(const nlohmann::json& payload, SteadyTime received_at);
Parsed ParseEvent(const nlohmann::json& envelope, SteadyTime received_at);

/// "command:/escalate", "action:claim", "view:escalate_step", "view_closed:...",
/// "event:app_home_opened", ... for logs and metrics; holds no user text.
std::string RouteName(const Payload& payload);

/// The acting user of a payload ("" for events without one).
std::string UserOf(const Payload& payload);

}  // namespace escbot::routing
