#!/usr/bin/env node
'use strict';
// Summarizes a bench/compare.sh run: node bench/summarize.js OUT_DIR
// Reads OUT_DIR/{meta.json,runs.jsonl,cold.jsonl,tick.txt}, prints a table on
// stdout and writes OUT_DIR/results.json with every raw run, the per-pair
// ratios (srcbot / peer) and their median and min–max, and the targets of
// issue 10 judged on the medians. Zero dependencies.
const fs = require('node:fs');
const path = require('node:path');

const out = process.argv[2] || '/tmp/srcbot-bench';
const readLines = (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()) : []);
const meta = fs.existsSync(path.join(out, 'meta.json')) ? JSON.parse(fs.readFileSync(path.join(out, 'meta.json'), 'utf8')) : {};
const runs = readLines(path.join(out, 'runs.jsonl')).map((l) => JSON.parse(l));
const cold = readLines(path.join(out, 'cold.jsonl')).map((l) => JSON.parse(l));
const tick = readLines(path.join(out, 'tick.txt'));

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const spread = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x));
  return { median: median(s), min: s.length ? Math.min(...s) : null, max: s.length ? Math.max(...s) : null, n: s.length };
};
const fmt = (x, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(d));
const pad = (s, n) => String(s).padStart(n);
const padR = (s, n) => String(s).padEnd(n);

// Every run: answers all 2xx, nothing lost, and the database grew by one row per
// answer (answers the load generator stopped waiting for may still commit: up to
// two per connection, one at the end of the warm-up and one at the end of the run).
for (const r of runs) {
  const answered = (r.run.requests || 0) + (r.warmup.requests || 0);
  const grew = r.db_rows_after !== null && r.db_rows_before !== null ? r.db_rows_after - r.db_rows_before : null;
  r.answered = answered;
  r.db_rows_added = grew;
  r.clean = r.run.non2xx === 0 && r.run.errors === 0 && r.run.timeouts === 0 &&
    r.warmup.non2xx === 0 && r.warmup.errors === 0 && r.warmup.timeouts === 0;
  r.committed_per_answer = grew !== null && grew >= answered && grew <= answered + 2 * r.concurrency;
}

const groups = [];
for (const f of [...new Set(runs.map((r) => r.fs))]) {
  for (const c of [...new Set(runs.filter((r) => r.fs === f).map((r) => r.concurrency))]) {
    const pairs = [];
    for (const p of [...new Set(runs.filter((r) => r.fs === f && r.concurrency === c).map((r) => r.pair))]) {
      const peer = runs.find((r) => r.fs === f && r.concurrency === c && r.pair === p && r.server === 'peer');
      const bot = runs.find((r) => r.fs === f && r.concurrency === c && r.pair === p && r.server === 'srcbot');
      if (!peer || !bot) continue;
      pairs.push({
        pair: p,
        rps: bot.run.rps / peer.run.rps,
        p50: bot.run.p50_ms / peer.run.p50_ms,
        p99: bot.run.p99_ms / peer.run.p99_ms,
        rss: bot.rss.peak_rss_kib / peer.rss.peak_rss_kib,
      });
    }
    const side = (name) => {
      const rs = runs.filter((r) => r.fs === f && r.concurrency === c && r.server === name);
      return {
        runs: rs.length,
        rps: spread(rs.map((r) => r.run.rps)),
        p50_ms: spread(rs.map((r) => r.run.p50_ms)),
        p99_ms: spread(rs.map((r) => r.run.p99_ms)),
        peak_rss_mib: spread(rs.map((r) => r.rss.peak_rss_kib / 1024)),
        server_cpu_s: spread(rs.map((r) => r.server_cpu_s)),
        server_cpu_us_per_req: spread(rs.map((r) => (r.server_cpu_s * 1e6) / r.run.requests)),
        machine_idle_pct: spread(rs.map((r) => r.machine_idle_pct)),
        all_clean: rs.every((r) => r.clean),
        all_committed: rs.every((r) => r.committed_per_answer),
      };
    };
    groups.push({
      fs: f, concurrency: c, srcbot: side('srcbot'), peer: side('peer'), pairs,
      ratio: { rps: spread(pairs.map((x) => x.rps)), p50: spread(pairs.map((x) => x.p50)), p99: spread(pairs.map((x) => x.p99)), rss: spread(pairs.map((x) => x.rss)) },
    });
  }
}

const coldSummary = cold.filter((l) => l.summary);
const tickMs = tick.map((l) => /first tick.*?([0-9.]+) ms$/.exec(l)).filter(Boolean).map((m) => Number(m[1]));
const tickIdleMs = tick.map((l) => /second tick.*?([0-9.]+) ms$/.exec(l)).filter(Boolean).map((m) => Number(m[1]));

