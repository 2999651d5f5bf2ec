#pragma once

#include "config/sop/sop.hpp"
#include "config/sop/sop_error.hpp"

// The validator's checks of what the steps refer to: [sop], sections, qualifiers, notes,
// outcomes, the ladder and [fields].
namespace escbot::config::sop::checks {

void CheckMeta(const Sop& sop, SopErrors& errors);
void CheckSections(const Sop& sop, SopErrors& errors);
void CheckQualifiers(const Sop& sop, SopErrors& errors);
void CheckNotes(const Sop& sop, SopErrors& errors);
void CheckOutcomes(const Sop& sop, SopErrors& errors);
void CheckLadder(const Sop& sop, SopErrors& errors);
void CheckFields(const Sop& sop, SopErrors& errors);

}  // namespace escbot::config::sop::checks
