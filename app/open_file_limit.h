#pragma once
// The process's limit on open files, which bounds how many client connections
// the HTTP listener can hold (docs/operations.md, "Hostile input"). systemd
// and most shells start services with a soft limit of 1024 and a much higher
// hard limit, which an unprivileged process may raise its soft limit to.

namespace srcbot::app {

// Descriptors kept back from client connections: the database and its WAL,
// outbound HTTPS to Slack and GitHub, logs, and headroom.
inline constexpr long kReservedDescriptors = 256;

// Raises the soft RLIMIT_NOFILE towards `wanted`, never above the hard limit
// and never lowering it. Returns the soft limit in force afterwards, or -1
// when it cannot be read.
long RaiseOpenFileLimit(long wanted);

// How many client connections fit under `open_file_limit` once
// kReservedDescriptors are kept back: at most `cap`, at least 1 (a limit too
// small to reserve anything still gets one connection). -1 (unknown) gives `cap`.
int ConnectionsFor(long open_file_limit, int cap);

}  // namespace srcbot::app
