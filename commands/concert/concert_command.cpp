#include "commands/concert/concert_command.hpp"

#include <charconv>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "bot/core/logging.hpp"
#include "commands/block_kit/text.hpp"
#include "commands/concert/concert_flow.hpp"
#include "commands/concert/concert_ids.hpp"
#include "commands/concert/concert_messages.hpp"
#include "commands/concert/concert_timers.hpp"
#include "commands/concert/request_text.hpp"
#include "commands/modal_failure.hpp"

namespace escbot::commands::concert {
namespace {

using routing::Ack;
using routing::BlockAction;
using routing::SlashCommand;
using routing::ViewSubmission;
using storage::ConcertRequest;
using Status = ConcertRequest::Status;

/// Slack's trigger_id lives 3 s from Slack's send; leave room for the trip.
constexpr std::chrono::milliseconds kTriggerBudget{2500};

const std::vector<double>& TimeToAnswerBuckets() {
    static const std::vector<double> kBuckets = {30,   60,   120,  300,   600,   900,
                                                 1800, 3600, 7200, 14400, 28800, 86400};
    return kBuckets;
}

std::shared_ptr<spdlog::logger>& Log() {
    static auto logger = logging::Get("concert");
    return logger;
}

long long ParseId(std::string_view text) {
    long long id = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    return error == std::errc() && end == text.data() + text.size() && id > 0 ? id : 0;
}

/// The request a timer is about; throws (the scheduler retries, then gives up loudly) when the
/// payload the bot wrote lacks it.
long long TimerRequest(const storage::Timer& timer) {
    const auto payload = ReadConcertTimer(timer.payload);
    if (!payload) throw std::runtime_error("concert timer without a request id");
    return payload->request_id;
}

/// A plain_text_input's value in a submitted view ("" when empty or missing).
std::string InputValue(const routing::View& view, std::string_view block) {
    const routing::InputState* input = view.Input(std::string(block), std::string(kValueAction));
    return input != nullptr && input->value ? *input->value : std::string();
}

std::string Number(long long id) { return "#" + std::to_string(id); }

std::string ClosedText(const ConcertRequest& r) {
    if (r.status == Status::kCancelled) {
        return "Request " + Number(r.id) + " was cancelled by <@" + r.closed_by + ">.";
    }
    return "Request " + Number(r.id) + " was already answered by <@" + r.closed_by + ">: *" +
           std::string(AnswerLabel(r.status)) + "*.";
}

constexpr const char* kUnknownText = "I could not find that Concert confirmation request.";
constexpr const char* kNotAnswererText =
    "Only the Concert confirmation contacts can answer this request. Nothing was changed.";
constexpr const char* kNoSettingsText = "The bot's configuration is not loaded; try again shortly.";

class ConcertFlow {
public:
    explicit ConcertFlow(CommandDeps& deps) : deps_(deps) {}

    Ack Command(const SlashCommand& in) {
        const auto settings = deps_.settings();
        if (!settings) return Ack::Ephemeral(kNoSettingsText);
        const ParsedText parsed = ParseConcertText(in.text);
        if (const auto* cancel = std::get_if<TypedCancel>(&parsed)) {
            return CancelAck(*settings, cancel->id, in.user_id);
        }
        if (const auto* form = std::get_if<NeedsForm>(&parsed)) {
            return OpenModal({in.trigger_id, in.user_id, in.received_at,
                              {{in.response_url, in.channel_id, in.user_id},
                               "run `/concert` again",
                               "type `/concert Homeowner name, Property address`"}},
                             *settings, RequestModal(in.channel_id, form->homeowner, form->address));
        }
        const auto& typed = std::get<TypedRequest>(parsed);
        const NewRequest request{in.user_id, in.channel_id, typed.homeowner, typed.address};
        const Created created = Create(*settings, request);
        return Ack::Message(RequestAccepted(created.request, *created.rotation,
                                            settings->channels.concert_confirmation,
                                            created.opens_at));
    }

