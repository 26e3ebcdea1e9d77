#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node scripts/bench.mjs --cpu-prof`): self time by function,
// highest first, and the share of time by source (ccmd's dist/, node_modules, node: internals,
// native / GC / idle).
//   node scripts/bench/profile-summary.mjs <file.cpuprofile> [top=30] [--from=S] [--to=S] [--timeline]
// --from/--to keep only the samples between those seconds after the profile started (e.g. the
// load window: find it with --timeline, which prints the busy share of every second).
import { readFileSync } from 'node:fs';

const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const [file, topArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flag = (name) => flags.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const fromS = Number(flag('from') ?? 0);
const toS = Number(flag('to') ?? Infinity);
if (!file) {
  console.error('usage: profile-summary.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const hits = new Map();
const intervals = profile.timeDeltas;
const busyBySecond = [];
let t = 0;
profile.samples.forEach((id, i) => {
  t += intervals[i] ?? 0;
  const second = Math.floor(t / 1e6);
  if (byId.get(id).callFrame.functionName !== '(idle)') busyBySecond[second] = (busyBySecond[second] ?? 0) + (intervals[i] ?? 0);
  if (t < fromS * 1e6 || t > toS * 1e6) return;
  hits.set(id, (hits.get(id) ?? 0) + (intervals[i] ?? 0));
});
if (flags.includes('--timeline')) {
  console.log('busy share per second:', Array.from(busyBySecond, (us, s) => `${s}:${Math.round((us ?? 0) / 1e4)}%`).join(' '));
}
const total = [...hits.values()].reduce((a, b) => a + b, 0);

const selfByFunction = new Map();
const bySource = new Map();
for (const [id, us] of hits) {
  const { callFrame } = byId.get(id);
  const where = callFrame.url ? `${callFrame.url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/')}:${callFrame.lineNumber + 1}` : '(native)';
  const key = `${callFrame.functionName || '(anonymous)'}  ${where}`;
  selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + us);
  const source = /\/dist\//.test(callFrame.url) ? 'ccmd dist/'
    : /node_modules\/([^/]+(\/[^/]+)?)/.exec(callFrame.url)?.[1] ?? (callFrame.url.startsWith('node:') ? 'node: internals' : callFrame.functionName || '(native)');
  bySource.set(source, (bySource.get(source) ?? 0) + us);
}
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
console.log(`total sampled ${(total / 1e6).toFixed(2)} s`);
console.log('\nby source:');
for (const [k, v] of [...bySource].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${pct(v)}  ${k}`);
console.log('\nself time by function:');
for (const [k, v] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
