#!/usr/bin/env bash
# srcbot against the Slack Bolt peer (issue 10, docs/performance.md). Run it as
# `make bench-compare`, which builds srcbot and bench/srcbot_bench first.
#
# What it does:
#  1. copies ../shared/bench (the Bolt peer, load.js, rss.sh, wrk-signed.lua) to
#     $OUT/peer and installs the peer there (npm, better-sqlite3 built from source;
#     kept between runs while the shared copy is unchanged); installs wrk if missing;
#  2. starts a fake Slack Web API (bench/fake_slack.js) on 127.0.0.1;
#  3. for each file system (the root disk, then /dev/shm): starts `srcbot serve
#     --mode http` and the peer with both databases in one directory (WAL,
#     synchronous=FULL on both), opens one case in srcbot, then runs PAIRS
#     interleaved pairs (peer, srcbot) at each concurrency with wrk replaying the
#     same signed `/src link ...` command as the admin in the SRC channel, and
#     samples each server's RSS over each run (rss.sh); checks every answer is a
#     200 and that each server's database grew by one row per answered request;
#  4. srcbot's cold start to ready (fresh, existing and post-load databases) and
#     the reminder tick over TICK_CASES open cases (bench/srcbot_bench);
#  5. bench/summarize.js: a table on stdout and $OUT/results.json (every raw run).
#
# Env: BUILD (build-bench), OUT (/tmp/srcbot-bench), PAIRS (3), DURATION (10 s),
#      WARMUP (1 s), CONCURRENCIES ("16 64"), FILESYSTEMS ("disk shm"),
#      DISK_DIR (/var/tmp/srcbot-bench-db), SHM_DIR (/dev/shm/srcbot-bench-db),
#      WRK_THREADS (1), STARTS (20), TICK_CASES (100000), TICK_RUNS (3),
#      SHARED_BENCH (../shared/bench beside the project).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
BUILD="${BUILD:-build-bench}"
case "$BUILD" in /*) build_dir="$BUILD" ;; *) build_dir="$root/$BUILD" ;; esac
OUT="${OUT:-/tmp/srcbot-bench}"
PAIRS="${PAIRS:-3}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-1}"
CONCURRENCIES="${CONCURRENCIES:-16 64}"
FILESYSTEMS="${FILESYSTEMS:-disk shm}"
DISK_DIR="${DISK_DIR:-/var/tmp/srcbot-bench-db}"
SHM_DIR="${SHM_DIR:-/dev/shm/srcbot-bench-db}"
WRK_THREADS="${WRK_THREADS:-1}"
STARTS="${STARTS:-20}"
TICK_CASES="${TICK_CASES:-100000}"
TICK_RUNS="${TICK_RUNS:-3}"
SHARED_BENCH="${SHARED_BENCH:-$root/../shared/bench}"

export SLACK_SIGNING_SECRET="bench-secret-0123456789abcdef"
readonly TEAM=T0BENCH ADMIN=U0BENCHADM SRC=C0BENCHSRC
readonly TEXT='link SRC-1 https://example.com/bench "bench"'

srcbot="$build_dir/srcbot"
tick_bench="$build_dir/bench/srcbot_bench"
peer="$OUT/peer"
runs="$OUT/runs.jsonl"

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[ -x "$srcbot" ] || die "no $srcbot: run 'make bench-compare' (it builds it)"
[ -x "$tick_bench" ] || die "no $tick_bench: run 'make bench-compare' (it builds it)"
[ -d "$SHARED_BENCH/bolt-peer" ] || die "no Bolt peer at $SHARED_BENCH (set SHARED_BENCH)"
command -v node >/dev/null || die "node is needed (Debian: apt-get install nodejs npm)"
command -v sqlite3 >/dev/null || die "sqlite3 is needed (scripts/setup.sh installs it)"

# --- wrk, the way scripts/setup.sh installs packages -------------------------
if ! command -v wrk >/dev/null; then
  say "installing wrk"
  if [ "$(id -u)" -eq 0 ]; then sudo=(); elif sudo -n true 2>/dev/null; then sudo=(sudo -n); else
    die "wrk is missing and installing it needs root: apt-get install -y wrk"
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends wrk
fi

# --- the peer, in a copy outside the project ----------------------------------
mkdir -p "$OUT"
if [ -f "$peer/.installed" ] &&
   diff -rq --exclude=node_modules --exclude=.installed "$SHARED_BENCH" "$peer" >/dev/null 2>&1; then
  say "reusing the installed peer in $peer"
else
  say "copying $SHARED_BENCH to $peer and installing the peer (compiles better-sqlite3: minutes)"
  rm -rf "$peer"
  cp -r "$SHARED_BENCH" "$peer"
  chmod -R u+w "$peer"
  (cd "$peer/bolt-peer" && npm_config_nodedir=/usr npm install --no-audit --no-fund >"$OUT/npm-install.log" 2>&1) ||
    die "npm install of the peer failed: see $OUT/npm-install.log"
  (cd "$peer/bolt-peer" && node -e "require('better-sqlite3')") ||
    die "better-sqlite3 does not load in $peer/bolt-peer: see $OUT/npm-install.log"
  touch "$peer/.installed"
fi

# --- helpers ------------------------------------------------------------------
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  sleep 0.3
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done  # srcbot: a second signal skips the drain
  wait 2>/dev/null || true
}
trap cleanup EXIT

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Waits for a line matching $2 in file $1 (10 s).
wait_line() {
  local i
  for i in $(seq 1 200); do grep -q -- "$2" "$1" 2>/dev/null && return 0; sleep 0.05; done
  return 1
}

wait_healthz() {
  local i
  for i in $(seq 1 200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/healthz")" = 200 ] && return 0
    sleep 0.05
  done
  return 1
}

# A freshly signed pool of $2 requests with text $1, as the admin in #src (TSV for wrk).
make_pool() {
  local file
  file="$(mktemp "$OUT/pool.XXXXXX")"
  node "$peer/load.js" --url "http://127.0.0.1:1/slack/commands" --emit "$file" --pool "$2" \
    --text "$1" --user "$ADMIN" --channel "$SRC" --team "$TEAM" 2>/dev/null
  echo "$file"
}

# One signed slash command to port $1 with text $2; prints "<status> <body>".
signed_post() {
  local pool ts sig body
  pool="$(make_pool "$2" 1)"
  IFS=$'\t' read -r ts sig body <"$pool"
  rm -f "$pool"
  curl -s -w ' %{http_code}' -X POST "http://127.0.0.1:$1/slack/commands" \
    -H 'Content-Type: application/x-www-form-urlencoded' \
    -H "X-Slack-Request-Timestamp: $ts" -H "X-Slack-Signature: $sig" --data-binary "$body" |
    awk '{code=$NF; $NF=""; sub(/ $/, ""); print code " " $0}'
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }            # utime+stime of a pid
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9, $5+$6}' /proc/stat; }  # total, idle+iowait
rows() { sqlite3 "$1" "$2" 2>/dev/null || echo null; }
dsync() {  # seconds for 200 synchronous 4 KiB writes in $1
  local f="$1/dd-dsync.tmp" t
  t="$(dd if=/dev/zero of="$f" bs=4k count=200 oflag=dsync 2>&1 | awk '/copied/{print $(NF-3)}')"
  rm -f "$f"
  echo "${t:-null}"
}
fstype() { findmnt -n -o FSTYPE -T "$1" 2>/dev/null | head -n 1 | grep . || stat -f -c %T "$1"; }
json_str() { node -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$1"; }

# --- fake Slack -------------------------------------------------------------------
: >"$runs"
node "$here/fake_slack.js" --src-channel "$SRC" --members "$ADMIN" >"$OUT/fake_slack.log" 2>&1 &
pids+=($!)
wait_line "$OUT/fake_slack.log" listening || die "fake Slack did not start: $OUT/fake_slack.log"
slack_port="$(sed -n 's/.*"listening":\([0-9]*\).*/\1/p' "$OUT/fake_slack.log" | head -n 1)"
slack_url="http://127.0.0.1:$slack_port/api/"

