#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "config/business_calendar.hpp"
#include "config/duration.hpp"
#include "config/rotation.hpp"

namespace escbot::config {

/// Where one value came from, for error messages: "config/escalation-bot.toml:12: server.port".
struct SourceLocation {
    std::string file;
    int line = 0;
    std::string key;
};

struct ServerSettings {
    std::string bind = "127.0.0.1";
    int port = 3000;
    std::size_t body_limit_bytes = 256 * 1024;
    int read_timeout_ms = 10'000;  // whole request, header and body
    int idle_timeout_s = 60;       // keep-alive connection with nothing to read
    int threads = 1;               // I/O threads
    int handler_threads = 0;       // HTTP handlers: 0 on the I/O thread, N on a pool of their own
};

struct StorageSettings {
    std::string path = "./data/escalation-bot.sqlite3";  // relative to the working directory
    /// PostgreSQL instead of the SQLite file at `path` (postgresql://host/db?user=...; several
    /// replicas may share it). DATABASE_URL, when set, wins over both. "" for SQLite.
    std::string url;
};

/// [retention]: how long personal data of finished work is kept.
struct RetentionSettings {
    /// Days after a case or request closed before its personal data is removed (names,
    /// addresses, emails, phones, free-text answers); 0 keeps it forever.
    int personal_data_days = 0;
};

/// [watchdog]: the periodic check that tells the admin channel when something stopped
/// (README "Watchdog"). Elapsed-time durations (s, m, h).
struct WatchdogSettings {
    bool enabled = true;
    Duration interval{30, Duration::Unit::Seconds};        // how often it looks
    Duration ladder_grace{30, Duration::Unit::Seconds};    // a paging ladder past its deadline
    Duration timer_max_late{1, Duration::Unit::Minutes};   // a durable timer still pending
    Duration outbox_max_age{5, Duration::Unit::Minutes};   // the oldest pending outbox item
    Duration socket_grace{1, Duration::Unit::Minutes};     // Socket Mode without a connection
};

struct LogSettings {
    std::string level = "info";
    std::string format = "text";  // "text" or "json"
};

/// Secrets come from the environment only, never from the file.
struct Secrets {
    std::string bot_token;       // SLACK_BOT_TOKEN
    std::string signing_secret;  // SLACK_SIGNING_SECRET
    std::string app_token;       // SLACK_APP_TOKEN (Socket Mode when set)
};

struct SlackSettings {
    std::string api_base_url = "https://slack.com/api/";  // SLACK_API_BASE_URL overrides
    int timeout_ms = 10'000;
    int max_attempts = 5;  // urgent calls (views.open) within their deadline
    int max_connections = 32;  // TCP connections to the Web API (HTTP/2 multiplexes over them)
};

struct ChannelSettings {
    std::string resolution_team;       // agreed-to-wait escalations, one thread per case
    std::string live_escalation;       // refused-to-wait ladder pings
    std::string concert_confirmation;  // Concert confirmation requests
    std::string back_office;           // installer complaints
    std::string admin;                 // the bot's own troubles (a token pause); "" for none
};

/// Who may act as what. Each list holds Slack user ids (U...) and/or user group ids (S...).
struct GroupSettings {
    std::vector<std::string> leads;  // may Claim and Resolve cases
    std::vector<std::string> back_office;  // may Claim and work installer complaints
};

struct ConcertSettings {
    std::string rotation = "concert_confirmation";
    int reminder_minutes = 10;
    int max_reminders = 2;
    std::string fallback_rotation = "supervisors";
};

struct EscalationSettings {
    std::string sop_file = "config/sop/escalation.toml";  // relative to the working directory
    /// A draft untouched for this long is closed with a note to the agent.
    Duration draft_max_age{3, Duration::Unit::Days};
};

/// [privacy]: the channels that receive personal data, and what case posts in them show.
struct PrivacySettings {
    /// Ids of channels that may be public although personal data goes there. At start-up the
    /// bot refuses to serve while any other such channel is public (bot/app/channel_check.hpp).
    std::vector<std::string> allow_public_channels;
    /// false: serve does not ask Slack about those channels at all (logged as a warning at every
    /// start). Only for a stand-in Web API that does not answer conversations.info (a
    /// benchmark's fake); against Slack leave it true.
    bool check_channels_at_start = true;
    /// Case posts in channels show emails and phone numbers masked (commands/privacy), with a
    /// "Show contact details" button that shows the full values to authorized people only.
    bool mask_contact_details = false;
};

/// The whole configuration: one TOML file plus the environment. Plain data, validated by
/// LoadSettings (config/settings_loader.hpp), passed by const reference.
struct Settings {
    std::string source_file;
    ServerSettings server;
    StorageSettings storage;
    RetentionSettings retention;
    WatchdogSettings watchdog;
    LogSettings log;
    Secrets secrets;
    SlackSettings slack;
    ChannelSettings channels;
    GroupSettings groups;
    ConcertSettings concert;
    EscalationSettings escalation;
    RotationSet rotations;
    /// When the team works: business-time durations and the zone every time is shown in.
    BusinessCalendar business_calendar;
    PrivacySettings privacy;
};

}  // namespace escbot::config
