#include "config/sop/installer_sop_parser.hpp"

#include <cstdio>
#include <string>
#include <utility>
#include <variant>

#include "config/sop/question_parser.hpp"
#include "config/toml_duration.hpp"

namespace escbot::config::sop::parsing {
namespace {

class InstallerSopParser {
public:
    explicit InstallerSopParser(ErrorSink& sink) : sink_(sink) {}

    void Parse(const toml::table& root, InstallerSop& sop) {
        TableReader reader(root, sink_, {}, "the file");
        if (const toml::table* meta = reader.Table("sop", true)) ParseMeta(*meta, sop);
        if (const toml::table* modal = reader.Table("modal", true)) ParseModal(*modal, sop.modal);
        ForEachTable(reader.Array("questions"), sink_, {}, "a [[questions]] entry",
                     [&](const toml::table& t) {
                         sop.questions.push_back(ParseQuestion(t, sink_, {}, "[[questions]]"));
                     });
        ForEachTable(reader.Array("programs"), sink_, {}, "a [[programs]] entry",
                     [&](const toml::table& t) { sop.programs.push_back(ParseProgram(t)); });
        ForEachTable(reader.Array("complaint_types"), sink_, {}, "a [[complaint_types]] entry",
                     [&](const toml::table& t) {
                         sop.complaint_types.push_back(ParseComplaintType(t));
                     });
        if (const toml::table* t = reader.Table("case", true)) ParseCase(*t, sop.case_text);
        if (const toml::table* t = reader.Table("no_case", true)) ParseNoCase(*t, sop.no_case);
        if (const toml::table* t = reader.Table("cadence", true)) ParseCadence(*t, sop.cadence);
        if (const toml::table* t = reader.Table("email", true)) ParseEmail(*t, sop.email);
        if (const toml::table* t = reader.Table("referral", true)) ParseReferral(*t, sop.referral);
        if (const toml::table* t = reader.Table("wording", true)) ParseWording(*t, sop);
        reader.Finish();
    }

private:
    void ParseMeta(const toml::table& table, InstallerSop& sop) {
        TableReader reader(table, sink_, {}, "[sop]");
        sop.line = reader.line();
        sop.id = reader.String("id", true).value_or("");
        sop.version = reader.String("version", true).value_or("");
        sop.title = reader.String("title").value_or("");
        sop.effective_date = ReadEffectiveDate(reader);
        reader.Finish();
    }

    void ParseModal(const toml::table& table, InstallerModalText& modal) {
        TableReader reader(table, sink_, {}, "[modal]");
        modal.line = reader.line();
        modal.title = reader.String("title", true).value_or("");
        modal.submit = reader.String("submit").value_or("Submit");
        modal.close = reader.String("close").value_or("Cancel");
        modal.follow_up = reader.String("follow_up").value_or("Follow up on it");
        modal.intro = reader.String("intro").value_or("");
        reader.Finish();
    }

    InstallerProgram ParseProgram(const toml::table& table) {
        TableReader reader(table, sink_, {}, "[[programs]]");
        InstallerProgram program;
        program.line = reader.line();
        program.id = reader.String("id", true).value_or("");
        reader.place().step = "programs." + program.id;
        program.label = reader.String("label", true).value_or("");
        program.partner = reader.String("partner").value_or("");
        program.copy_homeowner = reader.Bool("copy_homeowner").value_or(true);
        program.add_account_manager = reader.Bool("add_account_manager").value_or(false);
        program.weekly_commitment = reader.Bool("weekly_commitment").value_or(false);
        reader.Finish();
        return program;
    }

    ComplaintType ParseComplaintType(const toml::table& table) {
        TableReader reader(table, sink_, {}, "[[complaint_types]]");
        ComplaintType type;
        type.line = reader.line();
        type.id = reader.String("id", true).value_or("");
        reader.place().step = "complaint_types." + type.id;
        type.label = reader.String("label", true).value_or("");
        type.secondary_reason = reader.String("secondary_reason", true).value_or("");
        if (const auto opens = reader.Bool("opens_case")) {
            type.opens_case = *opens;
        } else if (reader.Get("opens_case") == nullptr) {
            reader.Error(type.line, "missing key \"opens_case\" (true or false)");
        }
        type.sale_questions = reader.Bool("sale_questions").value_or(false);
        const std::string whom = reader.String("chase_whom").value_or("installer");
        if (whom == "installer") {
            type.chase_whom = ChaseWhom::kInstaller;
        } else if (whom == "account_manager") {
            type.chase_whom = ChaseWhom::kAccountManager;
        } else {
            reader.Error(type.line, "unknown chase_whom \"" + whom +
                                        "\" (installer, account_manager)");
        }
        type.close_when = reader.String("close_when", true).value_or("");
        reader.Finish();
        return type;
    }

