#!/usr/bin/env node
// The heaviest frames of a V8 .cpuprofile by self time (as `npm run bench -- --cpu-prof` writes
// them into bench-output/profiles/), so BENCHMARKS.md can quote a profile with its command:
//   node bench/report/profile-top.mjs bench-output/profiles/<file>.cpuprofile [frames=20]
import { readFileSync } from 'node:fs';

const [file, frames = '20'] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-top.mjs <file.cpuprofile> [frames]');
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map();
let totalMicros = 0;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  totalMicros += delta;
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  const frame = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
  selfMicros.set(frame, (selfMicros.get(frame) ?? 0) + delta);
});
const idle = [...selfMicros].find(([frame]) => frame.startsWith('(idle)'))?.[1] ?? 0;
console.log(`${(totalMicros / 1e6).toFixed(1)} s sampled, ${((totalMicros - idle) / 1e6).toFixed(1)} s busy`);
for (const [frame, micros] of [...selfMicros].sort((a, b) => b[1] - a[1]).slice(0, Number(frames))) {
  const share = frame.startsWith('(idle)') ? '' : ` ${((100 * micros) / (totalMicros - idle)).toFixed(1).padStart(5)} % of busy`;
  console.log(`${(micros / 1000).toFixed(0).padStart(8)} ms${share}  ${frame}`);
}
