#include "commands/reports/case_export.hpp"

#include <cstdio>
#include <variant>

#include <nlohmann/json.hpp>

#include "commands/escalation/flow/answers.hpp"

namespace escbot::commands::reports {
namespace {

using Value = CaseExportWriter::Value;

const std::vector<std::string_view> kFactColumns = {
    "case", "kind", "sop_version", "created_at", "status", "outcome", "accepted_tier",
    "concern_types", "qualifiers", "complaint_type", "program", "created_by", "owner",
    "business_hours_to_claim",
    "business_hours_to_first_update", "business_hours_to_resolution", "promise_due_at",
    "promise_kept"};
const std::vector<std::string_view> kPersonalColumns = {
    "homeowner_name", "property_address", "email", "phone", "resolution_note", "answers"};

std::string Joined(const std::vector<std::string>& values) {
    std::string text;
    for (const std::string& v : values) text += (text.empty() ? "" : ";") + v;
    return text;
}

Value Text(std::string text) { return text.empty() ? Value{} : Value{std::move(text)}; }
Value Hours(const std::optional<double>& hours) { return hours ? Value{*hours} : Value{}; }

std::vector<Value> FactValues(const CaseFacts& f, const config::BusinessCalendar& calendar) {
    return {Text(f.ref), Text(f.kind), Text(f.sop_version), Text(calendar.FormatIso(f.created_at)),
            Text(f.status), Text(f.outcome), Text(f.accepted_tier), Text(Joined(f.concern_types)),
            Text(Joined(f.qualifiers)), Text(f.complaint_type), Text(f.program), Text(f.created_by),
            Text(f.owner), Hours(f.hours_to_claim), Hours(f.hours_to_first_update),
            Hours(f.hours_to_resolution),
            f.promise_due ? Text(calendar.FormatIso(*f.promise_due)) : Value{},
            f.promise_kept ? Value{*f.promise_kept} : Value{}};
}

std::vector<Value> Values(const CaseFacts& f, const storage::CaseReportRow& row,
                          const config::sop::Sop* sop, bool personal,
                          const config::BusinessCalendar& calendar) {
    std::vector<Value> values = FactValues(f, calendar);
    if (!personal) return values;
    auto answer = [&](const std::string& question) {
        return Text(escalation::flow::AnswerText(row.c.answers, question));
    };
    const bool known = sop != nullptr;
    values.push_back(known ? answer(sop->fields.homeowner_name) : Value{});
    values.push_back(known ? answer(sop->fields.property_address) : Value{});
    values.push_back(known ? answer(sop->fields.email) : Value{});
    values.push_back(known ? answer(sop->fields.phone) : Value{});
    values.push_back(Text(row.c.resolution_note));
    values.push_back(Text(row.c.answers.dump()));
    return values;
}

// An installer complaint's personal data in the same columns: the homeowner, the property, the
// phone, the closing comments; the rest of what the agent entered (installer, email, free text,
// referral answers) under `answers`. The complaint form asks for no homeowner email.
std::vector<Value> InstallerValues(const CaseFacts& f, const storage::InstallerComplaint& c,
                                   bool personal, const config::BusinessCalendar& calendar) {
    std::vector<Value> values = FactValues(f, calendar);
    if (!personal) return values;
    values.push_back(Text(c.homeowner));
    values.push_back(Text(c.address));
    values.push_back(Value{});
    values.push_back(Text(c.phone));
    values.push_back(Text(c.closure_comments));
    const nlohmann::json answers = {{"installer_name", c.installer_name},
                                    {"installer_email", c.installer_email},
                                    {"description", c.description},
                                    {"best_time", c.best_time},
                                    {"interaction_id", c.interaction_id},
                                    {"referral", c.referral}};
    values.push_back(Text(answers.dump()));
    return values;
}

std::string HoursText(double hours) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", hours);
    return buffer;
}

void WriteCsvField(std::ostream& out, const Value& value) {
    if (const auto* text = std::get_if<std::string>(&value)) {
        if (text->find_first_of(",\"\r\n") == std::string::npos) {
            out << *text;
            return;
        }
        out << '"';
        for (char c : *text) {
            if (c == '"') out << '"';
            out << c;
        }
        out << '"';
    } else if (const auto* hours = std::get_if<double>(&value)) {
        out << HoursText(*hours);
    } else if (const auto* flag = std::get_if<bool>(&value)) {
        out << (*flag ? "true" : "false");
    }
}

nlohmann::ordered_json JsonOf(const Value& value) {
    if (const auto* text = std::get_if<std::string>(&value)) return *text;
    // Two decimals as in CSV, still a JSON number.
    if (const auto* hours = std::get_if<double>(&value)) return std::stod(HoursText(*hours));
    if (const auto* flag = std::get_if<bool>(&value)) return *flag;
    return nullptr;
}

}  // namespace

const std::vector<std::string_view>& ExportColumns(bool include_personal_data) {
    static const std::vector<std::string_view> with_personal = [] {
        std::vector<std::string_view> all = kFactColumns;
        all.insert(all.end(), kPersonalColumns.begin(), kPersonalColumns.end());
        return all;
    }();
    return include_personal_data ? with_personal : kFactColumns;
}

CaseExportWriter::CaseExportWriter(std::ostream& out, ExportFormat format,
                                   bool include_personal_data,
                                   const config::BusinessCalendar& calendar)
    : out_(out), format_(format), personal_(include_personal_data), calendar_(calendar) {}

void CaseExportWriter::Begin() {
    if (format_ != ExportFormat::kCsv) return;
    const auto& columns = ExportColumns(personal_);
    for (std::size_t i = 0; i < columns.size(); ++i) out_ << (i ? "," : "") << columns[i];
    out_ << "\r\n";
}

void CaseExportWriter::Write(const CaseFacts& facts, const storage::CaseReportRow& row,
                             const config::sop::Sop* sop) {
    WriteValues(Values(facts, row, sop, personal_, calendar_));
}

void CaseExportWriter::WriteInstaller(const CaseFacts& facts,
                                      const storage::InstallerReportRow& row) {
    WriteValues(InstallerValues(facts, row.c, personal_, calendar_));
}

void CaseExportWriter::WriteValues(const std::vector<Value>& values) {
    const auto& columns = ExportColumns(personal_);
    if (format_ == ExportFormat::kCsv) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i > 0) out_ << ',';
            WriteCsvField(out_, values[i]);
        }
        out_ << "\r\n";
    } else {
        nlohmann::ordered_json line = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < values.size(); ++i) line[std::string(columns[i])] = JsonOf(values[i]);
        out_ << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    }
    ++written_;
}

}  // namespace escbot::commands::reports
