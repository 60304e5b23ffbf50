#!/usr/bin/env node
'use strict';
// srcbot's cold start to ready, measured from just before exec.
//
//   node bench/cold_start.js --srcbot BIN --db PATH --slack-api-url URL --port N \
//        --src-channel C --admins U [--starts 20] [--fresh 1] [--label NAME]
//
// Each start: spawn `srcbot serve --mode http`, poll GET /healthz on 127.0.0.1
// every 0.5 ms (a refused connection costs microseconds), and note the time of
// the "ready" log line (stderr) and of the first 200 from /healthz; then SIGTERM
// (a second one 0.2 s later if it is still draining its outbox) and wait for
// the exit. --fresh 1 deletes the database (and -wal/-shm) before every start;
// --fresh 0 reuses whatever is there (it must exist).
// Prints one JSON line per start and a summary line with medians.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');

const a = { starts: 20, fresh: 1, label: '', 'src-channel': 'C0SRC', admins: 'U0ADMIN' };
for (let i = 2; i < process.argv.length; i += 2) a[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const k of ['srcbot', 'db', 'slack-api-url', 'port']) {
  if (!a[k]) { console.error(`cold_start.js: --${k} is required`); process.exit(2); }
}
const env = Object.assign({}, process.env, {
  SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: process.env.SLACK_SIGNING_SECRET || 'bench-secret-0123456789abcdef',
});
const argv = ['serve', '--mode', 'http', '--db', a.db, '--listen', `127.0.0.1:${a.port}`,
  '--src-channel', a['src-channel'], '--admins', a.admins, '--slack-api-url', a['slack-api-url'],
  '--log-level', 'info'];

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const agent = new http.Agent({ keepAlive: false });

function healthz() {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port: Number(a.port), path: '/healthz', agent, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => { req.destroy(); resolve(0); });
  });
}

async function once(i) {
  if (Number(a.fresh)) for (const s of ['', '-wal', '-shm']) fs.rmSync(a.db + s, { force: true });
  const t0 = process.hrtime.bigint();
  const child = spawn(a.srcbot, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let readyMs = null;
  let err = '';
  child.stderr.on('data', (d) => {
    err += d.toString();
    if (readyMs === null && /"ready/.test(err)) readyMs = ms(t0);
  });
  let exited = false;
  const exit = new Promise((resolve) => child.on('exit', (code) => { exited = true; resolve(code); }));
  let healthMs = null;
  while (!exited && ms(t0) < 10000) {
    if ((await healthz()) === 200) { healthMs = ms(t0); break; }
    await new Promise((r) => setTimeout(r, 0.5));
  }
  // The ready line may trail the listener by a moment.
  for (let w = 0; readyMs === null && !exited && w < 200; w++) await new Promise((r) => setTimeout(r, 5));
  // A second signal skips the outbox drain (up to 5 s with a backlog).
  child.kill('SIGTERM');
  const again = setTimeout(() => { if (!exited) child.kill('SIGTERM'); }, 200);
  const code = await exit;
  clearTimeout(again);
  const line = { label: a.label, start: i + 1, fresh: Boolean(Number(a.fresh)), ready_log_ms: readyMs, healthz_200_ms: healthMs, exit: code };
  if (healthMs === null) line.stderr_tail = err.slice(-400);
  console.log(JSON.stringify(line));
  return line;
}

function median(xs) {
  const s = xs.filter((x) => x !== null).sort((x, y) => x - y);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

(async () => {
  const lines = [];
  for (let i = 0; i < Number(a.starts); i++) lines.push(await once(i));
  const h = lines.map((l) => l.healthz_200_ms);
  const r = lines.map((l) => l.ready_log_ms);
  const round = (x) => (x === null ? null : Math.round(x * 100) / 100);
  console.log(JSON.stringify({
    label: a.label, summary: true, starts: lines.length, fresh: Boolean(Number(a.fresh)),
    failed: h.filter((x) => x === null).length,
    healthz_200_ms_median: round(median(h)), healthz_200_ms_min: round(Math.min(...h.filter((x) => x !== null))),
    healthz_200_ms_max: round(Math.max(...h.filter((x) => x !== null))),
    ready_log_ms_median: round(median(r)),
  }));
})();
