#!/usr/bin/env bash
# Drives the plain binary `make run` starts (build/srcbot) as a newcomer would:
# a whole case typed into the console from standard input, then the other
# subcommands the README shows. Fails, naming the step, on any wrong exit
# status or missing line. `make test` runs it; so can you:
#   tests/smoke/console_session.sh build/srcbot
set -euo pipefail

srcbot=$(realpath "${1:-build/srcbot}")
[ -x "$srcbot" ] || { echo "smoke: no executable at $srcbot" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "smoke: FAIL: $*" >&2; failures=$((failures + 1)); }

# expect NAME OUTPUT LINE...: each LINE must appear in OUTPUT, as a whole line.
expect() {
  local name=$1 output=$2
  shift 2
  for line in "$@"; do
    grep -qxF -- "$line" <<<"$output" || fail "$name: no line '$line'"
  done
}

# Received yesterday, so every deadline is the real clock's and still open.
received=$(date -u -d '1 day ago' +%Y-%m-%dT%H:%MZ)
cat >"$work/script.txt" <<SCRIPT
report "Signature bypass in cosign verify" --repo sigstore/cosign --received $received
ack SRC-1
triage SRC-1 --replicated yes --affected "< 2.4.1"
team SRC-1 add @dana --github dana-gh
cvss SRC-1 CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N
summary SRC-1 "A crafted bundle could make cosign verify accept a forged signature."
:as dana
fixed SRC-1
:as alice
release-day SRC-1 next
:in #general
show SRC-1
:in #src
release SRC-1 --version 2.4.1 --release-url https://github.com/sigstore/cosign/releases/tag/v2.4.1
retro SRC-1
retro SRC-1 --done
frobnicate SRC-1
SCRIPT
session=$("$srcbot" console --db "$work/srcbot.db" <"$work/script.txt" 2>&1) || fail "console exited with $?"
echo "$session" >"$work/session.txt"
expect "console" "$session" \
  "[#src] SRC-1 acknowledged by @alice. Next: triage — can it be replicated? @alice leads it." \
  "[#src] SRC-1 triaged by @alice: replicated; repo sigstore/cosign; affected < 2.4.1. Next: pull the fix team together (/src team SRC-1 add @user)." \
  "[#src] @dana joins SRC-1's fix team by @alice (GitHub: dana-gh)." \
  "[#src] SRC-1 scored 9.1 Critical (CVSS 3.1 base score) by @alice: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N." \
  "[#src] Public summary of SRC-1 set by @alice: A crafted bundle could make cosign verify accept a forged signature." \
  "[#src] SRC-1: the fix is ready by @dana. Next: agree the release day (/src release-day SRC-1)." \
  "[#general → @alice, only you] case details are only shown in the SRC's private channel" \
  "[#general] :shield: *Security release: sigstore/cosign 2.4.1*" \
  "[#development] :shield: *Security release: sigstore/cosign 2.4.1*" \
  "[#src → @alice, only you] *Retrospective of SRC-1: Signature bypass in cosign verify*"
grep -qE '^\[#src\] New report SRC-1: Signature bypass in cosign verify \(sigstore/cosign\), received .* via email, recorded by @alice\.' <<<"$session" ||
  fail "console: no new-report post"
grep -qE '^\[#src\] Release of SRC-1 set for [0-9-]{10} 16:00 UTC by @alice\.$' <<<"$session" ||
  fail "console: no release day"
grep -qE '^\[#src\] SRC-1 released as 2\.4\.1 by @alice: the embargo is lifted\.' <<<"$session" ||
  fail "console: no release"
grep -qxF '[#src] Retrospective of SRC-1 done (@alice); SRC-1 closed as fixed.' <<<"$session" || fail "console: the retro did not close it"
grep -qF 'unknown verb' <<<"$session" || fail "console: an unknown verb got no error"
# The embargo: before the release, the public channels got nothing but the
# refusal, and never the title.
before_release=$(sed '/released as 2\.4\.1/,$d' <<<"$session")
public=$(grep -E '^\[#(general|development)' <<<"$before_release" || true)
[ "$public" = "[#general → @alice, only you] case details are only shown in the SRC's private channel" ] ||
  fail "console: under embargo the public channels got: $public"
grep -E '^\[#(general|development)' <<<"$session" | grep -qF 'Signature bypass' &&
  fail "console: the title reached a public channel"

# A second run on the same database: the case is still there, closed.
again=$("$srcbot" console --db "$work/srcbot.db" 2>&1 <<<'show SRC-1') || fail "console (again) exited with $?"
grep -qF 'stage: closed (fixed)' <<<"$again" || fail "console (again): SRC-1 is not closed"

out=$("$srcbot" --version) || fail "--version exited with $?"
grep -qxE 'srcbot [0-9]+\.[0-9]+\.[0-9]+ \(commit ([0-9a-f]{12}(-dirty)?|unknown)\)' <<<"$out" ||
  fail "--version printed '$out'"
out=$("$srcbot" --help) || fail "--help exited with $?"
grep -qF "$("$srcbot" --version)" <<<"$out" || fail "--help does not name the version"
for sub in serve console migrate backup export manifest cvss; do
  grep -qE "^  $sub " <<<"$out" || fail "--help does not list '$sub'"
done
out=$("$srcbot" manifest) || fail "manifest exited with $?"
grep -qF '"command": "/src"' <<<"$out" || fail "manifest has no /src command"
grep -qF '"socket_mode_enabled": true' <<<"$out" || fail "manifest is not for Socket Mode"
out=$("$srcbot" cvss CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H) || fail "cvss exited with $?"
grep -qF '"base_score":9.8,"base_severity":"Critical"' <<<"$out" || fail "cvss printed '$out'"
if out=$("$srcbot" cvss CVSS:3.1/AV:X 2>&1); then fail "cvss took an invalid vector"; fi
grep -qF '"error":"bad value \"X\" for AV' <<<"$out" || fail "cvss gave no reason: '$out'"
if "$srcbot" frobnicate >/dev/null 2>&1; then fail "an unknown subcommand exited 0"; fi

if [ "$failures" -gt 0 ]; then
  echo "smoke: $failures failure(s); the console session was:" >&2
  cat "$work/session.txt" >&2
  exit 1
fi
echo "smoke: $srcbot passed: a case from report to retro in the console, --version, --help, manifest, cvss"
