#pragma once
// An outbound message as a value. Messages say which cases they speak of, so the
// embargo guard can judge every one of them before it leaves the process.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/case.h"

namespace srcbot::core {

enum class Audience {
  kSrcChannel,  // the SRC's private channel (resolved from configuration)
  kChannel,     // `target` is a channel id
  kUser,        // `target` is a user id: a direct message
  // The public channels (resolved from configuration); only public release
  // posts (`release_of`) go there.
  kGeneralChannel,
  kDevelopmentChannel,
};

struct Message {
  Audience audience = Audience::kSrcChannel;
  std::string target;
  std::string text;
  // Cases whose details the text contains. Empty only for texts that name no
  // case detail at all (help, errors, bare ids).
  std::vector<CaseId> about;
  // A verb a button under the post runs on about[0] ("ack" on a new report),
  // or empty. Transports without buttons show the text alone.
  std::string offers;
  // Set only on a public release post (core/public_release.h): the post of
  // this released case. Its text is left empty: the guard renders it at
  // delivery from the case's public fields alone, so nothing else can ride
  // along to a public channel.
  std::optional<CaseId> release_of;
};

}  // namespace srcbot::core