start_srcbot() {  # db log port
  SLACK_BOT_TOKEN=xoxb-bench "$srcbot" serve --mode http --db "$1" --listen "127.0.0.1:$3" \
    --src-channel "$SRC" --admins "$ADMIN" --slack-api-url "$slack_url" 2>"$2" &
  srcbot_pid=$!
  pids+=("$srcbot_pid")
  wait_healthz "$3" || die "srcbot did not get ready: $2"
}

stop() {  # pid: SIGTERM, then a second one after 1 s (srcbot's drain waits up to 5 s on a backlog)
  kill -TERM "$1" 2>/dev/null || return 0
  local i
  for i in $(seq 1 20); do kill -0 "$1" 2>/dev/null || break; sleep 0.05; done
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local keep=() p
  for p in "${pids[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  pids=("${keep[@]}")
}

# One measured run: server name, its pid, port, db, count query, fs, pair, concurrency.
run_one() {
  local name=$1 pid=$2 port=$3 db=$4 query=$5 fs=$6 pair=$7 c=$8
  local url="http://127.0.0.1:$port/slack/commands" pool before after rss warm line c0 c1 m0 m1
  pool="$(make_pool "$TEXT" 2000)"
  before="$(rows "$db" "$query")"
  "$peer/rss.sh" "$pid" >"$OUT/rss.tmp" &
  local rss_pid=$!
  warm="$(POOL="$pool" wrk -t"$WRK_THREADS" -c"$c" -d"${WARMUP}s" --timeout 10s -s "$peer/wrk-signed.lua" "$url" | tail -n 1)"
  c0="$(cpu_ticks "$pid")"; m0="$(machine_ticks)"
  line="$(POOL="$pool" wrk -t"$WRK_THREADS" -c"$c" -d"${DURATION}s" --timeout 10s -s "$peer/wrk-signed.lua" "$url" | tail -n 1)"
  c1="$(cpu_ticks "$pid")"; m1="$(machine_ticks)"
  kill -TERM "$rss_pid"; wait "$rss_pid" || true  # TERM: background jobs of a script ignore SIGINT
  rss="$(cat "$OUT/rss.tmp")"
  rm -f "$pool" "$OUT/rss.tmp"
  sleep 0.2  # answers wrk stopped waiting for still commit
  after="$(rows "$db" "$query")"
  local hz; hz="$(getconf CLK_TCK)"
  local cpu idle
  cpu="$(awk -v a="$c0" -v b="$c1" -v hz="$hz" 'BEGIN{printf "%.2f", (b-a)/hz}')"
  idle="$(awk -v a="$m0" -v b="$m1" 'BEGIN{split(a,x," "); split(b,y," "); t=y[1]-x[1]; printf "%.1f", (t > 0) ? 100*(y[2]-x[2])/t : 0}')"
  printf '{"fs":"%s","pair":%s,"server":"%s","concurrency":%s,"at":"%s","run":%s,"warmup":%s,"rss":%s,"db_rows_before":%s,"db_rows_after":%s,"server_cpu_s":%s,"machine_idle_pct":%s,"loadavg":"%s"}\n' \
    "$fs" "$pair" "$name" "$c" "$(date -u +%FT%TZ)" "$line" "$warm" "$rss" "$before" "$after" "$cpu" "$idle" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$runs"
  say "$fs pair $pair c=$c $name: $(printf '%s' "$line" | sed -n 's/.*"rps":\([0-9.]*\).*"p50_ms":\([0-9.]*\).*"p99_ms":\([0-9.]*\).*/\1 req\/s, p50 \2 ms, p99 \3 ms/p'), server cpu ${cpu}s, idle ${idle}%"
}

