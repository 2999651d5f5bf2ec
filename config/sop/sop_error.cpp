#include "config/sop/sop_error.hpp"

namespace escbot::config::sop {

std::string SopError::ToString() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
    if (!step.empty()) out += "step \"" + step + "\": ";
    if (!question.empty()) out += "question \"" + question + "\": ";
    out += message;
    return out;
}

}  // namespace escbot::config::sop
