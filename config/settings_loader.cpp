#include "config/settings_loader.hpp"

#include <arpa/inet.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "bot/core/redact.hpp"
#include "config/business_calendar_loader.hpp"
#include "config/rotation_loader.hpp"
#include "config/slack_ids.hpp"
#include "config/storage_url.hpp"
#include "config/toml_reader.hpp"

namespace escbot::config {
namespace {

using detail::Problems;
using detail::TableReader;

constexpr std::string_view kChannelIds = "expected a Slack channel id (C… or G…)";
constexpr std::string_view kUserOrGroupIds = "expected a Slack user id (U…/W…) or group id (S…)";
constexpr std::string_view kPortRange = "expected an integer between 1 and 65535";
constexpr std::string_view kUrl = "expected an http:// or https:// URL";
constexpr std::string_view kEnvironmentSource = "environment";
constexpr std::string_view kPostgresUrl = "expected a postgresql:// URL";

bool IsIpAddress(std::string_view text) {
    const std::string address(text);
    unsigned char buffer[sizeof(in6_addr)];
    return inet_pton(AF_INET, address.c_str(), buffer) == 1 ||
           inet_pton(AF_INET6, address.c_str(), buffer) == 1;
}

bool IsHttpUrl(std::string_view text) {
    const auto rest_after = [&](std::string_view scheme) -> std::string_view {
        return text.rfind(scheme, 0) == 0 ? text.substr(scheme.size()) : std::string_view();
    };
    std::string_view rest = rest_after("https://");
    if (rest.empty()) rest = rest_after("http://");
    if (rest.empty() || rest.front() == '/') return false;
    for (const char c : rest) {
        if (c <= ' ' || c == 0x7f) return false;
    }
    return true;
}

bool IsNonEmpty(std::string_view text) { return !text.empty(); }

bool IsLogLevel(std::string_view text) {
    for (const char* level : {"trace", "debug", "info", "warn", "error", "critical", "off"}) {
        if (text == level) return true;
    }
    return false;
}

bool IsLogFormat(std::string_view text) { return text == "text" || text == "json"; }

void EnsureTrailingSlash(std::string& url) {
    if (!url.empty() && url.back() != '/') url += '/';
}

std::optional<long long> ParsePort(std::string_view text) {
    if (text.empty() || text.size() > 5) return std::nullopt;
    long long value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (value < 1 || value > 65535) return std::nullopt;
    return value;
}

void ReadServer(TableReader& root, ServerSettings& server) {
    const toml::table* table = root.Table("server");
    if (table == nullptr) return;
    TableReader reader(*table, "server", root.problems());
    reader.String("bind", server.bind, IsIpAddress,
                  "expected an IPv4 or IPv6 address such as 127.0.0.1 or 0.0.0.0");
    reader.Integer("port", server.port, 1, 65535);
    reader.Integer("body_limit_bytes", server.body_limit_bytes, 1024, 64LL * 1024 * 1024);
    reader.Integer("read_timeout_ms", server.read_timeout_ms, 1, 600'000);
    reader.Integer("idle_timeout_s", server.idle_timeout_s, 1, 86'400);
    reader.Integer("threads", server.threads, 1, 64);
    reader.Integer("handler_threads", server.handler_threads, 0, 64);
    reader.RejectUnknown();
}

void ReadStorage(TableReader& root, StorageSettings& storage) {
    const toml::table* table = root.Table("storage");
    if (table == nullptr) return;
    TableReader reader(*table, "storage", root.problems());
    reader.String("path", storage.path, IsNonEmpty, "expected a file path");
    reader.String("url", storage.url, IsPostgresUrl, std::string(kPostgresUrl));
    if (UrlHasPassword(storage.url)) {
        storage.url.clear();
        reader.Problem("url", "must not hold a password: give it in the environment (PGPASSWORD, "
                              "or the whole URL in DATABASE_URL)");
    }
    reader.RejectUnknown();
}

void ReadLog(TableReader& root, LogSettings& log) {
    const toml::table* table = root.Table("log");
    if (table == nullptr) return;
    TableReader reader(*table, "log", root.problems());
    reader.String("level", log.level, IsLogLevel,
                  "expected one of trace, debug, info, warn, error, critical, off");
    reader.String("format", log.format, IsLogFormat, "expected text or json");
    reader.RejectUnknown();
}

void ReadSlack(TableReader& root, SlackSettings& slack) {
    const toml::table* table = root.Table("slack");
    if (table == nullptr) return;
    TableReader reader(*table, "slack", root.problems());
    reader.String("api_base_url", slack.api_base_url, IsHttpUrl, kUrl);
    EnsureTrailingSlash(slack.api_base_url);
    reader.Integer("timeout_ms", slack.timeout_ms, 1, 120'000);
    reader.Integer("max_attempts", slack.max_attempts, 1, 10);
    reader.Integer("max_connections", slack.max_connections, 1, 1024);
    reader.RejectUnknown();
}

void ReadChannels(TableReader& root, ChannelSettings& channels) {
    const toml::table* table = root.Table("channels");
    if (table == nullptr) return;
    TableReader reader(*table, "channels", root.problems());
    reader.String("resolution_team", channels.resolution_team, IsChannelId, kChannelIds);
    reader.String("live_escalation", channels.live_escalation, IsChannelId, kChannelIds);
    reader.String("concert_confirmation", channels.concert_confirmation, IsChannelId,
                  kChannelIds);
    reader.String("back_office", channels.back_office, IsChannelId, kChannelIds);
    reader.String("admin", channels.admin, IsChannelId, kChannelIds);
    reader.RejectUnknown();
}

void ReadGroups(TableReader& root, GroupSettings& groups) {
    const toml::table* table = root.Table("groups");
    if (table == nullptr) return;
    TableReader reader(*table, "groups", root.problems());
    reader.StringList("leads", groups.leads, IsUserOrGroupId, kUserOrGroupIds);
    reader.StringList("back_office", groups.back_office, IsUserOrGroupId, kUserOrGroupIds);
    reader.RejectUnknown();
}

/// Reads [concert]; returns the reader's table line for later cross-reference errors.
void ReadConcert(TableReader& root, ConcertSettings& concert, SourceLocation& rotation_at,
                 SourceLocation& fallback_at) {
    rotation_at = {root.problems().file(), 0, "concert.rotation"};
    fallback_at = {root.problems().file(), 0, "concert.fallback_rotation"};
    const toml::table* table = root.Table("concert");
    if (table == nullptr) return;
    TableReader reader(*table, "concert", root.problems());
    reader.String("rotation", concert.rotation, IsNonEmpty, "expected a rotation name");
    reader.Integer("reminder_minutes", concert.reminder_minutes, 1, 24 * 60);
    reader.Integer("max_reminders", concert.max_reminders, 0, 20);
    reader.String("fallback_rotation", concert.fallback_rotation, IsNonEmpty,
                  "expected a rotation name");
    const auto line_of = [&](std::string_view key) {
        const auto it = table->find(key);
        if (it == table->end()) return reader.line();
        return detail::LineOf(it->first) > 0 ? detail::LineOf(it->first) : reader.line();
    };
    rotation_at.line = line_of("rotation");
    fallback_at.line = line_of("fallback_rotation");
    reader.RejectUnknown();
}

void ReadRetention(TableReader& root, RetentionSettings& retention) {
    const toml::table* table = root.Table("retention");
    if (table == nullptr) return;
    TableReader reader(*table, "retention", root.problems());
    reader.Integer("personal_data_days", retention.personal_data_days, 0, 36'500);
    reader.RejectUnknown();
}

void ReadPrivacy(TableReader& root, PrivacySettings& privacy) {
    const toml::table* table = root.Table("privacy");
    if (table == nullptr) return;
    TableReader reader(*table, "privacy", root.problems());
    reader.StringList("allow_public_channels", privacy.allow_public_channels, IsChannelId,
                      kChannelIds);
    for (auto [key, flag] : {std::pair{"mask_contact_details", &privacy.mask_contact_details},
                             std::pair{"check_channels_at_start",
                                       &privacy.check_channels_at_start}}) {
        if (const toml::node* node = reader.Get(key)) {
            if (const auto value = node->value<bool>(); value && node->is_boolean()) {
                *flag = *value;
            } else {
                reader.Problem(key, "expected true or false");
            }
        }
    }
    reader.RejectUnknown();
}

// An elapsed-time duration (s, m, h): business time and calendar days mean nothing to a check
// that runs every few seconds.
void ElapsedDuration(TableReader& reader, std::string_view key, Duration& out) {
    Duration read = out;
    reader.DurationValue(key, read);
    if (read.unit != Duration::Unit::Seconds && read.unit != Duration::Unit::Minutes &&
        read.unit != Duration::Unit::Hours) {
        reader.Problem(key, "expected an elapsed time such as 30s, 5m or 1h");
        return;
    }
    out = read;
}

void ReadWatchdog(TableReader& root, WatchdogSettings& watchdog) {
    const toml::table* table = root.Table("watchdog");
    if (table == nullptr) return;
    TableReader reader(*table, "watchdog", root.problems());
    if (const toml::node* enabled = reader.Get("enabled")) {
        if (const auto* flag = enabled->as_boolean()) {
            watchdog.enabled = flag->get();
        } else {
            reader.Problem("enabled", "expected true or false");
        }
    }
    ElapsedDuration(reader, "interval", watchdog.interval);
    ElapsedDuration(reader, "ladder_grace", watchdog.ladder_grace);
    ElapsedDuration(reader, "timer_max_late", watchdog.timer_max_late);
    ElapsedDuration(reader, "outbox_max_age", watchdog.outbox_max_age);
    ElapsedDuration(reader, "socket_grace", watchdog.socket_grace);
    reader.RejectUnknown();
}

void ReadEscalation(TableReader& root, EscalationSettings& escalation) {
    const toml::table* table = root.Table("escalation");
    if (table == nullptr) return;
    TableReader reader(*table, "escalation", root.problems());
    reader.String("sop_file", escalation.sop_file, IsNonEmpty, "expected a file path");
    reader.DurationValue("draft_max_age", escalation.draft_max_age);
    reader.RejectUnknown();
}

void CheckRotationExists(const Settings& settings, const toml::table& document,
                         const std::string& name, const SourceLocation& where,
                         Problems& problems) {
    if (settings.rotations.Find(name) != nullptr) return;
    // A rotation that is in the file but failed to load has its own errors already.
    if (document.at_path("rotations").as_table() != nullptr &&
        document.at_path("rotations").as_table()->contains(name)) {
        return;
    }
    if (where.line == 0) {
        problems.Add(where, "is not set, and its default (" + name +
                                ") names no rotation defined under [rotations]");
        return;
    }
    problems.Add(where, "names no rotation defined under [rotations]");
}

void ApplyEnvironment(const Environment& env, Settings& settings, Problems& problems) {
    const auto get = [&](std::string_view name) -> std::string_view {
        const auto it = env.find(name);
        return it == env.end() ? std::string_view() : std::string_view(it->second);
    };
    settings.secrets.bot_token = get("SLACK_BOT_TOKEN");
    settings.secrets.signing_secret = get("SLACK_SIGNING_SECRET");
    settings.secrets.app_token = get("SLACK_APP_TOKEN");

    if (const std::string_view url = get("SLACK_API_BASE_URL"); !url.empty()) {
        if (IsHttpUrl(url)) {
            settings.slack.api_base_url = url;
            EnsureTrailingSlash(settings.slack.api_base_url);
        } else {
            problems.Add({std::string(kEnvironmentSource), 0, "SLACK_API_BASE_URL"},
                         std::string(kUrl));
        }
    }
    // DATABASE_URL wins over [storage] url and path (it may hold the password).
    if (const std::string_view url = get("DATABASE_URL"); !url.empty()) {
        if (IsPostgresUrl(url)) {
            settings.storage.url = url;
        } else {
            problems.Add({std::string(kEnvironmentSource), 0, "DATABASE_URL"},
                         std::string(kPostgresUrl));
        }
    }
    if (const std::string_view port = get("PORT"); !port.empty()) {
        if (const auto value = ParsePort(port)) {
            settings.server.port = static_cast<int>(*value);
        } else {
            problems.Add({std::string(kEnvironmentSource), 0, "PORT"}, std::string(kPortRange));
        }
    }
}

}  // namespace

Environment ProcessEnvironment() {
    Environment env;
    for (const char* name : kEnvironmentVariables) {
        if (const char* value = std::getenv(name)) env.emplace(name, value);
    }
    return env;
}

SettingsResult LoadSettings(const std::filesystem::path& path, const Environment& env) {
    const std::string file = path.string();
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const std::string reason = std::strerror(errno);
        return SettingsResult::Failed({{{file, 0, ""}, "cannot open the file (" + reason + ")"}});
    }
    std::ostringstream text;
    text << in.rdbuf();

    toml::table document;
    try {
        document = toml::parse(text.str(), file);
    } catch (const toml::parse_error& e) {
        // toml++ may quote a fragment of the bad line: mask anything token-shaped in it.
        const int line = static_cast<int>(e.source().begin.line);
        return SettingsResult::Failed(
            {{{file, line, ""}, "TOML syntax error: " + Redact(e.description())}});
    }

    Settings settings;
    settings.source_file = file;
    Problems problems(file);
    detail::RejectSecrets(document, problems);

    TableReader root(document, "", problems);
    ReadServer(root, settings.server);
    ReadStorage(root, settings.storage);
    ReadRetention(root, settings.retention);
    ReadWatchdog(root, settings.watchdog);
    ReadLog(root, settings.log);
    ReadSlack(root, settings.slack);
    ReadChannels(root, settings.channels);
    ReadGroups(root, settings.groups);
    SourceLocation rotation_at, fallback_at;
    ReadConcert(root, settings.concert, rotation_at, fallback_at);
    ReadEscalation(root, settings.escalation);
    ReadPrivacy(root, settings.privacy);
    detail::HolidayCalendars holiday_calendars;
    detail::ReadRotations(root, settings.rotations, holiday_calendars);
    detail::ReadBusinessCalendar(root, holiday_calendars, settings.business_calendar);
    root.RejectUnknown();

    CheckRotationExists(settings, document, settings.concert.rotation, rotation_at, problems);
    CheckRotationExists(settings, document, settings.concert.fallback_rotation, fallback_at,
                        problems);
    ApplyEnvironment(env, settings, problems);

    if (!problems.empty()) return SettingsResult::Failed(problems.Take());
    return SettingsResult::Ok(std::move(settings));
}

std::optional<ConfigError> ApplyPortOverride(Settings& settings, long long port) {
    if (port < 1 || port > 65535) {
        return ConfigError{{"--port", 0, "server.port"}, std::string(kPortRange)};
    }
    settings.server.port = static_cast<int>(port);
    return std::nullopt;
}

}  // namespace escbot::config
