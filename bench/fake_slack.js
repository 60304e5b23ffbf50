#!/usr/bin/env node
'use strict';
// A minimal fake Slack Web API for the benchmark (bench/compare.sh): just
// enough for `srcbot serve` to start and for the embargo guard to judge the
// SRC channel. Zero dependencies; listens on 127.0.0.1 only.
//
//   node bench/fake_slack.js --src-channel C0SRC --members U0ADMIN [--port 0]
//
// Prints one JSON line once listening: {"listening":PORT,"pid":...}; then one
// JSON line of call counts per method on SIGINT/SIGTERM before it exits.
//
// Answers (srcbot posts JSON bodies to <base>/<method>, bot/slack_api/slack_web_api.cc):
//   auth.test             the bot is UBENCHBOT in team T0BENCH
//   conversations.info    --src-channel is private, every other channel public
//   conversations.members --src-channel: --members plus the bot; others: the bot
//   users.info            any user, a person in UTC
//   chat.* / views.*      ok, with a fresh ts / view id
// Anything else gets {"ok":false,"error":"unknown_method"}.
const http = require('node:http');

const args = { port: 0, 'src-channel': 'C0SRC', members: 'U0ADMIN' };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in args) || process.argv[i + 1] === undefined) {
    console.error(`usage: fake_slack.js [--port N] [--src-channel C] [--members U1,U2]`);
    process.exit(2);
  }
  args[key] = process.argv[i + 1];
}
const BOT = 'UBENCHBOT';
const srcChannel = args['src-channel'];
const srcMembers = args.members.split(',').filter(Boolean).concat([BOT]);
const calls = {};
let ts = 1700000000;

function channel(id) {
  const isSrc = id === srcChannel;
  return {
    id, name: isSrc ? 'src' : `public-${id}`, is_channel: !isSrc, is_group: false, is_im: false,
    is_mpim: false, is_private: isSrc, is_archived: false, is_shared: false, is_ext_shared: false,
    is_org_shared: false, is_pending_ext_shared: false, is_member: true,
  };
}

function answer(method, a) {
  switch (method) {
    case 'auth.test':
      return { user_id: BOT, bot_id: 'BBENCHBOT', team_id: 'T0BENCH', user: 'srcbot', team: 'bench' };
    case 'conversations.info':
      return { channel: channel(String(a.channel || '')) };
    case 'conversations.members':
      return { members: a.channel === srcChannel ? srcMembers : [BOT], response_metadata: { next_cursor: '' } };
    case 'users.info': {
      const id = String(a.user || '');
      return { user: { id, team_id: 'T0BENCH', name: id.toLowerCase(), real_name: id, tz: 'UTC', deleted: false, is_bot: id === BOT } };
    }
    case 'chat.postMessage':
    case 'chat.update':
      return { channel: a.channel, ts: `${ts++}.000100` };
    case 'chat.postEphemeral':
      return { message_ts: `${ts++}.000100` };
    case 'views.open': case 'views.update': case 'views.push': case 'views.publish':
      return { view: Object.assign({}, a.view || {}, { id: `V${ts++}`, hash: `h${ts}` }) };
    default:
      return null;
  }
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const method = decodeURIComponent(req.url.replace(/^.*\//, '').split('?')[0]);
    calls[method] = (calls[method] || 0) + 1;
    let a = {};
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      a = /json/.test(req.headers['content-type'] || '') ? JSON.parse(text || '{}')
        : Object.fromEntries(new URLSearchParams(text));
    } catch (_) { a = {}; }
    if (typeof a.view === 'string') { try { a.view = JSON.parse(a.view); } catch (_) { a.view = {}; } }
    const body = answer(method, a);
    const out = JSON.stringify(body ? Object.assign({ ok: true }, body) : { ok: false, error: 'unknown_method' });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(out) });
    res.end(out);
  });
});
server.keepAliveTimeout = 60000;
server.listen(Number(args.port), '127.0.0.1', () => {
  console.log(JSON.stringify({ listening: server.address().port, pid: process.pid }));
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    console.log(JSON.stringify({ calls }));
    process.exit(0);
  });
}