// The targets of issue 10, judged on the medians.
const g = (f, c) => groups.find((x) => x.fs === f && x.concurrency === c);
const targets = [];
for (const f of ['disk', 'shm']) {
  for (const c of [16, 64]) {
    const x = g(f, c);
    if (!x) continue;
    targets.push({ target: `throughput >= 10x peer (${f}, c=${c})`, value: x.ratio.rps.median, unit: 'x', met: x.ratio.rps.median >= 10 });
    targets.push({ target: `peak RSS <= 1/8 of peer (${f}, c=${c})`, value: x.ratio.rss.median, unit: 'x', met: x.ratio.rss.median <= 0.125 });
    if (c === 16) targets.push({ target: `p99 <= 5 ms (${f}, c=16)`, value: x.srcbot.p99_ms.median, unit: 'ms', met: x.srcbot.p99_ms.median <= 5 });
    if (c === 64) targets.push({ target: `p99 <= 1/10 of peer (${f}, c=64)`, value: x.ratio.p99.median, unit: 'x', met: x.ratio.p99.median <= 0.1 });
  }
}
for (const s of coldSummary) {
  targets.push({ target: `cold start to ready < 50 ms (${s.label} db)`, value: s.healthz_200_ms_median, unit: 'ms', met: s.healthz_200_ms_median < 50 });
}
// Tick lines start with the file system they ran on ("disk: ", "shm: ").
for (const f of ['disk', 'shm']) {
  const ms = tick.filter((l) => l.startsWith(`${f}: `))
    .map((l) => /first tick.*?([0-9.]+) ms$/.exec(l)).filter(Boolean).map((m) => Number(m[1]));
  if (!ms.length) continue;
  const m = median(ms);
  const n = (/ (\d+) open cases/.exec(tick[0]) || [])[1] || '?';
  targets.push({ target: `reminder tick, ${n} open cases < 10 ms (${f})`, value: m, unit: 'ms', met: m < 10 });
}

const results = { meta, groups, cold: coldSummary, cold_starts: cold.filter((l) => !l.summary), tick: { lines: tick, first_tick_ms: tickMs, idle_tick_ms: tickIdleMs }, targets, runs };
fs.writeFileSync(path.join(out, 'results.json'), JSON.stringify(results, null, 1) + '\n');

// ---- the human table ----
const L = [];
L.push(`srcbot vs Bolt peer — ${meta.date_utc || '?'}, ${meta.nproc || '?'} cores, Linux ${meta.uname_r || '?'}, node ${meta.node || '?'}, srcbot ${meta.srcbot_commit || '?'}${meta.srcbot_dirty ? '+dirty' : ''}`);
L.push(`wrk -t${meta.wrk_threads} ${meta.duration_s}s per run after a 1 s warm-up; ${meta.pairs} interleaved pairs; text: ${meta.text}`);
L.push(`200 x 4 KiB dsync writes on ${meta.disk_dir} (${meta.disk_fs}): ${meta.dsync_200x4k_s_before} s before, ${meta.dsync_200x4k_s_after} s after`);
L.push('');
L.push('per server, medians over the pairs (cpu s: the server\'s CPU time in the measured run; idle%: the whole machine\'s)');
L.push(`${padR('fs', 5)}${pad('conc', 5)}  ${padR('server', 7)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('RSS MiB', 9)}${pad('cpu s', 7)}${pad('µs/req', 8)}${pad('idle%', 7)}  checks`);
for (const x of groups) {
  for (const name of ['peer', 'srcbot']) {
    const s = x[name];
    L.push(`${padR(x.fs, 5)}${pad(x.concurrency, 5)}  ${padR(name, 7)}${pad(fmt(s.rps.median, 0), 9)}${pad(fmt(s.p50_ms.median), 9)}${pad(fmt(s.p99_ms.median), 9)}${pad(fmt(s.peak_rss_mib.median, 1), 9)}${pad(fmt(s.server_cpu_s.median, 1), 7)}${pad(fmt(s.server_cpu_us_per_req.median, 0), 8)}${pad(fmt(s.machine_idle_pct.median, 0), 7)}  ${s.all_clean ? 'all 200' : 'ERRORS'}, ${s.all_committed ? 'row per answer' : 'ROWS != ANSWERS'}`);
  }
}
L.push('');
L.push('ratios srcbot / peer per pair: median [min–max]');
L.push(`${padR('fs', 5)}${pad('conc', 5)}  ${padR('throughput', 22)}${padR('p50', 22)}${padR('p99', 22)}${padR('peak RSS', 22)}`);
const r = (s) => `${fmt(s.median, 3)} [${fmt(s.min, 3)}–${fmt(s.max, 3)}]`;
for (const x of groups) {
  L.push(`${padR(x.fs, 5)}${pad(x.concurrency, 5)}  ${padR(r(x.ratio.rps), 22)}${padR(r(x.ratio.p50), 22)}${padR(r(x.ratio.p99), 22)}${padR(r(x.ratio.rss), 22)}`);
}
L.push('');
for (const s of coldSummary) {
  L.push(`cold start (${s.label} db, ${s.starts} starts): first 200 from /healthz median ${fmt(s.healthz_200_ms_median)} ms [${fmt(s.healthz_200_ms_min)}–${fmt(s.healthz_200_ms_max)}], "ready" log line median ${fmt(s.ready_log_ms_median)} ms${s.failed ? `, ${s.failed} FAILED` : ''}`);
}
for (const l of tick) L.push(l);
L.push('');
L.push('targets (issue 10), on the medians');
for (const t of targets) L.push(`  ${t.met ? 'met    ' : 'NOT met'}  ${padR(t.target, 46)} ${fmt(t.value, 3)} ${t.unit}`);
L.push('');
L.push(`raw runs: ${path.join(out, 'results.json')}`);
console.log(L.join('\n'));
