#include "bot/console/console_session.hpp"

#include "bot/console/date_input.hpp"

#include <set>
#include <sstream>

namespace escbot::console {
namespace {

using routing::Ack;
using routing::Inbound;
using routing::InboundKind;

std::string Trim(const std::string& s) {
    const size_t begin = s.find_first_not_of(" \t\r");
    if (begin == std::string::npos) return "";
    return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

std::string PlainText(const nlohmann::json& text_object) {
    return text_object.is_object() ? MrkdwnToText(text_object.value("text", "")) : "";
}

nlohmann::json AllOptions(const nlohmann::json& element) {
    nlohmann::json options = element.value("options", nlohmann::json::array());
    for (const auto& group : element.value("option_groups", nlohmann::json::array()))
        for (const auto& option : group.value("options", nlohmann::json::array())) options.push_back(option);
    return options;
}

// Slack never sends invalid UTF-8 (its HTTP bodies are checked on arrival); neither may a line
// typed here, whose bytes would end up in stored JSON.
bool IsValidUtf8(const std::string& text) {
    try {
        (void)nlohmann::json(text).dump();
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

// What Slack sends for an input left as it was: the initial value, or its empty form
// (`"value": null`, `"selected_option": null`, `"selected_options": []`, ...).
nlohmann::json InitialState(const nlohmann::json& element) {
    const std::string type = element.value("type", "");
    nlohmann::json state = {{"type", type}};
    if (type == "radio_buttons" || type == "static_select") {
        state["selected_option"] = element.value("initial_option", nlohmann::json());
    } else if (type == "checkboxes" || type == "multi_static_select") {
        state["selected_options"] = element.value("initial_options", nlohmann::json::array());
    } else if (type == "datepicker") {
        state["selected_date"] = element.value("initial_date", nlohmann::json());
    } else if (type == "timepicker") {
        state["selected_time"] = element.value("initial_time", nlohmann::json());
    } else if (type == "users_select") {
        state["selected_user"] = element.value("initial_user", nlohmann::json());
    } else {
        state["value"] = element.value("initial_value", nlohmann::json());
    }
    return state;
}

constexpr const char* kHelp =
    "Type a slash command as you would in Slack (for example /escalate Jane Doe), or:\n"
    "  click N        press button [N] of a message above\n"
    "  as UXXXX       act as another Slack user (leads, on-call contacts)\n"
    "  advance 30s    move the bot's clock forward (30s, 10m, 2h, 1d, 1w, or business time:\n"
    "                 24bh, 2bd) and run what falls due\n"
    "  now            the bot's clock, in the team's time zone\n"
    "  help, quit\n"
    "In a form: choices are numbered (several: 1,3), Enter keeps the [value], - clears a text,\n"
    "dates as 04/15/2026, 2026-04-15 or April 15, 2026; :cancel closes the form.\n";

}  // namespace

ConsoleSession::ConsoleSession(const routing::Router& router, ConsoleSurface& surface, std::istream& in,
                               std::ostream& out, Options options, Pump pump, Advance advance)
    : router_(router), surface_(surface), in_(in), out_(out), options_(std::move(options)),
      pump_(std::move(pump)), advance_(std::move(advance)) {}

int ConsoleSession::Run() {
    out_ << "escalation-bot console. You are " << options_.user_id << " in #" << options_.channel_id
         << ". Type help for help.\n";
    while (true) {
        const auto line = Prompt("> ");
        if (!line || !HandleLine(*line)) break;
    }
    out_ << "bye\n";
    return 0;
}

std::optional<std::string> ConsoleSession::Prompt(const std::string& text) {
    out_ << text << std::flush;
    std::string line;
    while (true) {
        if (!std::getline(in_, line)) {
            // End of input (Ctrl-D). Inside a form it closes the form only: the console reads
            // on (a terminal can still type; a pipe that ended ends the console next time).
            in_.clear();
            return std::nullopt;
        }
        if (IsValidUtf8(line)) return Trim(line);
        out_ << "That line is not valid UTF-8 text; please type it again.\n" << text << std::flush;
    }
}

bool ConsoleSession::HandleLine(const std::string& line) {
    if (line.empty()) return true;
    if (line == "quit" || line == "exit") return false;
    if (line == "help") {
        out_ << kHelp;
    } else if (line[0] == '/') {
        SlashCommand(line);
    } else if (line.rfind("click ", 0) == 0) {
        try {
            Click(std::stoi(line.substr(6)));
        } catch (const std::exception&) {
            out_ << "usage: click N\n";
        }
    } else if (line == "now" && options_.now_text) {
        out_ << "It is " << options_.now_text() << ".\n";
    } else if (line == "as" || line.rfind("as ", 0) == 0) {
        ActAs(Trim(line.substr(2)));
    } else if (line == "advance" || line.rfind("advance ", 0) == 0) {
        AdvanceClock(Trim(line.substr(7)));
    } else {
        out_ << "Unknown input. Type help.\n";
    }
    if (pump_) pump_();
    RunModals();
    return true;
}

std::string ConsoleSession::NextTriggerId() {
    return std::to_string(++trigger_counter_) + ".1.console";
}

Ack ConsoleSession::Dispatch(InboundKind kind, const nlohmann::json& body) {
    auto read = routing::ReadInbound(kind, body);
    if (const auto* malformed = std::get_if<routing::PayloadError>(&read)) {
        out_ << "(the bot refused a malformed request: " << malformed->error << ")\n";
        return Ack::Empty();
    }
    Ack ack = router_.Dispatch(std::get<Inbound>(read));
    if (pump_) pump_();
    return ack;
}

void ConsoleSession::SlashCommand(const std::string& line) {
    const size_t space = line.find(' ');
    const std::string command = line.substr(0, space);
    const std::string text = space == std::string::npos ? "" : Trim(line.substr(space + 1));
    const nlohmann::json in{{"command", command},
                {"text", text},
                {"user_id", options_.user_id},
                {"user_name", options_.user_id},
                {"channel_id", options_.channel_id},
                {"channel_name", "console"},
                {"team_id", options_.team_id},
                {"trigger_id", NextTriggerId()},
                {"response_url", ""}};
    const Ack ack = Dispatch(InboundKind::kSlashCommand, in);
    if (!ack.IsEmpty() && ack.payload().is_object()) surface_.ShowReply(ack.payload(), options_.channel_id);
}

void ConsoleSession::Click(int number) {
    const auto button = surface_.Button(number);
    if (!button) {
        out_ << "There is no button [" << number << "] on screen.\n";
        return;
    }
    const nlohmann::json in{{"type", "block_actions"},
                {"user", {{"id", options_.user_id}, {"username", options_.user_id}, {"team_id", options_.team_id}}},
                {"team", {{"id", options_.team_id}}},
                {"channel", {{"id", button->channel}}},
                {"container", {{"type", "message"}, {"channel_id", button->channel}, {"message_ts", button->message_ts}}},
                {"message", {{"ts", button->message_ts}}},
                {"trigger_id", NextTriggerId()},
                {"actions",
                 {{{"type", "button"},
                   {"action_id", button->button.action_id},
                   {"block_id", button->button.block_id},
                   {"value", button->button.value},
                   {"text", {{"type", "plain_text"}, {"text", button->button.label}}}}}}};
    Dispatch(InboundKind::kInteraction, in);
}

void ConsoleSession::RunModals() {
    std::map<std::string, std::string> errors;
    nlohmann::json state = nlohmann::json::object();
    while (surface_.HasModal()) {
        nlohmann::json view = surface_.TopView();
        if (errors.empty()) state = nlohmann::json::object();
        out_ << "\n=== " << PlainText(view.value("title", nlohmann::json())) << " ===\n";
        if (!AskInputs(view, state, errors)) {
            if (view.value("notify_on_close", false)) {
                nlohmann::json closed_view = view;
                closed_view["state"] = {{"values", state}};
                Dispatch(InboundKind::kInteraction, {{"type", "view_closed"},
                                                     {"user", {{"id", options_.user_id}}},
                                                     {"view", closed_view},
                                                     {"is_cleared", true}});
            }
            surface_.ClearViews();
            out_ << "(form closed)\n";
            return;
        }
        if (!view.contains("submit")) {
            // A view with no submit button is read-only: closing it is all one can do.
            surface_.PopView();
            continue;
        }
        view["state"] = {{"values", state}};
        const Ack ack = Dispatch(InboundKind::kInteraction,
                                 {{"type", "view_submission"},
                                  {"user", {{"id", options_.user_id}, {"team_id", options_.team_id}}},
                                  {"team", {{"id", options_.team_id}}},
                                  {"trigger_id", NextTriggerId()},
                                  {"view", view},
                                  {"response_urls", nlohmann::json::array()}});
        errors.clear();
        const auto& payload = ack.payload();
        const std::string action = payload.is_object() ? payload.value("response_action", "") : "";
        if (action == "errors") {
            for (const auto& [block_id, message] : payload["errors"].items())
                errors[block_id] = message.get<std::string>();
        } else if (action == "update") {
            surface_.ReplaceTop(payload["view"]);
        } else if (action == "push") {
            surface_.Push(payload["view"]);
        } else if (action == "clear") {
            surface_.ClearViews();
        } else if (surface_.TopView().value("id", "") == view.value("id", "")) {
            surface_.PopView();
        }
    }
}

bool ConsoleSession::AskInputs(nlohmann::json& view, nlohmann::json& state,
                               const std::map<std::string, std::string>& errors) {
    std::vector<RenderedButton> ignored;
    std::set<std::string> asked;    // input blocks answered in this pass
    std::set<std::string> printed;  // other blocks already shown in this pass
    int question = 0;
    bool redrawn = true;
    while (redrawn) {
        redrawn = false;
        for (const auto& block : view.value("blocks", nlohmann::json::array())) {
            const std::string block_id = block.value("block_id", "");
            if (block.value("type", "") != "input") {
                if (printed.insert(block_id.empty() ? block.dump() : block_id).second)
                    out_ << RenderBlocks(nlohmann::json::array({block}), ignored);
                continue;
            }
            if (asked.count(block_id)) continue;
            const auto error = errors.find(block_id);
            if (!errors.empty() && error == errors.end()) continue;  // re-ask only what was wrong
            const auto& element = block["element"];
            const std::string action_id = element.value("action_id", "");
            out_ << ++question << ". " << PlainText(block["label"])
                 << (block.value("optional", false) ? " (optional)" : "") << "\n";
            if (block.contains("hint")) out_ << "   (" << PlainText(block["hint"]) << ")\n";
            if (error != errors.end()) out_ << "   ! " << error->second << "\n";
            nlohmann::json previous;
            if (state.contains(block_id)) previous = state[block_id][action_id];
            auto value = AskElement(block, previous);
            if (!value) return false;
            state[block_id][action_id] = *value;
            asked.insert(block_id);
            // In Slack, an input with dispatch_action sends block_actions at once, and the app
            // may redraw the modal (questions that depend on this answer appear or go).
            const bool dispatches = block.value("dispatch_action", false) || element.value("dispatch_action", false);
            if (dispatches && ChangeInput(view, state, block, *value)) {
                redrawn = true;
                break;
            }
        }
    }
    // Slack's state holds only the inputs of the view as it is now.
    std::set<std::string> present;
    for (const auto& block : view.value("blocks", nlohmann::json::array()))
        if (block.value("type", "") == "input") present.insert(block.value("block_id", ""));
    for (auto it = state.begin(); it != state.end();) {
        it = present.count(it.key()) ? std::next(it) : state.erase(it);
    }
    return true;
}

bool ConsoleSession::ChangeInput(nlohmann::json& view, const nlohmann::json& state,
                                 const nlohmann::json& block, const nlohmann::json& value) {
    nlohmann::json current = view;
    current["state"] = {{"values", state}};
    nlohmann::json action = value;
    action["action_id"] = block["element"].value("action_id", "");
    action["block_id"] = block.value("block_id", "");
    Dispatch(InboundKind::kInteraction,
             {{"type", "block_actions"},
              {"user", {{"id", options_.user_id}, {"team_id", options_.team_id}}},
              {"team", {{"id", options_.team_id}}},
              {"container", {{"type", "view"}, {"view_id", view.value("id", "")}}},
              {"trigger_id", NextTriggerId()},
              {"view", current},
              {"actions", nlohmann::json::array({action})}});
    nlohmann::json top = surface_.TopView();
    if (top.value("id", "") != view.value("id", "") || top.value("hash", "") == view.value("hash", ""))
        return false;
    view = std::move(top);
    return true;
}

std::optional<nlohmann::json> ConsoleSession::AskElement(const nlohmann::json& block,
                                                         const nlohmann::json& previous) {
    const auto& element = block["element"];
    const std::string type = element.value("type", "");
    const nlohmann::json options = AllOptions(element);
    for (size_t i = 0; i < options.size(); ++i)
        out_ << "   " << i + 1 << ") " << PlainText(options[i]["text"]) << "\n";

    // What Enter keeps: the answer given before an error, else the element's initial value.
    nlohmann::json keep = previous;
    if (keep.is_null()) keep = InitialState(element);
    std::string shown;
    if (keep.contains("value") && keep["value"].is_string()) shown = keep["value"];
    if (keep.contains("selected_user") && keep["selected_user"].is_string()) shown = keep["selected_user"];
    if (keep.contains("selected_option") && keep["selected_option"].is_object())
        shown = PlainText(keep["selected_option"]["text"]);
    if (keep.contains("selected_options"))
        for (const auto& o : keep["selected_options"]) shown += (shown.empty() ? "" : ", ") + PlainText(o["text"]);
    if (keep.contains("selected_date") && keep["selected_date"].is_string()) shown = keep["selected_date"];

    while (true) {
        const auto answer = Prompt(shown.empty() ? "   > " : "   [" + shown + "] > ");
        if (!answer || *answer == ":cancel") return std::nullopt;
        if (answer->empty()) return keep;
        nlohmann::json value = {{"type", type}};
        if (type == "radio_buttons" || type == "static_select") {
            try {
                const size_t n = std::stoul(*answer);
                if (n >= 1 && n <= options.size()) {
                    value["selected_option"] = options[n - 1];
                    return value;
                }
            } catch (const std::exception&) {
            }
            out_ << "   Please type a number from 1 to " << options.size() << ".\n";
        } else if (type == "checkboxes" || type == "multi_static_select") {
            value["selected_options"] = nlohmann::json::array();
            std::stringstream list(*answer);
            std::string item;
            bool valid = true;
            while (std::getline(list, item, ',')) {
                try {
                    const size_t n = std::stoul(Trim(item));
                    if (n < 1 || n > options.size()) throw std::out_of_range("choice");
                    value["selected_options"].push_back(options[n - 1]);
                } catch (const std::exception&) {
                    valid = false;
                }
            }
            if (valid) return value;
            out_ << "   Please type numbers from 1 to " << options.size() << ", separated by commas.\n";
        } else if (type == "datepicker") {
            // Slack's date picker sends YYYY-MM-DD; agents type US forms.
            if (*answer == "-") {
                value["selected_date"] = nullptr;
                return value;
            }
            if (const auto date = ParseUsDate(*answer)) {
                value["selected_date"] = *date;
                return value;
            }
            out_ << "   " << kDateFormsHint << "\n";
        } else if (type == "timepicker") {
            value["selected_time"] = *answer;
            return value;
        } else if (type == "users_select") {
            value["selected_user"] = *answer;
            return value;
        } else {
            value["value"] = *answer == "-" ? nlohmann::json() : nlohmann::json(*answer);
            return value;
        }
    }
}

}  // namespace escbot::console
