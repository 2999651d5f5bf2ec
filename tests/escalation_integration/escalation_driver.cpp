#include "tests/escalation_integration/escalation_driver.hpp"

#include <regex>
#include <thread>

#include "commands/block_kit/check_limits.hpp"

namespace escbot::test {
namespace {

using nlohmann::json;

json FindOption(const json& element, const std::string& value) {
    for (const char* key : {"options", "option_groups"}) {
        if (!element.contains(key)) continue;
        for (const json& item : element[key]) {
            if (item.contains("options")) {
                for (const json& option : item["options"]) {
                    if (option.value("value", "") == value) return option;
                }
            } else if (item.value("value", "") == value) {
                return item;
            }
        }
    }
    return nullptr;
}

/// view.state.values for a view's input blocks, as Slack sends them.
json StateFor(const json& view, const AgentAnswers& answers) {
    json values = json::object();
    for (const json& block : view.value("blocks", json::array())) {
        if (block.value("type", "") != "input") continue;
        const std::string block_id = block.value("block_id", "");
        const json& element = block["element"];
        const std::string type = element.value("type", "");
        const std::string action_id = element.value("action_id", "");
        const std::string question = block_id.rfind("q_", 0) == 0 ? block_id.substr(2) : block_id;
        const auto answer = answers.find(question);
        json state = {{"type", type}};
        if (type == "radio_buttons" || type == "static_select") {
            json option = element.contains("initial_option") ? element["initial_option"] : json();
            if (answer != answers.end())
                option = FindOption(element, answer->second.get<std::string>());
            state["selected_option"] = option;
        } else if (type == "checkboxes" || type == "multi_static_select") {
            json options =
                element.contains("initial_options") ? element["initial_options"] : json::array();
            if (answer != answers.end()) {
                options = json::array();
                for (const json& v : answer->second)
                    options.push_back(FindOption(element, v.get<std::string>()));
            }
            state["selected_options"] = options;
        } else if (type == "users_select") {
            state["selected_user"] = answer != answers.end() ? answer->second : json();
        } else if (type == "datepicker") {
            state["selected_date"] = answer != answers.end()            ? answer->second
                                     : element.contains("initial_date") ? element["initial_date"]
                                                                        : json();
        } else {
            state["value"] = answer != answers.end()             ? answer->second
                             : element.contains("initial_value") ? element["initial_value"]
                                                                 : json();
        }
        values[block_id][action_id] = std::move(state);
    }
    return values;
}

json ViewPayload(const std::string& type, const std::string& user, const json& view,
                 const AgentAnswers& answers, int trigger) {
    ViewSubmissionFields fields;
    fields.user_id = user;
    fields.callback_id = view.value("callback_id", "");
    fields.view_id = view.value("id", "");
    fields.private_metadata = view.value("private_metadata", "");
    fields.values = StateFor(view, answers);
    fields.trigger_id = "1" + std::to_string(trigger) + ".2.submit";
    json payload = ViewSubmissionPayload(fields);
    payload["type"] = type;
    payload["view"]["blocks"] = view.value("blocks", json::array());
    payload["view"]["hash"] = view.value("hash", "");
    if (type == "view_closed") payload["is_cleared"] = false;
    return payload;
}

void CollectText(const json& j, std::string& out) {
    if (j.is_object()) {
        for (const auto& [key, value] : j.items()) {
            if (key == "text" && value.is_string()) {
                out += value.get<std::string>();
                out += "\n";
            } else {
                CollectText(value, out);
            }
        }
    } else if (j.is_array()) {
        for (const json& item : j) CollectText(item, out);
    }
}

long long CaseIdIn(const json& view) {
    static const std::regex kCaseId("ESC-([0-9]+)");
    const std::string text = AllText(view);
    std::smatch match;
    if (!std::regex_search(text, match, kCaseId)) return 0;
    return std::stoll(match[1].str());
}

}  // namespace

json ViewInteractionPayload(const std::string& type, const std::string& user, const json& view,
                            const AgentAnswers& answers, int trigger) {
    return ViewPayload(type, user, view, answers, trigger);
}

std::string MrkdwnText(const json& surface) {
    std::string out;
    const std::function<void(const json&)> walk = [&](const json& j) {
        if (j.is_object()) {
            if (j.value("type", "") == "mrkdwn" && j.contains("text") && j["text"].is_string()) {
                out += j["text"].get<std::string>() + "\n";
            }
            for (const auto& [key, value] : j.items()) walk(value);
        } else if (j.is_array()) {
            for (const json& item : j) walk(item);
        }
    };
    walk(surface);
    if (surface.is_object() && surface.contains("text") && surface["text"].is_string()) {
        out += surface["text"].get<std::string>();
    }
    return out;
}

std::string AllText(const json& surface) {
    std::string out;
    CollectText(surface, out);
    return out;
}

json EscalationDriver::Escalate(const std::string& user, const std::string& text) {
    const std::size_t before = bot_.slack().CallCount("views.open");
    SlashCommandFields fields;
    fields.user_id = user;
    fields.trigger_id = "1" + std::to_string(++trigger_) + ".1.escalate";
    const auto response = bot_.client().SlashCommand("/escalate", text, fields);
    if (response.status != 200 || !response.body.empty()) return nullptr;
    if (!bot_.slack().WaitForAnswers("views.open", before + 1)) return nullptr;
    const auto call = bot_.slack().Calls("views.open").at(before);
    json view = call.args["view"];
    view["id"] = call.response["view"]["id"];
    view["hash"] = call.response["view"]["hash"];
    return view;
}

json EscalationDriver::Submit(const std::string& user, const json& view,
                              const AgentAnswers& answers) {
    const auto response = bot_.client().ViewSubmission(
        ViewPayload("view_submission", user, view, answers, ++trigger_));
    if (response.status != 200)
        throw std::runtime_error("view_submission got HTTP " + std::to_string(response.status));
    if (response.body.empty()) return nullptr;
    json ack = response.Json();
    if (ack.contains("view")) acked_views_.push_back(ack["view"]);
    return ack;
}

json EscalationDriver::Walk(const std::string& user, json view, const AgentAnswers& answers) {
    for (int screen = 0; screen < 30; ++screen) {
        json ack = Submit(user, view, answers);
        if (!ack.is_object() || ack.value("response_action", "") != "update" ||
            ack["view"].value("callback_id", "") != "escalation_step") {
            return ack;
        }
        view = Updated(view, ack);
    }
    throw std::runtime_error("the flow did not end within 30 screens");
}

json EscalationDriver::Updated(const json& previous, const json& ack) {
    json view = ack.at("view");
    view["id"] = previous.value("id", "");
    view["hash"] = previous.value("hash", "") + "u";
    return view;
}

int EscalationDriver::Click(const std::string& user, const std::string& action_id,
                            const std::string& value, const std::string& channel) {
    BlockActionFields fields;
    fields.user_id = user;
    fields.action_id = action_id;
    fields.block_id = "actions";
    fields.value = value;
    fields.channel_id = channel;
    fields.trigger_id = "1" + std::to_string(++trigger_) + ".3.click";
    return bot_.client().BlockAction(BlockActionPayload(fields)).status;
}

void EscalationDriver::ChangeAnswer(const std::string& user, const json& view,
                                    const AgentAnswers& answers, const std::string& question_id) {
    BlockActionFields fields;
    fields.user_id = user;
    fields.action_id = "escalation_answer";
    fields.block_id = "q_" + question_id;
    fields.view_id = view.value("id", "");
    fields.callback_id = view.value("callback_id", "");
    fields.trigger_id = "1" + std::to_string(++trigger_) + ".4.change";
    json payload = BlockActionPayload(fields);
    const json state = StateFor(view, answers);
    payload["view"]["private_metadata"] = view.value("private_metadata", "");
    payload["view"]["hash"] = view.value("hash", "");
    payload["view"]["blocks"] = view.value("blocks", json::array());
    payload["view"]["state"] = {{"values", state}};
    json action =
        state.value(fields.block_id, json::object()).value("escalation_answer", json::object());
    action["action_id"] = fields.action_id;
    action["block_id"] = fields.block_id;
    action["action_ts"] = "1700000001.000300";
    payload["actions"] = json::array({action});
    bot_.client().BlockAction(payload);
}

json EscalationDriver::Back(const std::string& user, const json& view,
                            const AgentAnswers& answers) {
    const std::size_t before = bot_.slack().CallCount("views.update");
    BlockActionFields fields;
    fields.user_id = user;
    fields.action_id = "escalation_back";
    fields.block_id = "step_nav";
    fields.value = view.value("blocks", json::array()).back()["elements"][0].value("value", "");
    fields.view_id = view.value("id", "");
    fields.callback_id = view.value("callback_id", "");
    fields.trigger_id = "1" + std::to_string(++trigger_) + ".5.back";
    json payload = BlockActionPayload(fields);
    payload["view"]["private_metadata"] = view.value("private_metadata", "");
    payload["view"]["hash"] = view.value("hash", "");
    payload["view"]["blocks"] = view.value("blocks", json::array());
    payload["view"]["state"] = {{"values", StateFor(view, answers)}};
    bot_.client().BlockAction(payload);
    if (!bot_.slack().WaitForAnswers("views.update", before + 1)) return nullptr;
    const auto call = bot_.slack().Calls("views.update").at(before);
    json shown = call.args["view"];
    shown["id"] = call.args.value("view_id", "");
    shown["hash"] = call.response.contains("view") ? call.response["view"].value("hash", "")
                                                   : std::string();
    return shown;
}

void EscalationDriver::Close(const std::string& user, const json& view,
                             const AgentAnswers& answers) {
    bot_.client().ViewClosed(ViewPayload("view_closed", user, view, answers, ++trigger_));
}

long long EscalationDriver::RefuseToWait(const std::string& user, const std::string& origin,
                                         const std::string& name) {
    json view = Escalate(user);
    if (view.is_null()) return 0;
    const json offer = Submit(user, view, QualifyAnswers(origin, name));
    if (!offer.contains("view")) return 0;
    const json result = Walk(
        user, Updated(view, offer),
        {{"agrees_to_wait", "no"}, {"live_concern_summary", "Says the rep forged her signature."}});
    bot_.Flush();
    return result.contains("view") ? CaseIdIn(result["view"]) : 0;
}

long long EscalationDriver::AgreeToWait(const std::string& user, const std::string& name,
                                        const std::string& address) {
    json view = Escalate(user);
    if (view.is_null()) return 0;
    const json result = Walk(user, view, FullAnswers(name, address));
    bot_.Flush();
    return result.contains("view") ? CaseIdIn(result["view"]) : 0;
}

std::optional<storage::EscalationCase> EscalationDriver::Case(long long id) {
    return bot_.store().Read(
        [&](storage::UnitOfWork& u) { return u.Escalation().Cases().Get(id); });
}

std::optional<storage::LiveLadder> EscalationDriver::Ladder(long long id) {
    return bot_.store().Read(
        [&](storage::UnitOfWork& u) { return u.Escalation().Ladders().Get(id); });
}

std::vector<storage::AuditEntry> EscalationDriver::Audit(const std::string& entity) {
    return bot_.store().Read([&](storage::UnitOfWork& u) { return u.Audit().ForEntity(entity); });
}

std::vector<json> EscalationDriver::Messages(const std::string& channel) {
    return bot_.slack().Messages(channel);
}

std::vector<json> EscalationDriver::DirectMessages(const std::string& user) {
    const std::string dm = bot_.slack().DmChannel(user);
    if (dm.empty()) return {};
    return bot_.slack().Messages(dm);
}

std::vector<json> EscalationDriver::Ephemerals(const std::string& user) {
    // Answers to clicks go to the click's response_url, on the bot's own thread.
    bot_.WaitForResponseUrls();
    return bot_.slack().Ephemerals(user);
}

std::vector<std::string> EscalationDriver::LimitProblems() {
    using commands::block_kit::CheckLimits;
    using commands::block_kit::Surface;
    std::vector<std::string> problems;
    const auto add = [&](const std::string& what, const std::vector<std::string>& found) {
        for (const auto& p : found) problems.push_back(what + ": " + p);
    };
    for (const auto& call : bot_.slack().Calls()) {
        if (call.method.rfind("views.", 0) == 0 && call.args.contains("view")) {
            add(call.method, CheckLimits(call.args["view"], Surface::kModal));
        } else if (call.method == "chat.postMessage" || call.method == "chat.postEphemeral" ||
                   call.method == "chat.update") {
            json message = json::object();
            if (call.args.contains("text")) message["text"] = call.args["text"];
            if (call.args.contains("blocks")) message["blocks"] = call.args["blocks"];
            add(call.method,
                CheckLimits(message, call.method == "chat.update" ? Surface::kMessageUpdate
                                                                  : Surface::kMessage));
        }
    }
    for (const json& view : acked_views_) add("ack view", CheckLimits(view, Surface::kModal));
    return problems;
}

bool EscalationDriver::AdvanceUntil(const std::function<bool()>& done, int max_seconds) {
    for (int i = 0; i < max_seconds; ++i) {
        if (done()) return true;
        bot_.Advance(std::chrono::seconds(1));
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return done();
}

AgentAnswers QualifyAnswers(const std::string& origin, const std::string& name,
                            const std::string& address) {
    return {{"origin", origin},
            {"asked_for_lead", "yes"},
            {"qualifiers", json::array({"fraudulent_claims", "bbb_complaint"})},
            {"homeowner_name", name},
            {"property_address", address},
            {"interaction_id", "CX-20261123-0042"}};
}

AgentAnswers FullAnswers(const std::string& name, const std::string& address) {
    AgentAnswers answers = QualifyAnswers("homeowner", name, address);
    const AgentAnswers rest = {
        {"agrees_to_wait", "yes"},
        {"email_status", "on_file"},
        {"email", "jane.homeowner@example.com"},
        {"callback_phone", "(555) 201-3344"},
        {"concern_types", json::array({"fraud"})},
        {"rep_promised_free", "yes"},
        {"received_contract", "no"},
        {"rep_said_worked_for", "SunnyDay Solar"},
        {"rep_said_signing_up_for", "A free government energy program"},
        {"rep_said_afterward", "That she would never pay anything"},
        {"rep_contact_since", "no"},
        {"rep_made_email", "no"},
        {"red_flags", "Signed on the rep's tablet; welcome call answered by a man"},
        {"voice_matches_welcome_call", "does_not_match"},
        {"certificate_of_completion", "Signed the day of the install, by the rep"},
        {"main_concern", "She was told the system was free"},
        {"desired_resolution", "Cancel the loan"},
        {"has_physical_record", "no"},
    };
    answers.insert(rest.begin(), rest.end());
    return answers;
}

}  // namespace escbot::test
