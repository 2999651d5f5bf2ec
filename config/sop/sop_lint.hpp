#pragma once

#include <ostream>
#include <string>

namespace escbot::config::sop {

/// `escalation-bot sop lint FILE`: loads and validates an SOP file. On success prints
/// "ok: <id> SOP <version>, N steps, M questions" to `out` and returns 0; otherwise prints each
/// error (file:line: step "...": question "...": message) on its own line to `err` and returns 2.
/// Never throws for a bad file.
int RunSopLint(const std::string& path, std::ostream& out, std::ostream& err);

}  // namespace escbot::config::sop
