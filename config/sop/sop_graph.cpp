#include "config/sop/sop_graph.hpp"

#include <sstream>

#include "config/sop/sop_text.hpp"

namespace escbot::config::sop {
namespace {

/// A DOT double-quoted string; "\n" inside `text` becomes a centred line break.
std::string Quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string StepNode(const std::string& id) { return Quoted("step:" + id); }
std::string OutcomeNode(const std::string& id) { return Quoted("outcome:" + id); }
std::string TierNode(const std::string& id) { return Quoted("tier:" + id); }

const char* OutcomeShape(Outcome::Kind kind) {
    switch (kind) {
        case Outcome::Kind::kNotQualified: return "octagon";
        case Outcome::Kind::kExistingCase: return "note";
        case Outcome::Kind::kFollowUp: return "doubleoctagon";
        case Outcome::Kind::kLiveLadder: return "hexagon";
    }
    return "ellipse";
}

void WriteStep(std::ostream& out, const Step& step) {
    std::string label = step.title + "\n[" + step.id + "]\n" +
                        std::to_string(step.questions.size()) +
                        (step.questions.size() == 1 ? " question" : " questions");
    if (step.show_if) label += "\nshown if " + ConditionText(*step.show_if);
    out << "  " << StepNode(step.id) << " [shape=box, style=rounded, label=" << Quoted(label)
        << "];\n";
}

void WriteRoutes(std::ostream& out, const Step& step) {
    for (std::size_t i = 0; i < step.routes.size(); ++i) {
        const Route& route = step.routes[i];
        const std::string target =
            route.next.empty() ? OutcomeNode(route.outcome) : StepNode(route.next);
        std::string label;
        if (route.when) {
            label = ConditionText(*route.when);
        } else if (i > 0) {
            label = "otherwise";
        }
        out << "  " << StepNode(step.id) << " -> " << target;
        if (!label.empty()) out << " [label=" << Quoted(label) << "]";
        out << ";\n";
    }
}

void WriteOutcome(std::ostream& out, const Outcome& outcome) {
    std::string label = outcome.title + "\n[" + outcome.id + "]\n" +
                        std::string(OutcomeKindName(outcome.kind));
    if (outcome.due_soon) label += "\ndue soon after " + ToText(*outcome.due_soon);
    if (outcome.due) label += "\ndue after " + ToText(*outcome.due);
    out << "  " << OutcomeNode(outcome.id) << " [shape=" << OutcomeShape(outcome.kind)
        << ", label=" << Quoted(label) << "];\n";
}

void WriteLadder(std::ostream& out, const Sop& sop) {
    const auto& tiers = sop.ladder.tiers;
    if (tiers.empty()) return;
    out << "  subgraph cluster_ladder {\n    label=\"Live ladder\";\n";
    for (const LadderTier& tier : tiers) {
        std::string label = tier.name + "\n[" + tier.id + "]";
        if (!tier.rotation.empty()) label += "\nrotation " + tier.rotation;
        if (tier.voicemail) label += "\nvoicemail";
        out << "    " << TierNode(tier.id) << " [shape=box, label=" << Quoted(label) << "];\n";
    }
    out << "  }\n";
    for (std::size_t i = 0; i + 1 < tiers.size(); ++i) {
        out << "  " << TierNode(tiers[i].id) << " -> " << TierNode(tiers[i + 1].id)
            << " [label=" << Quoted("no answer in " + std::to_string(tiers[i].window_seconds) + " s")
            << "];\n";
    }
    for (const Outcome& outcome : sop.outcomes) {
        if (outcome.kind != Outcome::Kind::kLiveLadder) continue;
        if (sop.ladder.entry.empty()) {
            out << "  " << OutcomeNode(outcome.id) << " -> " << TierNode(tiers.front().id) << ";\n";
        }
        for (const auto& [origin, tier] : sop.ladder.entry) {
            out << "  " << OutcomeNode(outcome.id) << " -> " << TierNode(tier)
                << " [style=dashed, label=" << Quoted("origin " + origin) << "];\n";
        }
    }
}

}  // namespace

std::string SopDot(const Sop& sop) {
    std::ostringstream out;
    out << "digraph " << Quoted(sop.id + " " + sop.version) << " {\n"
        << "  label=" << Quoted(sop.title + "\n" + sop.id + " SOP " + sop.version +
                                (sop.effective_date.empty() ? "" : ", effective " + sop.effective_date))
        << ";\n  labelloc=t;\n  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n"
        << "  \"start\" [shape=point];\n"
        << "  \"start\" -> " << StepNode(sop.first_step) << ";\n";
    for (const Step& step : sop.steps) WriteStep(out, step);
    for (const Outcome& outcome : sop.outcomes) WriteOutcome(out, outcome);
    for (const Step& step : sop.steps) WriteRoutes(out, step);
    WriteLadder(out, sop);
    out << "}\n";
    return out.str();
}

}  // namespace escbot::config::sop
