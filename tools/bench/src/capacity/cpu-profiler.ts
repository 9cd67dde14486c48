// Preloaded (`node --require`) into each API process when `CAPACITY_CPU_PROFILE_DIR` is set: a
// V8 CPU profile of one window at a time, on the bench's word over the IPC channel. `--cpu-prof`
// profiles a whole process and writes only at a clean exit; the question here is where one abuse
// window's time goes, beside the same window of checkouts alone.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

/** Messages the bench sends; `stop` is answered with {@link CpuProfileWritten} once the file is written. */
export type CpuProfileCommand = { cpuProfile: 'start' } | { cpuProfile: 'stop'; file: string };
export interface CpuProfileWritten {
  cpuProfileWritten: string;
}

const session = new Session();
session.connect();
// 1 ms between samples (V8's default is 1 ms too; said here so the summary's arithmetic is plain).
session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 1000 }));

process.on('message', (message: CpuProfileCommand) => {
  if (message?.cpuProfile === 'start') session.post('Profiler.start');
  if (message?.cpuProfile === 'stop') {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(message.file, JSON.stringify(result.profile));
      process.send?.({ cpuProfileWritten: error ? '' : message.file } satisfies CpuProfileWritten);
    });
  }
});
