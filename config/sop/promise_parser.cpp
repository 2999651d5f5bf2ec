#include "config/sop/promise_parser.hpp"

#include <string>
#include <variant>

#include "config/toml_duration.hpp"

namespace escbot::config::sop::parsing {

namespace {

std::optional<Duration> ReadDuration(TableReader& reader, const Outcome& outcome,
                                     std::string_view key) {
    const toml::node* node = reader.Get(key);
    if (node == nullptr) return std::nullopt;
    auto parsed = DurationFromNode(*node);
    if (const auto* error = std::get_if<DurationError>(&parsed)) {
        reader.Error(LineOf(*node), "outcome \"" + outcome.id + "\" \"" + std::string(key) +
                                        "\": " + error->message);
        return std::nullopt;
    }
    return std::get<Duration>(parsed);
}

}  // namespace

void ReadPromise(TableReader& reader, Outcome& outcome) {
    const std::string what = "outcome \"" + outcome.id + "\"";
    outcome.due_soon = ReadDuration(reader, outcome, "due_soon");
    outcome.due = ReadDuration(reader, outcome, "due");
    outcome.update_restarts_promise = reader.Bool("update_restarts_promise").value_or(false);

    if (const toml::node* hours = reader.Get("follow_up_hours")) {
        const auto* value = hours->as_integer();
        if (outcome.due || outcome.due_soon) {
            reader.Error(LineOf(*hours),
                         what + ": \"follow_up_hours\" is the older spelling of \"due\"; "
                                "write one of them");
        } else if (value == nullptr || value->get() < 1 || value->get() > 24 * 366) {
            reader.Error(LineOf(*hours),
                         what + " \"follow_up_hours\" must be a whole number of hours, 1-8784");
        } else {
            outcome.due = Duration{static_cast<long>(value->get()), Duration::Unit::Hours};
        }
    }

    if (outcome.due_soon && outcome.due && outcome.due_soon->unit == outcome.due->unit &&
        outcome.due_soon->count >= outcome.due->count) {
        reader.Error(outcome.line, what + ": \"due_soon\" (" + ToText(*outcome.due_soon) +
                                       ") must come before \"due\" (" + ToText(*outcome.due) +
                                       ")");
    }
    if (outcome.due_soon && !outcome.due && reader.Get("due") == nullptr) {
        reader.Error(outcome.line, what + " has \"due_soon\" but no \"due\"");
    }
}

}  // namespace escbot::config::sop::parsing
