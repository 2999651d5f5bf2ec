#pragma once

#include <ostream>
#include <string>

namespace escbot::app {

/// `escalation-bot sop graph FILE [--format dot|svg]`: the SOP as a picture. DOT is printed as
/// is; SVG is rendered by Graphviz's `dot` (Debian's graphviz package). Exit 0, 2 on a bad file
/// or format, 1 when `dot` is missing or fails.
int RunSopGraph(const std::string& path, const std::string& format, std::ostream& out,
                std::ostream& err);

/// `escalation-bot sop diff OLD NEW`: the questions, routes, timings and wording that changed.
/// Exit 0 whether or not the versions differ; 2 when either file does not load.
int RunSopDiff(const std::string& old_path, const std::string& new_path, std::ostream& out,
               std::ostream& err);

}  // namespace escbot::app
