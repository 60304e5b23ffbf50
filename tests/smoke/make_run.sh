#!/usr/bin/env bash
# The README's first command, as a newcomer types it: `make run` with no Slack
# configured opens the console; `make run RUN_ARGS="console --db …"` too.
# A script on standard input stands in for the person. Then `make install`
# into a prefix of its own. `make smoke` runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "make run: FAIL: $*" >&2; failures=$((failures + 1)); }
# No Slack credentials, whatever the caller's environment holds.
unset SLACK_APP_TOKEN SLACK_SIGNING_SECRET SLACK_BOT_TOKEN SRCBOT_MODE SRCBOT_CONFIG

out=$(printf 'report "Smoke test report" --repo sigstore/cosign\nlist\n' |
  SRCBOT_DB="$work/srcbot.db" make --no-print-directory run 2>&1) || fail "make run exited with $?"
grep -qF '[#src] New report SRC-1: Smoke test report (sigstore/cosign)' <<<"$out" ||
  fail "make run did not open the console: $out"

out=$(printf 'show SRC-1\n' |
  make --no-print-directory run RUN_ARGS="console --db $work/srcbot.db" 2>&1) || fail "make run RUN_ARGS=console exited with $?"
grep -qF '*SRC-1* Smoke test report' <<<"$out" || fail "make run RUN_ARGS=console: $out"

# `make install` (README, docs/operations.md) under a prefix of our own.
make --no-print-directory install PREFIX="$work/prefix" >/dev/null || fail "make install exited with $?"
out=$("$work/prefix/bin/srcbot" --version 2>&1) || fail "the installed srcbot: $out"
for f in share/man/man1/srcbot.1 lib/systemd/system/srcbot.service share/doc/srcbot/examples/srcbot.toml; do
  [ -f "$work/prefix/$f" ] || fail "make install did not install $f"
done
grep -qx "ExecStart=$work/prefix/bin/srcbot serve" "$work/prefix/lib/systemd/system/srcbot.service" ||
  fail "the installed unit does not start the installed binary"

[ "$failures" -eq 0 ] || exit 1
echo "make run: opens the console with no Slack configured, and with RUN_ARGS; make install installs it"
