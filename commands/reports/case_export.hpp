#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "commands/reports/case_facts.hpp"
#include "storage/installer_complaint_repository.hpp"

namespace escbot::commands::reports {

enum class ExportFormat { kCsv, kJson };

/// The export's columns, the same snake_case names in CSV and JSON: the case facts, then (only
/// with personal data) homeowner_name, property_address, email, phone, resolution_note and
/// answers (every answer, free text included, as a JSON object).
const std::vector<std::string_view>& ExportColumns(bool include_personal_data);

/// Writes one record per case as it is handed over, so that memory stays flat: CSV by RFC 4180
/// (a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break) or
/// JSON Lines (one object per line). Empty values are empty CSV fields and JSON nulls; business
/// hours have two decimals; times are ISO-8601 with the calendar zone's offset.
class CaseExportWriter {
public:
    CaseExportWriter(std::ostream& out, ExportFormat format, bool include_personal_data,
                     const config::BusinessCalendar& calendar);

    /// The CSV header (nothing for JSON); call once before the first record.
    void Begin();
    /// `sop` may be null; personal data is read from the row's answers through its fields.
    void Write(const CaseFacts& facts, const storage::CaseReportRow& row,
               const config::sop::Sop* sop);
    /// An installer complaint (InstallerFactsOf), in the same columns; its personal data from
    /// the complaint's fields.
    void WriteInstaller(const CaseFacts& facts, const storage::InstallerReportRow& row);
    long long Written() const { return written_; }

    /// One field: empty, text, business hours (two decimals) or a yes/no.
    using Value = std::variant<std::monostate, std::string, double, bool>;

private:
    void WriteValues(const std::vector<Value>& values);

    std::ostream& out_;
    ExportFormat format_;
    bool personal_;
    const config::BusinessCalendar& calendar_;
    long long written_ = 0;
};

}  // namespace escbot::commands::reports
