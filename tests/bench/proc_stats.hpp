#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string_view>

namespace escbot::bench {

/// CPU time (user + system, all threads) a process has used so far, in seconds, from
/// /proc/<pid>/stat; -1 if it cannot be read (the process is gone).
double ProcessCpuSeconds(pid_t pid);

/// A "Vm..:" line of /proc/<pid>/status in KiB (VmHWM: peak RSS, VmRSS: now); -1 if absent.
long ProcessStatusKib(pid_t pid, std::string_view field);

/// This process's own CPU time (all threads), in seconds.
double SelfCpuSeconds();

/// The machine's CPU counters from /proc/stat, in clock ticks.
struct MachineCpu {
    std::uint64_t busy = 0;
    std::uint64_t total = 0;
};
MachineCpu ReadMachineCpu();

/// Busy cores between two readings (2.0 = both cores of a 2-core machine fully used).
double BusyCores(const MachineCpu& before, const MachineCpu& after, double seconds);

/// The 1-minute load average.
double LoadAverage();

}  // namespace escbot::bench