# --- machine -------------------------------------------------------------------
# The sources the binary was built from (the build's CMake cache names them): a
# git checkout (dirty = changes outside bench/, docs/, tests/, fuzz/) or an
# export with a .commit file beside it.
src_dir="$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)"
src_dir="${src_dir:-$root}"
if git -C "$src_dir" rev-parse --short HEAD >/dev/null 2>&1; then
  src_commit="$(git -C "$src_dir" rev-parse --short HEAD)"
  src_dirty=false
  [ -n "$(git -C "$src_dir" status --porcelain -- . ':!bench' ':!docs' ':!tests' ':!fuzz' 2>/dev/null)" ] && src_dirty=true
elif [ -f "$src_dir/.commit" ]; then
  src_commit="$(cat "$src_dir/.commit")"; src_dirty=false
else
  src_commit=unknown; src_dirty=null
fi
mkdir -p "$DISK_DIR"
{
  printf '{"date_utc":"%s","nproc":%s,"uname_r":"%s","node":"%s","wrk":%s,"sqlite3":"%s",' \
    "$(date -u +%FT%TZ)" "$(nproc)" "$(uname -r)" "$(node --version)" \
    "$(json_str "$(wrk -v 2>&1 | head -n 1)")" "$(sqlite3 --version | awk '{print $1}')"
  printf '"srcbot_source":"%s","srcbot_commit":"%s","srcbot_dirty":%s,"loadavg_start":"%s",' \
    "$src_dir" "$src_commit" "$src_dirty" "$(cut -d' ' -f1-3 /proc/loadavg)"
  printf '"disk_dir":"%s","disk_fs":"%s","shm_dir":"%s","pairs":%s,"duration_s":%s,"wrk_threads":%s,"text":%s,' \
    "$DISK_DIR" "$(fstype "$DISK_DIR")" "$SHM_DIR" "$PAIRS" "$DURATION" "$WRK_THREADS" "$(json_str "$TEXT")"
  printf '"dsync_200x4k_s_before":%s,' "$(dsync "$DISK_DIR")"
} >"$OUT/meta.partial"

