// `node tools/bench/dist/capacity/cpu-profile-summary.js <file.cpuprofile>…`: where a profiled
// window's CPU time went (cpu-profiler.ts writes the files), as self time by package and by
// function, busy time only (idle excluded), files added together. The table docs/benchmarks.md
// quotes for each capacity figure that misses its target.

import { readFileSync } from 'node:fs';

/** The parts of a V8 `.cpuprofile` (Profiler.stop's `profile`) this reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds since the previous sample, one per sample. */
  timeDeltas: number[];
}

/** Self time by key, in milliseconds. */
export type SelfTimes = Map<string, number>;

/** Where a frame's code lives: `idle`, `gc`, `program`, a package, `node:` internals, or the project's own code. */
export function packageOf(url: string, functionName: string): string {
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'gc';
  if (functionName === '(program)' || functionName === '(root)') return 'program';
  if (url === '') return 'native';
  if (url.startsWith('node:')) return 'node:internal';
  const inModules = url.lastIndexOf('/node_modules/');
  if (inModules >= 0) {
    const [first, second] = url.slice(inModules + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  const project = url.match(/\/(apps|libs)\/([^/]+)\//);
  return project ? `${project[1]}/${project[2]}` : url;
}

/** Adds `profile`'s self time per sample to `byPackage` and `byFunction` (keys from {@link packageOf}). */
export function addSelfTimes(profile: CpuProfile, byPackage: SelfTimes, byFunction: SelfTimes): void {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  profile.samples.forEach((id, i) => {
    // A sample's time is the gap until the next one; the last sample gets the gap before it.
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    const frame = nodes.get(id);
    if (!frame) return;
    const pkg = packageOf(frame.url, frame.functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|apps|libs)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  });
}

/** The `top` largest entries, as rows of key, ms and share of `busyMs`. */
export function topRows(times: SelfTimes, busyMs: number, top: number): string[] {
  return [...times]
    .filter(([key]) => key !== 'idle' && !key.startsWith('(idle)'))
    .sort(([, a], [, b]) => b - a)
    .slice(0, top)
    .map(([key, ms]) => `${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / busyMs).toFixed(1).padStart(5)} %  ${key}`);
}

function main(files: string[]): void {
  const byPackage: SelfTimes = new Map();
  const byFunction: SelfTimes = new Map();
  let wallMs = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    wallMs += (profile.endTime - profile.startTime) / 1000;
    addSelfTimes(profile, byPackage, byFunction);
  }
  const idleMs = byPackage.get('idle') ?? 0;
  const busyMs = [...byPackage.values()].reduce((sum, ms) => sum + ms, 0) - idleMs;
  console.log(`${files.length} profile(s), ${wallMs.toFixed(0)} ms of wall time, ${busyMs.toFixed(0)} ms busy (${((100 * busyMs) / wallMs).toFixed(0)} %)`);
  console.log('\nself time by package (share of busy time)');
  console.log(topRows(byPackage, busyMs, 20).join('\n'));
  console.log('\nself time by function');
  console.log(topRows(byFunction, busyMs, Number(process.env.TOP ?? 30)).join('\n'));
}

if (require.main === module) main(process.argv.slice(2));
