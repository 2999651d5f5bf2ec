#pragma once

#include "bot/routing/router.hpp"
#include "commands/command_deps.hpp"

namespace escbot::commands::concert {

/// Registers the Concert confirmation flow (SOP §3) on `router` and its timer kinds on
/// deps.scheduler:
///  - `/concert <homeowner name>, <property address>` posts (or holds) a request and answers
///    with an ephemeral note; with empty or unsplittable text it opens a form (views.open at
///    once with the command's trigger; "busy, try again" when the Slack client is saturated).
///    `/concert cancel <id>` withdraws the agent's own request.
///  - the post's buttons: Confirmed / Not a Concert customer (the first answer by someone who
///    may answer wins; anyone else gets an ephemeral refusal), Need more info (a form whose
///    question goes to the thread, with an Answered button for the requesting agent: reminders
///    pause until it is pressed), Cancel request (the requesting agent only). A confirmation
///    shows the agent the Concert guidance of config/sop/concert.toml (concert_guidance.hpp).
///  - the timers concert.release and concert.remind (see concert_flow.hpp).
/// Time to answer (from the post to the first answer) is observed in the histogram
/// escbot_concert_time_to_answer_seconds{rotation}. `deps` must outlive the router and the
/// scheduler. Call once, before the scheduler starts. Handlers never throw for bad input.
void RegisterConcert(routing::Router& router, CommandDeps& deps);

}  // namespace escbot::commands::concert
