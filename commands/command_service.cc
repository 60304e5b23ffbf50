#include "commands/command_service.h"

#include <algorithm>

#include "commands/case_change.h"
#include "commands/committee_change.h"
#include "commands/reminder_tick.h"
#include "commands/tokenizer.h"
#include "core/markup.h"
#include "core/utf8.h"
#include "commands/verb_table.h"

namespace srcbot::commands {
namespace {

// Far above any real command (a quoted summary is one word), and low enough
// that no verb does much work or writes much for a hostile one: a title or
// note built from 10,000 words would be stored, then refused by Slack on
// every post.
constexpr std::size_t kMaxCommandBytes = 8000;
constexpr std::size_t kMaxCommandWords = 100;

}  // namespace

std::optional<std::string> RefuseCommandText(std::string_view text) {
  if (text.size() > kMaxCommandBytes) {
    return "Error: the command is too long (" + std::to_string(text.size()) + " bytes; at most " +
           std::to_string(kMaxCommandBytes) + "). Nothing was changed.";
  }
  // Slack's transports refuse such bytes already; the console does not, and
  // a title that is not UTF-8 could never be written as JSON (to GitHub, or
  // by `srcbot export`).
  if (!core::IsValidUtf8(text)) return "Error: the command is not valid UTF-8. Nothing was changed.";
  for (unsigned char c : text) {
    // A person cannot type these in Slack, and a NUL would cut the text short
    // wherever it meets a C string; tab and line breaks are ordinary text.
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      return "Error: the command contains a control character. Nothing was changed.";
    }
  }
  return std::nullopt;
}

namespace {

// The one refusal of an SRC-only verb, so the typed verb and a button say the same.
Reply SrcOnlyRefusal() { return Reply{"Error: only SRC members can do that. Try /src help.", {}, {}}; }

}  // namespace

CommandService::CommandService(core::CaseStore& store, const core::Clock& clock,
                               ServiceOptions options)
    : store_(store), clock_(clock), options_(std::move(options)) {}

core::Result<bool> CommandService::IsSrcMember(const core::UserId& user) {
  auto members = store_.Members();
  if (!members.ok()) return members.status();
  const auto& list = members.value();
  return std::any_of(list.begin(), list.end(), [&](const core::Member& m) { return m.user == user; });
}

std::optional<Reply> CommandService::RefuseVerb(const core::UserId& user, std::string_view verb) {
  const Verb* found = FindVerb(verb);
  if (found == nullptr) return Reply{"Error: unknown verb. Try /src help.", {}, {}};
  if (found->access != core::Access::kSrcOnly) return std::nullopt;
  auto member = IsSrcMember(user);
  if (!member.ok()) return Reply{"Error: " + member.status().message(), {}, {}};
  if (!member.value()) return SrcOnlyRefusal();
  return std::nullopt;
}

Reply CommandService::Handle(const Invocation& in) {
  if (auto refused = RefuseCommandText(in.text)) return Reply{*refused, {}, {}};
  auto tokens = Tokenize(in.text);
  if (!tokens.ok()) return Reply{"Error: " + core::Escape(tokens.status().message()), {}, {}};
  std::vector<Token> words = std::move(tokens).value();
  if (words.size() > kMaxCommandWords) {
    return Reply{"Error: the command has " + std::to_string(words.size()) + " words; at most " +
                     std::to_string(kMaxCommandWords) + ". Nothing was changed.",
                 {},
                 {}};
  }
  if (words.empty()) words.push_back({TokenKind::kWord, "help", ""});

  const std::string verb_name = words.front().value;
  const Verb* verb = FindVerb(verb_name);
  if (verb == nullptr) {
    return Reply{"Error: unknown verb \"" + core::Escape(verb_name) + "\". Try /src help.", {}, {}};
  }
  auto usage = [&](const core::Status& st) {
    return Reply{"Error: " + st.message() + "\nUsage: /src " + core::Escape(verb->usage), {}, {}};
  };

  auto member = IsSrcMember(in.user);
  if (!member.ok()) return Reply{"Error: " + member.status().message(), {}, {}};
  core::Actor actor{in.user, member.value(), in.channel};
  // Any command by a member is activity (the inactivity flag, SPEC §5); a
  // failure to stamp it must not cost them their command.
  if (actor.src_member && store_.Committee() != nullptr) {
    (void)store_.Committee()->RecordActivity(in.user, clock_.Now());
  }
  // Verbs for the SRC alone are refused before their arguments are even read,
  // so an outsider learns nothing from the errors.
  if (verb->access == core::Access::kSrcOnly && !actor.src_member) return SrcOnlyRefusal();

  words.erase(words.begin());
  auto args = ParseArgs(words, verb->flags);
  // The grammar's messages are plain text and may quote what was typed.
  if (!args.ok()) return usage({args.status().code(), core::Escape(args.status().message())});

  VerbContext ctx{store_, options_, actor, clock_.Now()};
  auto reply = verb->run(ctx, args.value());
  if (reply.ok()) return std::move(reply).value();
  const core::Status& st = reply.status();
  Reply error = st.code() == core::Code::kInvalidArgument ? usage(st)
                                                          : Reply{"Error: " + st.message(), {}, {}};
  // A refusal from the state machine may name details ("@bob is already on the
  // fix team"), so it is judged like the case itself — except "no case SRC-9".
  // The committee verbs name no case: `vote 3` is not about SRC-3.
  const bool committee = verb->name == "members" || verb->name == "vote";
  auto id = CaseArg(args.value(), verb->name);
  if (id.ok() && !committee && st.code() != core::Code::kNotFound) {
    error.about = {id.value()};
    error.fallback = "Error: that did not work on " + core::CaseRef(id.value()) +
                     "; details are only shown in the SRC's private channel.";
  }
  return error;
}

core::Result<int> CommandService::ReminderTick(core::TimePoint now) {
  return commands::ReminderTick(store_, options_, now);
}

core::Result<int> CommandService::CommitteeTick(core::TimePoint now) {
  return commands::CommitteeTick(store_, options_, now);
}

}  // namespace srcbot::commands
