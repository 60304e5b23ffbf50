#include "app/open_file_limit.h"

#include <sys/resource.h>

#include <algorithm>

namespace srcbot::app {

long RaiseOpenFileLimit(long wanted) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return -1;
  const rlim_t target = limit.rlim_max == RLIM_INFINITY
                            ? static_cast<rlim_t>(wanted)
                            : std::min(limit.rlim_max, static_cast<rlim_t>(wanted));
  if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < target) {
    rlimit raised = limit;
    raised.rlim_cur = target;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
  }
  return limit.rlim_cur == RLIM_INFINITY ? wanted : static_cast<long>(limit.rlim_cur);
}

int ConnectionsFor(long open_file_limit, int cap) {
  if (open_file_limit < 0) return cap;
  const long room = open_file_limit - kReservedDescriptors;
  return static_cast<int>(std::clamp<long>(room, 1, cap));
}

}  // namespace srcbot::app