    Ack SubmitRequest(const ViewSubmission& in) {
        const auto settings = deps_.settings();
        if (!settings) return Ack::Errors({{std::string(kHomeownerBlock), kNoSettingsText}});
        const std::string homeowner =
            block_kit::Truncate(TrimSpace(InputValue(in.view, kHomeownerBlock)), kMaxHomeownerChars);
        const std::string address =
            block_kit::Truncate(TrimSpace(InputValue(in.view, kAddressBlock)), kMaxAddressChars);
        std::map<std::string, std::string> errors;
        if (homeowner.empty())
            errors[std::string(kHomeownerBlock)] = "Please give the homeowner's name.";
        if (address.empty())
            errors[std::string(kAddressBlock)] = "Please give the property address.";
        if (!errors.empty()) return Ack::Errors(errors);

        const Created created =
            Create(*settings, {in.user_id, in.view.private_metadata, homeowner, address});
        return Ack::UpdateView(RequestAcceptedModal(created.request, *created.rotation,
                                                    settings->channels.concert_confirmation,
                                                    created.opens_at));
    }

    Ack Answer(const BlockAction& in, Status answer) {
        const auto settings = deps_.settings();
        if (!settings) return Ack::Ephemeral(kNoSettingsText);
        const long long id = ParseId(in.value);
        const std::string& user = in.user_id;
        const TimePoint now = deps_.clock.Now();
        const auto guidance = answer == Status::kConfirmed ? Guidance(*settings) : std::nullopt;
        const Result result = deps_.store.Write([&](storage::UnitOfWork& u) {
            return AnswerRequest(u, *settings, id, user, answer, now,
                                 guidance ? &*guidance : nullptr);
        });
        switch (result.outcome) {
            case Outcome::kDone:
                deps_.scheduler.Notify();
                ObserveTimeToAnswer(*result.request);
                return Ack::Empty();
            case Outcome::kNotAllowed: return Ack::Ephemeral(kNotAnswererText);
            case Outcome::kClosed: return Ack::Ephemeral(ClosedText(*result.request));
            case Outcome::kNotPosted:
                return Ack::Ephemeral("Request " + Number(id) + " is not posted yet.");
            case Outcome::kUnknown: break;
        }
        return Ack::Ephemeral(kUnknownText);
    }

    Ack MoreInfo(const BlockAction& in) {
        const auto settings = deps_.settings();
        if (!settings) return Ack::Ephemeral(kNoSettingsText);
        const long long id = ParseId(in.value);
        const std::string& user = in.user_id;
        const Result check = deps_.store.Read(
            [&](storage::UnitOfWork& u) { return CheckMayAsk(u, *settings, id, user); });
        switch (check.outcome) {
            case Outcome::kDone:
                return OpenModal({in.trigger_id, user, in.received_at,
                                  {{in.response_url, in.channel_id, user},
                                   "press *Need more info* again",
                                   "ask in the request's thread"}},
                                 *settings, QuestionModal(*check.request));
            case Outcome::kNotAllowed: return Ack::Ephemeral(kNotAnswererText);
            case Outcome::kClosed: return Ack::Ephemeral(ClosedText(*check.request));
            case Outcome::kNotPosted:
                return Ack::Ephemeral("Request " + Number(id) + " is not posted yet.");
            case Outcome::kUnknown: break;
        }
        return Ack::Ephemeral(kUnknownText);
    }

