import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

import { startEmulator } from '../../emulator/server.ts';
import { judgeAtMost } from '../goal.ts';
import type { Measure } from '../measure.ts';
import { formatSummary, summarize } from '../statistics.ts';

const TOTAL_RUNS = 1000;
const EARLY_RUNS = 10;
const CONCURRENCY = 8;
const POLL_MS = 20;
const GOAL_RATIO = 1.2;

/** Heap of the main process's handlers after 1,000 runs against after 10. */
export const mainProcessMemoryMeasure: Measure = {
  id: 'main-process-memory',
  title: 'Main-process memory after 1,000 runs',
  async run(context) {
    const processes = context.isQuick ? 1 : 3;
    // Jobs end within one poll, so the 1,000 runs take seconds, not minutes.
    const emulator = await startEmulator({ latencyMs: context.latencyMs, jobTimeScale: 0.01 });
    const samples: { heapAfterEarly: number; heapAfterAll: number }[] = [];
    try {
      for (let index = 0; index < processes; index++) {
        context.log(`main-process-memory: process ${index + 1} of ${processes}`);
        const { stdout } = await promisify(execFile)(
          process.execPath,
          [
            '--expose-gc',
            '--import',
            'tsx',
            resolve('bench/workers/main-process-memory.ts'),
            ...['--sandbox-url', emulator.url, '--work-directory', context.workDirectory],
            ...['--runs', String(TOTAL_RUNS), '--early-runs', String(EARLY_RUNS)],
            ...['--concurrency', String(CONCURRENCY), '--poll-ms', String(POLL_MS)],
          ],
          { timeout: 5 * 60_000 },
        );
        samples.push(JSON.parse(stdout.trim().split('\n').at(-1)!));
      }
    } finally {
      await emulator.close();
    }

    const mib = (bytes: number) => bytes / 1024 ** 2;
    const early = summarize(samples.map((sample) => mib(sample.heapAfterEarly)));
    const all = summarize(samples.map((sample) => mib(sample.heapAfterAll)));
    const ratio = summarize(samples.map((sample) => sample.heapAfterAll / sample.heapAfterEarly));
    return {
      method:
        "Runs the app's real IPC handlers (`createAppHandlers`, with the history store in a " +
        'temporary folder, a test cipher for `safeStorage` and `conf` for electron-store) in a ' +
        'Node process started with `--expose-gc`. It connects the practice sandbox and starts the ' +
        `company brief sample through \`runs.start\` ${TOTAL_RUNS.toLocaleString('en-US')} times, ` +
        `${CONCURRENCY} at a ` +
        `time, each followed to its end by the handlers with a ${POLL_MS} ms poll interval. ` +
        `After ${EARLY_RUNS} runs and after all ${TOTAL_RUNS.toLocaleString('en-US')}, it ` +
        'collects garbage twice and ' +
        'reads `process.memoryUsage().heapUsed`. The emulator runs in the bench process, so its ' +
        `own job store does not count. ${processes} fresh process${processes === 1 ? '' : 'es'}.`,
      rows: [
        {
          label: `heap used after ${TOTAL_RUNS.toLocaleString('en-US')} runs vs after ${EARLY_RUNS}`,
          reference: `after ${EARLY_RUNS}: ${formatSummary(early, 'MiB', 2)}`,
          figure: formatSummary(all, 'MiB', 2),
          ratio: ratio.median,
          goal: `≤ ${GOAL_RATIO}×`,
          ...judgeAtMost(ratio.median, GOAL_RATIO),
        },
      ],
    };
  },
};
