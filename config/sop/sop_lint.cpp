#include "config/sop/sop_lint.hpp"

#include <fstream>
#include <sstream>

#include "config/sop/installer_sop_loader.hpp"
#include "config/sop/sop_loader.hpp"

namespace escbot::config::sop {
namespace {

int ReportErrors(const SopErrors& errors, const std::string& path, std::ostream& err) {
    for (const SopError& error : errors) err << error.ToString() << '\n';
    err << errors.size() << (errors.size() == 1 ? " error" : " errors") << " in " << path << '\n';
    return 2;
}

/// The installer-complaints SOP (config/sop/installer_complaints.toml).
int LintInstallerSop(const std::string& text, const std::string& path, std::ostream& out,
                     std::ostream& err) {
    const InstallerSopLoadResult result = LoadInstallerSopString(text, path);
    if (!result.ok()) return ReportErrors(result.errors, path, err);
    const InstallerSop& sop = *result.sop;
    out << "ok: " << sop.id << " SOP " << sop.version << ", " << sop.complaint_types.size()
        << " complaint types, " << sop.questions.size() << " questions\n";
    return 0;
}

}  // namespace

int RunSopLint(const std::string& path, std::ostream& out, std::ostream& err) {
    std::ifstream in(path, std::ios::binary);
    if (in) {
        std::ostringstream text;
        text << in.rdbuf();
        if (SopIdOf(text.str()) == kInstallerSopId) return LintInstallerSop(text.str(), path, out, err);
    }
    const SopLoadResult result = LoadSopFile(path);
    if (!result.ok()) return ReportErrors(result.errors, path, err);
    const Sop& sop = *result.sop;
    out << "ok: " << sop.id << " SOP " << sop.version << ", " << sop.steps.size() << " steps, "
        << sop.QuestionCount() << " questions\n";
    return 0;
}

}  // namespace escbot::config::sop