    Ack SubmitQuestion(const ViewSubmission& in) {
        const std::string block(kQuestionBlock);
        const auto settings = deps_.settings();
        if (!settings) return Ack::Errors({{block, kNoSettingsText}});
        const long long id = ParseId(in.view.private_metadata);
        const std::string question(TrimSpace(InputValue(in.view, kQuestionBlock)));
        if (question.empty()) return Ack::Errors({{block, "Please write your question."}});
        const std::string& user = in.user_id;
        const TimePoint now = deps_.clock.Now();
        const Result result = deps_.store.Write([&](storage::UnitOfWork& u) {
            return AskQuestion(u, *settings, id, user, question, now);
        });
        switch (result.outcome) {
            case Outcome::kDone:
                deps_.scheduler.Notify();
                return Ack::Empty();
            case Outcome::kNotAllowed: return Ack::Errors({{block, kNotAnswererText}});
            case Outcome::kClosed: return Ack::Errors({{block, ClosedText(*result.request)}});
            case Outcome::kNotPosted:
                return Ack::Errors({{block, "This request is not posted yet."}});
            case Outcome::kUnknown: break;
        }
        return Ack::Errors({{block, kUnknownText}});
    }

    Ack Answered(const BlockAction& in) {
        const auto settings = deps_.settings();
        if (!settings) return Ack::Ephemeral(kNoSettingsText);
        const long long id = ParseId(in.value);
        const std::string& user = in.user_id;
        const TimePoint now = deps_.clock.Now();
        const Result result = deps_.store.Write([&](storage::UnitOfWork& u) {
            return QuestionAnswered(u, *settings, id, user, now);
        });
        switch (result.outcome) {
            case Outcome::kDone:
                deps_.scheduler.Notify();
                return Ack::Empty();
            case Outcome::kNotAllowed:
                return Ack::Ephemeral("Only <@" + result.request->agent_id +
                                      ">, who asked, can say the question is answered. Nothing "
                                      "was changed.");
            case Outcome::kClosed: return Ack::Ephemeral(ClosedText(*result.request));
            case Outcome::kNotPosted:
            case Outcome::kUnknown: break;
        }
        return Ack::Ephemeral(kUnknownText);
    }

    Ack Cancel(const BlockAction& in) {
        const auto settings = deps_.settings();
        if (!settings) return Ack::Ephemeral(kNoSettingsText);
        return CancelAck(*settings, ParseId(in.value), in.user_id);
    }

    void OnRelease(const storage::Timer& timer, storage::UnitOfWork& u) {
        const auto settings = TimerSettings();
        ReleaseHeld(u, *settings, TimerRequest(timer), deps_.clock.Now());
    }

    void OnRemind(const storage::Timer& timer, storage::UnitOfWork& u) {
        const auto settings = TimerSettings();
        Remind(u, *settings, TimerRequest(timer), deps_.clock.Now());
    }

private:
    /// The Concert SOP wording shown on a confirmation, read at each confirmation so that an
    /// edit needs no restart; nullopt (logged, naming the file and key) when it cannot be read.
    std::optional<ConcertGuidance> Guidance(const config::Settings& settings) {
        LoadedGuidance loaded = LoadConcertGuidance(ConcertGuidancePath(settings));
        if (!loaded.guidance) Log()->error("concert guidance not shown: {}", loaded.error);
        return std::move(loaded.guidance);
    }

    /// The configuration for a timer; throws (so the scheduler retries later) if none is loaded.
    std::shared_ptr<const config::Settings> TimerSettings() {
        auto settings = deps_.settings();
        if (!settings) throw std::runtime_error("configuration not loaded");
        return settings;
    }

    Created Create(const config::Settings& settings, const NewRequest& request) {
        const TimePoint now = deps_.clock.Now();
        Created created = deps_.store.Write(
            [&](storage::UnitOfWork& u) { return CreateRequest(u, settings, request, now); });
        deps_.scheduler.Notify();
        return created;
    }

    Ack CancelAck(const config::Settings& settings, long long id, const std::string& user) {
        const TimePoint now = deps_.clock.Now();
        const Result result = deps_.store.Write(
            [&](storage::UnitOfWork& u) { return CancelRequest(u, settings, id, user, now); });
        switch (result.outcome) {
            case Outcome::kDone:
                return Ack::Ephemeral("Concert confirmation request " + Number(id) +
                                      " is cancelled.");
            case Outcome::kNotAllowed:
                return Ack::Ephemeral("Only <@" + result.request->agent_id +
                                      ">, who asked, can cancel request " + Number(id) +
                                      ". Nothing was changed.");
            case Outcome::kClosed:
                return Ack::Ephemeral(ClosedText(*result.request) + " Nothing to cancel.");
            case Outcome::kNotPosted:
            case Outcome::kUnknown: break;
        }
        return Ack::Ephemeral(kUnknownText);
    }

