#include "bot/app/sop_commands.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>

#include "config/sop/sop_diff.hpp"
#include "config/sop/sop_graph.hpp"
#include "config/sop/sop_loader.hpp"

namespace escbot::app {
namespace {

using config::sop::SopLoadResult;

bool Loaded(const SopLoadResult& result, const std::string& path, std::ostream& err) {
    if (result.ok()) return true;
    for (const auto& error : result.errors) err << error.ToString() << '\n';
    err << result.errors.size() << (result.errors.size() == 1 ? " error" : " errors") << " in "
        << path << '\n';
    return false;
}

/// Runs `dot -Tsvg` over the DOT text through a private temporary file (the shell command holds
/// no user input). Returns the exit status; the SVG goes to `out`.
int RenderSvg(const std::string& dot_text, std::ostream& out, std::ostream& err) {
    std::string path = (std::filesystem::temp_directory_path() / "escbot-sop-XXXXXX").string();
    const int fd = ::mkstemp(path.data());
    if (fd < 0) {
        err << "sop graph: cannot create a temporary file\n";
        return 1;
    }
    ::close(fd);
    std::ofstream(path) << dot_text;
    const std::string command = "dot -Tsvg '" + path + "' 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    std::string svg;
    if (pipe != nullptr) {
        std::array<char, 4096> buffer{};
        std::size_t n = 0;
        while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) svg.append(buffer.data(), n);
    }
    const int status = pipe == nullptr ? -1 : ::pclose(pipe);
    std::filesystem::remove(path);
    if (status != 0 || svg.find("<svg") == std::string::npos) {
        const bool missing = WIFEXITED(status) && WEXITSTATUS(status) == 127;
        err << (missing ? "sop graph: Graphviz's dot is not installed (apt-get install graphviz), "
                          "or use --format dot\n"
                        : "sop graph: dot failed: " + svg + "\n");
        return 1;
    }
    out << svg;
    return 0;
}

}  // namespace

int RunSopGraph(const std::string& path, const std::string& format, std::ostream& out,
                std::ostream& err) {
    if (format != "dot" && format != "svg") {
        err << "sop graph: --format must be dot or svg, not \"" << format << "\"\n";
        return 2;
    }
    const SopLoadResult result = config::sop::LoadSopFile(path);
    if (!Loaded(result, path, err)) return 2;
    const std::string dot = config::sop::SopDot(*result.sop);
    if (format == "dot") {
        out << dot;
        return 0;
    }
    return RenderSvg(dot, out, err);
}

int RunSopDiff(const std::string& old_path, const std::string& new_path, std::ostream& out,
               std::ostream& err) {
    const SopLoadResult before = config::sop::LoadSopFile(old_path);
    const SopLoadResult after = config::sop::LoadSopFile(new_path);
    const bool ok = Loaded(before, old_path, err) & Loaded(after, new_path, err);
    if (!ok) return 2;
    out << config::sop::DiffReport(*before.sop, *after.sop,
                                   config::sop::DiffSops(*before.sop, *after.sop));
    return 0;
}

}  // namespace escbot::app