    void ParseCase(const toml::table& table, InstallerCaseText& text) {
        TableReader reader(table, sink_, {}, "[case]");
        text.line = reader.line();
        text.primary_reason = reader.String("primary_reason", true).value_or("");
        text.assign_to = reader.String("assign_to").value_or("");
        reader.Finish();
    }

    void ParseNoCase(const toml::table& table, NoCaseText& text) {
        TableReader reader(table, sink_, {}, "[no_case]");
        text.line = reader.line();
        text.title = reader.String("title", true).value_or("");
        text.intro = reader.String("intro").value_or("");
        text.steps = reader.StringArray("steps");
        if (reader.Get("steps") == nullptr) reader.Error(text.line, "missing key \"steps\" in [no_case]");
        reader.Finish();
    }

    Duration DurationAt(TableReader& reader, std::string_view key, Duration fallback) {
        const toml::node* node = reader.Get(key);
        if (node == nullptr) {
            reader.Error(reader.line(), "missing key \"" + std::string(key) + "\" in [cadence]");
            return fallback;
        }
        auto parsed = DurationFromNode(*node);
        if (const auto* error = std::get_if<DurationError>(&parsed)) {
            reader.Error(LineOf(*node), "[cadence] " + std::string(key) + ": " + error->message);
            return fallback;
        }
        return std::get<Duration>(parsed);
    }

    void ParseCadence(const toml::table& table, InstallerCadence& cadence) {
        TableReader reader(table, sink_, {}, "[cadence]");
        cadence.line = reader.line();
        cadence.chase_every = DurationAt(reader, "chase_every", cadence.chase_every);
        if (const auto attempts = reader.Int("attempts")) {
            cadence.attempts = static_cast<int>(std::clamp<std::int64_t>(*attempts, -1, 1000));
        } else if (reader.Get("attempts") == nullptr) {
            reader.Error(cadence.line, "missing key \"attempts\" in [cadence]");
        }
        cadence.owner_reminder_after =
            DurationAt(reader, "owner_reminder_after", cadence.owner_reminder_after);
        cadence.commitment_every = DurationAt(reader, "commitment_every", cadence.commitment_every);
        reader.Finish();
    }

    void ParseEmail(const toml::table& table, InstallerEmailText& email) {
        TableReader reader(table, sink_, {}, "[email]");
        email.line = reader.line();
        email.subject = reader.String("subject", true).value_or("");
        email.body = reader.String("body", true).value_or("");
        email.not_copied_note = reader.String("not_copied_note", true).value_or("");
        email.no_case_body = reader.String("no_case_body", true).value_or("");
        email.agent_name = reader.String("agent_name").value_or(email.agent_name);
        reader.Finish();
    }

    void ParseReferral(const toml::table& table, ReferralText& referral) {
        TableReader reader(table, sink_, {}, "[referral]");
        referral.line = reader.line();
        referral.title = reader.String("title", true).value_or("");
        referral.intro = reader.String("intro", true).value_or("");
        referral.closing = reader.String("closing", true).value_or("");
        ForEachTable(reader.Array("questions"), sink_, {}, "a [[referral.questions]] entry",
                     [&](const toml::table& t) {
                         TableReader q(t, sink_, {}, "[[referral.questions]]");
                         ReferralQuestion question;
                         question.line = q.line();
                         question.id = q.String("id", true).value_or("");
                         q.place().question = question.id;
                         question.label = q.String("label", true).value_or("");
                         question.sale = q.Bool("sale").value_or(false);
                         question.required = q.Bool("required").value_or(true);
                         q.Finish();
                         referral.questions.push_back(std::move(question));
                     });
        reader.Finish();
    }

    void ParseWording(const toml::table& table, InstallerSop& sop) {
        TableReader reader(table, sink_, {}, "[wording]");
        sop.wording_line = reader.line();
        for (const TextKey& key : InstallerWordingKeys()) {
            if (auto text = reader.String(key.key, true)) {
                sop.wording.emplace(std::string(key.key), std::move(*text));
            }
        }
        reader.Finish();
    }

    ErrorSink& sink_;
};

}  // namespace

void ParseInstallerSop(const toml::table& root, ErrorSink& sink, InstallerSop& sop) {
    InstallerSopParser(sink).Parse(root, sop);
}

}  // namespace escbot::config::sop::parsing
