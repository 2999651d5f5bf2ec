#pragma once

#include <functional>
#include <memory>

#include "bot/core/clock.hpp"
#include "bot/metrics/metrics.hpp"
#include "bot/scheduling/scheduler.hpp"
#include "bot/slack/private_reply.hpp"
#include "bot/slack/slack_api.hpp"
#include "config/settings.hpp"
#include "config/sop/sop_catalog.hpp"
#include "storage/store.hpp"

namespace escbot::commands {

/// The current configuration. SIGHUP swaps it; a handler takes one snapshot per request and keeps
/// using it, so a reload never changes a request half-way.
using SettingsSource = std::function<std::shared_ptr<const config::Settings>()>;

/// What every flow's handlers may use, wired once by the app. All members outlive the handlers.
struct CommandDeps {
    const Clock& clock;
    storage::Store& store;
    /// For views.open/views.push/views.update only, which must use the trigger at once. Every
    /// message goes through the outbox: enqueued in the same transaction, whose commit wakes the
    /// outbox worker (Store::SetOnOutboxCommit, wired by the app).
    slack::SlackApi& slack;
    scheduling::Scheduler& scheduler;
    metrics::Registry& metrics;
    SettingsSource settings;
    /// Every SOP version loaded so far; flows keep the version they started under.
    config::sop::SopCatalog& sops;
    /// Private answers outside an ack (a form that would not open): the request's response_url,
    /// else the outbox. Null in tests that do not need it.
    slack::PrivateReplies* replies = nullptr;
};

}  // namespace escbot::commands
