#pragma once

#include <string>
#include <vector>

#include "config/sop/sop.hpp"

namespace escbot::config::sop {

/// What changed between two SOP versions, as lines a lead reads, grouped the way a review goes:
/// which questions are asked, where the answers lead, how long things take, what people read.
struct SopDiff {
    std::vector<std::string> questions;  // questions, options, qualifiers added/removed/changed
    std::vector<std::string> routes;     // steps, routes, outcomes, ladder tiers and entry
    std::vector<std::string> timings;    // promises, ladder windows
    std::vector<std::string> wording;    // titles, labels, hints, notes, advice, instructions

    bool Empty() const {
        return questions.empty() && routes.empty() && timings.empty() && wording.empty();
    }
};

/// Compares by stable ids (step, question, outcome, note, tier), never by position, so that a
/// reordered file is not reported as everything removed and added.
SopDiff DiffSops(const Sop& before, const Sop& after);

/// The report `escalation-bot sop diff OLD NEW` prints: a header naming both versions, then each
/// non-empty group under its heading, or a line saying nothing changed.
std::string DiffReport(const Sop& before, const Sop& after, const SopDiff& diff);

}  // namespace escbot::config::sop
