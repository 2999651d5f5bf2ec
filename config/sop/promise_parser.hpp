#pragma once

#include "config/sop/sop.hpp"
#include "config/sop/toml_table_reader.hpp"

namespace escbot::config::sop::parsing {

/// Reads an outcome's follow-up promise: `due_soon`, `due` (durations: "24bh", "2bd", "1w",
/// "3d", "2h", "30m", "30s") and `update_restarts_promise`, or the older `follow_up_hours = N`
/// (read as due = Nh, wall-clock hours, so that cases pinned to an older SOP version keep its
/// rule). A bad duration, both spellings at once, or a due_soon not before due (when both use
/// one unit) is an error naming the outcome and the key.
void ReadPromise(TableReader& reader, Outcome& outcome);

}  // namespace escbot::config::sop::parsing
