#include <charconv>
#include <stdexcept>

#include "bot/core/logging.hpp"
#include "commands/access/access.hpp"
#include "commands/installer/installer_handlers.hpp"
#include "commands/installer/installer_ids.hpp"
#include "commands/installer/installer_modals.hpp"
#include "commands/installer/installer_texts.hpp"
#include "commands/installer/installer_timers.hpp"

namespace escbot::commands::installer {
namespace {

using routing::Ack;

constexpr const char* kNoSettingsText = "The bot's configuration is not loaded; try again shortly.";
constexpr const char* kUnknownText = "I could not find that installer complaint.";

long long ParseNumber(std::string_view text) {
    long long n = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    return error == std::errc() && end == text.data() + text.size() && n >= 0 ? n : -1;
}

/// "12" or "12:2" (complaint id, chase attempt).
std::pair<long long, int> IdAndAttempt(std::string_view value) {
    const auto colon = value.find(':');
    if (colon == std::string_view::npos) return {ParseNumber(value), 0};
    return {ParseNumber(value.substr(0, colon)),
            static_cast<int>(ParseNumber(value.substr(colon + 1)))};
}

std::string InputValue(const routing::View& view, const std::string& block) {
    const routing::InputState* input = view.Input(block, std::string(kValueAction));
    return input != nullptr && input->value ? *input->value : std::string();
}

}  // namespace

Ack InstallerHandlers::Refused(const Result& result) {
    switch (result.outcome) {
        case Outcome::kNotAllowed: {
            const auto& rule = access::RuleOf(access::Action::kCloseInstallerComplaint);
            return Ack::Ephemeral("Only " + std::string(rule.who_may) +
                                  " can do this. Nothing was changed.");
        }
        case Outcome::kClosed:
            return Ack::Ephemeral(Reference(result.complaint->id) + " is closed. Nothing was changed.");
        case Outcome::kStale:
            return Ack::Ephemeral("This step is already done (someone else, or a later step, got "
                                  "there first). Nothing was changed.");
        case Outcome::kInvalid:
        case Outcome::kDone:
        case Outcome::kUnknown: break;
    }
    return Ack::Ephemeral(kUnknownText);
}

Ack InstallerHandlers::OpenModal(const routing::BlockAction& in, nlohmann::json view) {
    if (in.trigger_id.empty()) return Ack::Ephemeral("I could not open the form here; please try again.");
    CallViews("views.open", {{"trigger_id", in.trigger_id}, {"view", std::move(view)}},
              in.received_at, in.user_id);
    return Ack::Empty();
}

Ack InstallerHandlers::Claim(const routing::BlockAction& in) {
    const auto settings = Settings();
    if (!settings) return Ack::Ephemeral(kNoSettingsText);
    const FlowEnv env = Env(*settings);
    const long long id = IdAndAttempt(in.value).first;
    const Result result = deps_.store.Write(
        [&](storage::UnitOfWork& u) { return installer::Claim(u, env, id, in.user_id); });
    if (result.outcome != Outcome::kDone) {
        if (result.outcome == Outcome::kNotAllowed) {
            return Ack::Ephemeral("Only " +
                                  std::string(access::RuleOf(access::Action::kClaimInstallerComplaint).who_may) +
                                  " can claim it. Nothing was changed.");
        }
        if (result.outcome == Outcome::kStale) {
            return Ack::Ephemeral(Reference(id) + " was already claimed by <@" +
                                  result.complaint->owner_id + ">.");
        }
        return Refused(result);
    }
    return Ack::Empty();
}

Ack InstallerHandlers::Chase(const routing::BlockAction& in, bool replied) {
    const auto settings = Settings();
    if (!settings) return Ack::Ephemeral(kNoSettingsText);
    const FlowEnv env = Env(*settings);
    const auto [id, attempt] = IdAndAttempt(in.value);
    return Acted(deps_.store.Write([&, id = id, attempt = attempt](storage::UnitOfWork& u) {
        return RecordChase(u, env, id, attempt, replied, in.user_id);
    }));
}

Ack InstallerHandlers::Acted(const Result& result) {
    if (result.outcome != Outcome::kDone) return Refused(result);
    deps_.scheduler.Notify();
    return Ack::Empty();
}

Ack InstallerHandlers::CheckThenOpen(const routing::BlockAction& in, Check check, Render render) {
    const auto settings = Settings();
    if (!settings) return Ack::Ephemeral(kNoSettingsText);
    const FlowEnv env = Env(*settings);
    const long long id = IdAndAttempt(in.value).first;
    std::optional<nlohmann::json> view;
    const Result result = deps_.store.Write([&](storage::UnitOfWork& u) {
        Result r = check(u, env, id, in.user_id);
        if (r.outcome == Outcome::kDone) {
            if (const auto sop = sops_.Find(u, r.complaint->sop_version)) view = render(*r.complaint, *sop);
        }
        return r;
    });
    if (result.outcome != Outcome::kDone || !view) return Refused(result);
    return OpenModal(in, std::move(*view));
}

Ack InstallerHandlers::ReferClicked(const routing::BlockAction& in) {
    return CheckThenOpen(in, &CheckReferral, &ReferralModal);
}

Ack InstallerHandlers::ReferralSubmitted(const routing::ViewSubmission& in) {
    const auto settings = Settings();
    const std::string first_block = in.view.block_ids.empty() ? "" : in.view.block_ids.back();
    if (!settings) return Ack::Errors({{first_block, kNoSettingsText}});
    const FlowEnv env = Env(*settings);
    const long long id = ParseNumber(in.view.private_metadata);
    nlohmann::json answers = nlohmann::json::object();
    const std::string prefix(kReferralBlockPrefix);
    for (const std::string& block : in.view.block_ids) {
        if (block.rfind(prefix, 0) != 0) continue;
        const std::string value = InputValue(in.view, block);
        if (!value.empty()) answers[block.substr(prefix.size())] = value;
    }
    std::optional<nlohmann::json> done;
    const Result result = deps_.store.Write([&](storage::UnitOfWork& u) {
        Result r = Refer(u, env, id, in.user_id, answers);
        if (r.outcome == Outcome::kDone) {
            if (const auto sop = sops_.Find(u, r.complaint->sop_version)) {
                done = ReferralDoneModal(*sop, ReferralText(*r.complaint, *sop, answers));
            }
        }
        return r;
    });
    if (result.outcome == Outcome::kDone && done) return Ack::UpdateView(std::move(*done));
    return Ack::Errors({{first_block, "Not recorded: this complaint's referral is not due, or you "
                                      "may not record it."}});
}

Ack InstallerHandlers::PartnerUpdate(const routing::BlockAction& in) {
    const auto settings = Settings();
    if (!settings) return Ack::Ephemeral(kNoSettingsText);
    const FlowEnv env = Env(*settings);
    const long long id = IdAndAttempt(in.value).first;
    return Acted(deps_.store.Write(
        [&](storage::UnitOfWork& u) { return PartnerUpdated(u, env, id, in.user_id); }));
}

Ack InstallerHandlers::CloseClicked(const routing::BlockAction& in) {
    return CheckThenOpen(in, &CheckClose, &CloseModal);
}

Ack InstallerHandlers::CloseSubmitted(const routing::ViewSubmission& in) {
    const std::string block(kCommentsBlock);
    const auto settings = Settings();
    if (!settings) return Ack::Errors({{block, kNoSettingsText}});
    const FlowEnv env = Env(*settings);
    const long long id = ParseNumber(in.view.private_metadata);
    const std::string comments = InputValue(in.view, block);
    std::string needs_comments;
    const Result result = deps_.store.Write([&](storage::UnitOfWork& u) {
        Result r = installer::Close(u, env, id, in.user_id, comments);
        if (r.outcome == Outcome::kInvalid) {
            if (const auto sop = sops_.Find(u, r.complaint->sop_version)) {
                needs_comments = sop->Wording("close_needs_comments");
            }
        }
        return r;
    });
    switch (result.outcome) {
        case Outcome::kDone:
            deps_.scheduler.Notify();
            return Ack::ClearViews();
        case Outcome::kInvalid: return Ack::Errors({{block, needs_comments}});
        case Outcome::kClosed: return Ack::Errors({{block, "This complaint is already closed."}});
        case Outcome::kNotAllowed:
            return Ack::Errors(
                {{block, "Only " +
                             std::string(access::RuleOf(access::Action::kCloseInstallerComplaint).who_may) +
                             " can close it."}});
        case Outcome::kStale:
        case Outcome::kUnknown: break;
    }
    return Ack::Errors({{block, kUnknownText}});
}

void InstallerHandlers::OnTimer(const storage::Timer& timer, storage::UnitOfWork& u) {
    const auto settings = Settings();
    if (!settings) throw std::runtime_error("configuration not loaded");
    const FlowEnv env = Env(*settings);
    // A payload the bot wrote but cannot read: the scheduler retries, then gives up loudly.
    const auto payload = ReadInstallerTimer(timer.payload);
    if (!payload) throw std::runtime_error("installer timer without a complaint id and attempt");
    const long long id = payload->complaint_id;
    if (timer.kind == kChaseTimer) {
        OnChaseDue(u, env, id, payload->attempt);
    } else if (timer.kind == kOwnerReminderTimer) {
        OnOwnerReminder(u, env, id);
    } else if (timer.kind == kCommitmentTimer) {
        OnCommitmentDue(u, env, id);
    }
}

}  // namespace escbot::commands::installer