    /// What views.open needs of the request that asked for a modal.
    struct Trigger {
        std::string trigger_id;
        std::string user;
        routing::SteadyTime received_at;
        ModalRequest on_failure;  // what the user hears if the form does not open
    };

    /// views.open with the request's trigger, at once and without waiting for the answer.
    Ack OpenModal(const Trigger& in, const config::Settings& settings, nlohmann::json view) {
        if (in.trigger_id.empty())
            return Ack::Ephemeral("I could not open the form here; please try again.");
        if (deps_.slack.Saturated()) {
            return Ack::Ephemeral(
                "Slack is busy right now, so I could not open the form. Please try again in a "
                "moment, or type `/concert Homeowner name, Property address`.");
        }
        slack::CallOptions options;
        options.deadline = in.received_at + kTriggerBudget;
        options.max_attempts = settings.slack.max_attempts;
        options.read_body = false;
        deps_.slack.Call(
            "views.open", {{"trigger_id", in.trigger_id}, {"view", std::move(view)}}, std::move(options),
            [user = in.user, replies = deps_.replies, on_failure = in.on_failure](const slack::ApiResult& r) {
                if (r.ok()) return;
                Log()->warn("concert: views.open for {} failed: {}", user, r.error);
                ReportModalFailure(replies, on_failure, r.error);
            });
        return Ack::Empty();
    }

    void ObserveTimeToAnswer(const ConcertRequest& r) {
        if (!r.posted_at || !r.closed_at) return;
        deps_.metrics
            .GetHistogram("escbot_concert_time_to_answer_seconds",
                          "Seconds from a Concert confirmation request's post to its first answer.",
                          {{"rotation", r.rotation}}, TimeToAnswerBuckets())
            .Observe(static_cast<double>((*r.closed_at - *r.posted_at).count()));
    }

    CommandDeps& deps_;
};

}  // namespace

void RegisterConcert(routing::Router& router, CommandDeps& deps) {
    auto flow = std::make_shared<ConcertFlow>(deps);
    router.Command(std::string(kConcertCommand),
                   [flow](const SlashCommand& in) { return flow->Command(in); });
    router.Submission(std::string(kRequestModal),
                      [flow](const ViewSubmission& in) { return flow->SubmitRequest(in); });
    router.Submission(std::string(kQuestionModal),
                      [flow](const ViewSubmission& in) { return flow->SubmitQuestion(in); });
    router.Action(std::string(kConfirmAction),
                  [flow](const BlockAction& in) { return flow->Answer(in, Status::kConfirmed); });
    router.Action(std::string(kNotConcertAction),
                  [flow](const BlockAction& in) { return flow->Answer(in, Status::kNotConcert); });
    router.Action(std::string(kMoreInfoAction),
                  [flow](const BlockAction& in) { return flow->MoreInfo(in); });
    router.Action(std::string(kCancelAction),
                  [flow](const BlockAction& in) { return flow->Cancel(in); });
    router.Action(std::string(kQuestionAnsweredAction),
                  [flow](const BlockAction& in) { return flow->Answered(in); });
    deps.scheduler.On(
        std::string(kReleaseTimer),
        [flow](const storage::Timer& t, storage::UnitOfWork& u) { flow->OnRelease(t, u); });
    deps.scheduler.On(
        std::string(kRemindTimer),
        [flow](const storage::Timer& t, storage::UnitOfWork& u) { flow->OnRemind(t, u); });
}

}  // namespace escbot::commands::concert
