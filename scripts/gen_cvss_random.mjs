// Generates tests/data/cvss_random.jsonl: random CVSS v3.0, v3.1 and v4.0
// vectors with the scores a reference implementation gives them.
// tests/core/cvss_random_test.cc checks srcbot's scorer against every line.
// How to regenerate: docs/cvss.md ("Checking the scorer").
//
//   node scripts/gen_cvss_random.mjs <dir> [count] > tests/data/cvss_random.jsonl
//
// <dir> holds node_modules with ae-cvss-calculator@1.0.13, the reference: its
// v3.0 Roundup is the ceiling of FIRST's v3.0 calculator, its v3.1 Roundup the
// integer one of the v3.1 specification, and its v4.0 rounding has the
// epsilon of FIRST's calculator since 2024-11-01. The seed is fixed: the same
// package gives the same file.
import { createRequire } from 'node:module';
import path from 'node:path';

const dir = path.resolve(process.argv[2] ?? '.');
const count = Number(process.argv[3] ?? 3000);
const require = createRequire(path.join(dir, 'package.json'));
const ae = require('ae-cvss-calculator');

// mulberry32: a small seeded PRNG, so the file is reproducible.
let seed = 0x5eed2026;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (values) => values[Math.floor(random() * values.length)];

const V3_BASE = [['AV', 'NALP'], ['AC', 'LH'], ['PR', 'NLH'], ['UI', 'NR'], ['S', 'UC'],
  ['C', 'HLN'], ['I', 'HLN'], ['A', 'HLN']];
const V3_TEMPORAL = [['E', 'XHFPU'], ['RL', 'XUWTO'], ['RC', 'XCRU']];
const V3_ENV = [['CR', 'XHML'], ['IR', 'XHML'], ['AR', 'XHML'], ['MAV', 'XNALP'], ['MAC', 'XLH'],
  ['MPR', 'XNLH'], ['MUI', 'XNR'], ['MS', 'XUC'], ['MC', 'XHLN'], ['MI', 'XHLN'], ['MA', 'XHLN']];
const V4_BASE = [['AV', 'NALP'], ['AC', 'LH'], ['AT', 'NP'], ['PR', 'NLH'], ['UI', 'NPA'],
  ['VC', 'HLN'], ['VI', 'HLN'], ['VA', 'HLN'], ['SC', 'HLN'], ['SI', 'HLN'], ['SA', 'HLN']];
const V4_MORE = [['E', 'XAPU'], ['CR', 'XHML'], ['IR', 'XHML'], ['AR', 'XHML'], ['MAV', 'XNALP'],
  ['MAC', 'XLH'], ['MAT', 'XNP'], ['MPR', 'XNLH'], ['MUI', 'XNPA'], ['MVC', 'XHLN'],
  ['MVI', 'XHLN'], ['MVA', 'XHLN'], ['MSC', 'XHLN'], ['MSI', 'XSHLN'], ['MSA', 'XSHLN']];
const V4_SUPPLEMENTAL = [['S', ['X', 'N', 'P']], ['AU', ['X', 'N', 'Y']],
  ['R', ['X', 'A', 'U', 'I']], ['V', ['X', 'D', 'C']], ['RE', ['X', 'L', 'M', 'H']],
  ['U', ['X', 'Clear', 'Green', 'Amber', 'Red']]];

// Base metrics always; every other metric present with probability `p`.
function randomMetrics(base, optional, p) {
  const out = base.map(([name, values]) => [name, pick([...values])]);
  for (const [name, values] of optional) {
    if (random() < p) out.push([name, pick([...values])]);
  }
  return out;
}
const vectorOf = (prefix, metrics) => prefix + metrics.map(([n, v]) => `${n}:${v}`).join('/');

// ae leaves the temporal (environmental) score undefined when no such metric
// is defined; FIRST's calculators compute it with every X weighing 1. Scoring
// the same vector with a neutral value of weight 1 made explicit (E:H, RL:U,
// RC:C, CR:M) gives exactly the calculators' arithmetic.
function aeV3(version, metrics) {
  const Cls = version === '3.0' ? ae.Cvss3P0 : ae.Cvss3P1;
  const score = (ms) => new Cls(vectorOf(`CVSS:${version}/`, ms)).calculateScores();
  const set = (ms, name, value) => {
    const copy = ms.filter(([n]) => n !== name);
    copy.push([name, value]);
    return copy;
  };
  const plain = score(metrics);
  const withTemporal = score(set(set(set(metrics, 'E', 'H'), 'RL', 'U'), 'RC', 'C'));
  const withEnv = score(set(metrics, 'CR', 'M'));
  const definedT = metrics.some(([n, v]) => ['E', 'RL', 'RC'].includes(n) && v !== 'X');
  const definedE = metrics.some(([n, v]) => V3_ENV.some(([e]) => e === n) && v !== 'X');
  return {
    base: plain.base,
    temporal: definedT ? plain.temporal : withTemporal.temporal,
    environmental: definedE ? plain.environmental : withEnv.environmental,
  };
}

// The specification's rule (section 1.3): T when E is defined, E when any
// environmental metric is; ae does not name it.
function nomenclature(metrics) {
  const defined = (names) => metrics.some(([n, v]) => names.includes(n) && v !== 'X');
  const env = V4_MORE.slice(1).map(([n]) => n);
  return 'CVSS-B' + (defined(['E']) ? 'T' : '') + (defined(env) ? 'E' : '');
}

const lines = [];
for (const version of ['3.0', '3.1']) {
  for (let i = 0; i < count; i++) {
    const metrics = randomMetrics(V3_BASE, [...V3_TEMPORAL, ...V3_ENV], 0.35);
    const vector = vectorOf(`CVSS:${version}/`, metrics);
    const a = aeV3(version, metrics);
    lines.push({ version, vector, base_score: a.base, temporal_score: a.temporal,
      environmental_score: a.environmental });
  }
}
for (let i = 0; i < count; i++) {
  const metrics = randomMetrics(V4_BASE, V4_MORE, 0.3);
  for (const [name, values] of V4_SUPPLEMENTAL) {
    if (random() < 0.2) metrics.push([name, pick(values)]);
  }
  const vector = vectorOf('CVSS:4.0/', metrics);
  const a = new ae.Cvss4P0(vector).calculateScores();
  lines.push({ version: '4.0', vector, base_score: a.baseMetricsOnly, score: a.overall,
    nomenclature: nomenclature(metrics) });
}
process.stdout.write(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
process.stderr.write(`wrote ${lines.length} vectors\n`);