# --- load, per file system -------------------------------------------------------
answers=()
for fs in $FILESYSTEMS; do
  case "$fs" in disk) dir="$DISK_DIR" ;; shm) dir="$SHM_DIR" ;; *) die "FILESYSTEMS: disk and/or shm" ;; esac
  rm -rf "$dir"; mkdir -p "$dir"
  say "$fs: databases in $dir ($(fstype "$dir"))"
  sport="$(free_port)"; pport="$(free_port)"
  start_srcbot "$dir/srcbot.db" "$OUT/srcbot-$fs.log" "$sport"
  s_pid=$srcbot_pid
  PORT="$pport" DB_PATH="$dir/bolt-peer.db" SLACK_BOT_TOKEN=xoxb-fake node "$peer/bolt-peer/app.js" >"$OUT/peer-$fs.log" 2>&1 &
  p_pid=$!
  pids+=("$p_pid")
  wait_line "$OUT/peer-$fs.log" listening || die "the peer did not start: $OUT/peer-$fs.log"
  grep -q 'better-sqlite3 (journal_mode=wal, synchronous=2)' "$OUT/peer-$fs.log" ||
    die "the peer is not on better-sqlite3 with WAL and synchronous=FULL: $(head -n 1 "$OUT/peer-$fs.log")"
  [ "$(sqlite3 "$dir/srcbot.db" 'PRAGMA journal_mode')" = wal ] || die "srcbot's database is not in WAL mode"

  # One case, opened by the admin; then one link by hand. srcbot acks a change
  # with an empty 200 (the change itself goes to #src through the outbox), so
  # the proof is the timeline row committed before the ack, and `list` shows it.
  seeded="$(signed_post "$sport" 'report "bench case"')"
  [ "$seeded" = "200 " ] && [ "$(rows "$dir/srcbot.db" 'SELECT count(*) FROM cases')" = 1 ] ||
    die "seeding the case failed: $seeded"
  t0="$(rows "$dir/srcbot.db" 'SELECT count(*) FROM timeline')"
  s_answer="$(signed_post "$sport" "$TEXT")"
  t1="$(rows "$dir/srcbot.db" 'SELECT count(*) FROM timeline')"
  s_list="$(signed_post "$sport" list)"
  p_answer="$(signed_post "$pport" "$TEXT")"
  say "$fs: srcbot answers the link: '$s_answer' (timeline $t0 -> $t1 rows); list: $s_list"
  say "$fs: peer answers: $p_answer"
  [ "$s_answer" = "200 " ] && [ "$t1" = $((t0 + 1)) ] || die "srcbot did not commit the link before its ack: '$s_answer', timeline $t0 -> $t1"
  case "$s_list" in "200 "*SRC-1*) ;; *) die "srcbot's list does not show SRC-1: $s_list" ;; esac
  case "$p_answer" in "200 "*) ;; *) die "the peer did not answer 200: $p_answer" ;; esac
  answers+=("{\"fs\":\"$fs\",\"seed\":$(json_str "$seeded"),\"srcbot_link\":$(json_str "$s_answer"),\"srcbot_timeline_rows\":[$t0,$t1],\"srcbot_list\":$(json_str "$s_list"),\"peer\":$(json_str "$p_answer")}")

  for pair in $(seq 1 "$PAIRS"); do
    for c in $CONCURRENCIES; do
      run_one peer "$p_pid" "$pport" "$dir/bolt-peer.db" "SELECT count(*) FROM commands" "$fs" "$pair" "$c"
      run_one srcbot "$s_pid" "$sport" "$dir/srcbot.db" "SELECT count(*) FROM timeline" "$fs" "$pair" "$c"
    done
  done
  stop "$p_pid"
  stop "$s_pid"
  [ "$fs" = shm ] && rm -rf "$dir"
