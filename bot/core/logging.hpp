#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <spdlog/logger.h>

namespace escbot::logging {

enum class Format { kText, kJson };

/// Sets up the process's loggers: every line passes through Redact() before it reaches a sink.
/// `sink` replaces the default stderr sink (tests pass a capturing sink). Call once at start-up,
/// before other threads log; later calls replace the sinks.
void Init(Format format, std::string_view level, std::shared_ptr<spdlog::sinks::sink> sink = nullptr);

/// Changes the level of every logger (a configuration reload). Thread-safe.
void SetLevel(std::string_view level);

/// The named logger for an area ("http", "slack", "outbox", "escalation", ...). Thread-safe.
std::shared_ptr<spdlog::logger> Get(const std::string& area);

/// Parses "text"/"json"; anything else is nullopt-like: returns false.
bool ParseFormat(std::string_view text, Format& out);

}  // namespace escbot::logging
