#include "config/sop/sop_lint.hpp"

#include "config/sop/sop_loader.hpp"

namespace escbot::config::sop {

int RunSopLint(const std::string& path, std::ostream& out, std::ostream& err) {
    const SopLoadResult result = LoadSopFile(path);
    if (!result.ok()) {
        for (const SopError& error : result.errors) err << error.ToString() << '\n';
        err << result.errors.size() << (result.errors.size() == 1 ? " error" : " errors")
            << " in " << path << '\n';
        return 2;
    }
    const Sop& sop = *result.sop;
    out << "ok: " << sop.id << " SOP " << sop.version << ", " << sop.steps.size() << " steps, "
        << sop.QuestionCount() << " questions\n";
    return 0;
}

}  // namespace escbot::config::sop
