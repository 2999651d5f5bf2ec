#include "bot/app/watchdog/watchdog.hpp"

#include <algorithm>

#include "bot/app/watchdog/watchdog_messages.hpp"
#include "bot/app/watchdog/watchdog_state.hpp"
#include "bot/core/logging.hpp"

namespace escbot::app::watchdog {
namespace {

constexpr int kReadLimit = 50;  // candidates read per check and tick
// The thread looks at the (injected) clock this often, so a clock that jumps is noticed.
constexpr std::chrono::milliseconds kPoll{1000};
// Admin notes leave ahead of ordinary posts (an outbox backlog is what they may be about),
// behind live-ladder pages.
constexpr int kNoticePriority = 5;

auto Log() { return logging::Get("watchdog"); }

Seconds SecondsOf(const config::Duration& d) {
    switch (d.unit) {
        case config::Duration::Unit::Hours:
            return Seconds(d.count * 3600);
        case config::Duration::Unit::Minutes:
            return Seconds(d.count * 60);
        default:
            return Seconds(d.count);  // the loader allows s, m and h only
    }
}

storage::OutboxItem Notice(const std::string& channel, std::string text) {
    storage::OutboxItem item;
    item.method = "chat.postMessage";
    item.args = {{"channel", channel}, {"text", std::move(text)}};
    item.lane = "admin:" + channel;
    item.priority = kNoticePriority;
    return item;
}

}  // namespace

Limits LimitsOf(const config::WatchdogSettings& s) {
    return {SecondsOf(s.ladder_grace), SecondsOf(s.timer_max_late), SecondsOf(s.outbox_max_age),
            SecondsOf(s.socket_grace)};
}

Watchdog::Watchdog(storage::Store& store, const Clock& clock, metrics::Registry& registry,
                   SettingsSource settings, Probes probes)
    : store_(store),
      clock_(clock),
      registry_(registry),
      settings_(std::move(settings)),
      probes_(std::move(probes)) {
    for (const std::string_view check : AllChecks()) {
        registry_.SetGauge(
            "escbot_watchdog_problem", "1 while the watchdog check has an open problem, else 0.",
            {{"check", std::string(check)}}, [open = open_, name = std::string(check)] {
                std::lock_guard lock(open->mutex);
                return open->checks.count(name) ? 1.0 : 0.0;
            });
    }
    SetOpen(store_.Read([](storage::UnitOfWork& u) { return u.Watchdog().OpenProblems(); }));
}

Watchdog::~Watchdog() { Stop(); }

Snapshot Watchdog::ReadSnapshot(TimePoint now, const Limits& limits,
                                std::vector<storage::WatchdogProblem>& open) {
    Snapshot snap;
    snap.now = now;
    store_.Read([&](storage::UnitOfWork& u) {
        for (const auto& l :
             u.Escalation().Ladders().PagingPastDeadline(now - limits.ladder_grace, kReadLimit))
            snap.paging_past_deadline.push_back({l.case_id, l.tier_id, l.step, l.deadline});
        for (const auto& t : u.Timers().Due(now - limits.timer_max_late, kReadLimit))
            snap.due_timers.push_back({t.kind, t.due_at});
        const storage::OutboxStats stats = u.Outbox().Stats();
        snap.pending = stats.pending;
        snap.oldest_pending = stats.oldest_pending_created_at;
        for (const auto& item : u.Outbox().UnreportedFailures(kReadLimit))
            snap.unreported_failures.push_back(
                {item.id, item.method, item.last_error, item.lane.rfind("admin:", 0) == 0});
        open = u.Watchdog().OpenProblems();
    });
    return snap;
}

std::vector<std::string> Watchdog::RunOnce() {
    const auto settings = settings_();
    if (!settings || !settings->watchdog.enabled) {
        SetOpen({});  // switched off: nothing is claimed open (rows stay for when it is back on)
        return {};
    }
    const Limits limits = LimitsOf(settings->watchdog);
    const TimePoint now = clock_.Now();

    std::vector<storage::WatchdogProblem> open;
    Snapshot snap = ReadSnapshot(now, limits, open);
    if (probes_.socket_connected) {
        snap.socket_connected = probes_.socket_connected();
        if (*snap.socket_connected) {
            socket_down_since_.reset();
        } else if (!socket_down_since_) {
            socket_down_since_ = now;
        }
        snap.socket_down_since = socket_down_since_;
    }
    snap.token_refused = probes_.token_refused && probes_.token_refused();

    const std::vector<CheckResult> results = RunChecks(snap, limits);
    const Plan plan = Decide(open, results, now);
    const auto failures = std::find_if(results.begin(), results.end(), [](const CheckResult& r) {
        return r.check == kMessageFailed;
    });
    const bool mark_failures = failures != results.end() && !failures->failure_ids.empty();
    if (!plan.empty() || mark_failures) {
        const std::string& admin = settings->channels.admin;
        store_.Write([&](storage::UnitOfWork& u) {
            for (const CheckResult& r : plan.opened) {
                u.Watchdog().Open({r.check, now, r.summary});
                if (!admin.empty() && AdminHears(r.check))
                    u.Outbox().Enqueue(Notice(admin, ProblemNotice(r)), now);
            }
            for (const auto& p : plan.resolved) {
                u.Watchdog().Clear(p.check);
                if (!admin.empty() && AdminHears(p.check))
                    u.Outbox().Enqueue(Notice(admin, ResolvedNotice(p, now)), now);
            }
            for (const auto& p : plan.forgotten) u.Watchdog().Clear(p.check);
            if (mark_failures) {
                for (const long long id : failures->failure_ids)
                    u.Outbox().MarkFailureReported(id, now);
            }
        });
        for (const CheckResult& r : plan.opened)
            Log()->error("watchdog: {} ({})", r.check, r.summary);
        for (const auto& p : plan.resolved) Log()->info("watchdog: {} resolved", p.check);
        open = store_.Read([](storage::UnitOfWork& u) { return u.Watchdog().OpenProblems(); });
    }
    SetOpen(open);
    registry_.GetCounter("escbot_watchdog_runs_total", "Watchdog ticks that ran.").Inc();
    return OpenChecks();
}

void Watchdog::SetOpen(const std::vector<storage::WatchdogProblem>& open) {
    std::lock_guard lock(open_->mutex);
    open_->checks.clear();
    for (const auto& p : open) open_->checks.insert(p.check);
}

std::vector<std::string> Watchdog::OpenChecks() const {
    std::lock_guard lock(open_->mutex);
    std::vector<std::string> checks;
    for (const std::string_view check : AllChecks()) {
        if (open_->checks.count(std::string(check))) checks.emplace_back(check);
    }
    return checks;
}

void Watchdog::Start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { Loop(); });
}

void Watchdog::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Watchdog::Loop() {
    const auto interval_of = [this] {
        const auto settings = settings_();
        return settings ? SecondsOf(settings->watchdog.interval) : Seconds(30);
    };
    TimePoint next = clock_.Now() + interval_of();
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, kPoll, [this] { return stopping_; });
        if (stopping_) break;
        if (clock_.Now() < next) continue;
        lock.unlock();
        try {
            RunOnce();
        } catch (const std::exception& e) {
            Log()->error("watchdog tick failed: {}", e.what());
        }
        next = clock_.Now() + interval_of();
        lock.lock();
    }
}

}  // namespace escbot::app::watchdog
