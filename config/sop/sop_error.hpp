#pragma once

#include <string>
#include <vector>

namespace escbot::config::sop {

/// One problem found in an SOP file. `step` and `question` name the place in the flow when the
/// problem belongs to one; `line` is 1-based (0 when unknown).
struct SopError {
    std::string file;
    int line = 0;
    std::string step;
    std::string question;
    std::string message;

    /// `file:line: step "s": question "q": message`, leaving out the parts that are empty.
    std::string ToString() const;
};

using SopErrors = std::vector<SopError>;

}  // namespace escbot::config::sop