done
printf '"dsync_200x4k_s_after":%s,"answers":[%s]}\n' "$(dsync "$DISK_DIR")" "$(IFS=,; echo "${answers[*]}")" \
  >>"$OUT/meta.partial"
tr -d '\n' <"$OUT/meta.partial" >"$OUT/meta.json"; echo >>"$OUT/meta.json"; rm -f "$OUT/meta.partial"

# --- cold start ---------------------------------------------------------------------
say "cold start: $STARTS starts each on a fresh, an existing and the post-load database"
cold="$OUT/cold.jsonl"
: >"$cold"
cport="$(free_port)"
cold_start() {  # label fresh db
  node "$here/cold_start.js" --srcbot "$srcbot" --db "$3" --slack-api-url "$slack_url" --port "$cport" \
    --src-channel "$SRC" --admins "$ADMIN" --starts "$STARTS" --fresh "$2" --label "$1" >>"$cold"
  say "cold start, $1: $(tail -n 1 "$cold")"
}
cold_start fresh 1 "$DISK_DIR/cold.db"
cold_start existing 0 "$DISK_DIR/cold.db"
if [ -f "$DISK_DIR/srcbot.db" ]; then
  say "post-load database: $(sqlite3 "$DISK_DIR/srcbot.db" 'SELECT (SELECT count(*) FROM timeline) || " timeline rows, " || (SELECT count(*) FROM outbox) || " outbox rows"')"
  cold_start post-load 0 "$DISK_DIR/srcbot.db"
fi

# --- the reminder tick ----------------------------------------------------------------
say "reminder tick over $TICK_CASES open cases ($TICK_RUNS runs)"
: >"$OUT/tick.txt"
# On both file systems: on the disk one fsync of the VM's (0.2-8 ms) is part
# of the tick; on tmpfs what is left is the tick's own CPU.
for fs in $FILESYSTEMS; do
  case "$fs" in disk) dir="$DISK_DIR" ;; shm) dir="$SHM_DIR" ;; esac
  mkdir -p "$dir"
  for i in $(seq 1 "$TICK_RUNS"); do
    TMPDIR="$dir" "$tick_bench" "$TICK_CASES" 100 | sed "s/^/$fs: /" | tee -a "$OUT/tick.txt" >&2
  done
done

node "$here/summarize.js" "$OUT"
