#pragma once

#include <optional>
#include <string>

#include "config/settings.hpp"

namespace escbot::commands::concert {

/// What the agent is shown once a contact confirms a Concert customer (SOP §3, seed 001): SOP
/// wording, read from config/sop/concert.toml, never written in code. Plain text.
struct ConcertGuidance {
    std::string financier;      // how EverBright is associated with Concert
    std::string contact_check;  // the email and phone on file still best?
    std::string escalate;       // fraud or compliance: /escalate
};

/// Longest text of one entry (characters).
inline constexpr std::size_t kMaxGuidanceChars = 2000;

/// The guidance or why it could not be read ("FILE:LINE: [confirmed] KEY: what is wrong").
struct LoadedGuidance {
    std::optional<ConcertGuidance> guidance;
    std::string error;
};

/// Reads `path`: a [confirmed] table with the keys financier, contact_check and escalate, each
/// a non-empty string of at most kMaxGuidanceChars; any other key or table is an error. Never
/// throws.
LoadedGuidance LoadConcertGuidance(const std::string& path);

/// config/sop/concert.toml's place: beside the escalation SOP file ([escalation] sop_file).
std::string ConcertGuidancePath(const config::Settings& settings);

}  // namespace escbot::commands::concert
