/*
 * Child process of the main-process-memory measure, run with --expose-gc. It drives the app's real
 * IPC handlers through `--runs` runs against the emulator at `--sandbox-url`. Then it prints, as
 * JSON, the heap used after garbage collection once `--early-runs` have ended and once all have.
 */
import { parseArgs } from 'node:util';

import type { RunSnapshot } from '../../core/schemas.ts';
import { createBenchHandlers } from '../support/bench-handlers.ts';
import { SAMPLE_RUN } from '../support/sample-run.ts';

const { values } = parseArgs({
  options: {
    'sandbox-url': { type: 'string' },
    'work-directory': { type: 'string' },
    runs: { type: 'string' },
    'early-runs': { type: 'string' },
    concurrency: { type: 'string' },
    'poll-ms': { type: 'string' },
  },
});
const totalRuns = Number(values.runs);
const earlyRuns = Number(values['early-runs']);
const concurrency = Number(values.concurrency);
const pollMs = Number(values['poll-ms']);
const collectGarbage = globalThis.gc;
if (!collectGarbage) throw new Error('Run this worker with node --expose-gc.');

const waiters = new Map<string, (snapshot: RunSnapshot) => void>();
const ended = new Map<string, RunSnapshot>();
const { handlers, dispose } = await createBenchHandlers({
  sandboxUrl: values['sandbox-url']!,
  workDirectory: values['work-directory']!,
  settings: { pollInitialMs: pollMs, pollMaxMs: pollMs, pollBackoff: 1 },
  emit: (channel, payload) => {
    if (channel !== 'runs.update') return;
    const snapshot = payload as RunSnapshot;
    if (snapshot.phase === 'sending' || snapshot.phase === 'following') return;
    const waiter = waiters.get(snapshot.runId);
    if (waiter) waiter(snapshot);
    else ended.set(snapshot.runId, snapshot);
  },
});

/** Starts one run through the `runs.start` handler and resolves with its final snapshot. */
async function runOnce(): Promise<void> {
  const started = await handlers['runs.start'](SAMPLE_RUN);
  if (!started.ok) throw new Error(`runs.start failed: ${started.failure.kind}`);
  const { runId } = started.value;
  const snapshot =
    ended.get(runId) ?? (await new Promise<RunSnapshot>((resolve) => waiters.set(runId, resolve)));
  ended.delete(runId);
  waiters.delete(runId);
  if (snapshot.phase !== 'completed') {
    throw new Error(`run ${runId} ended as ${snapshot.phase}: ${snapshot.failure?.kind}`);
  }
}

async function runMany(count: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next++;
      await runOnce();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

/** Heap used after two full collections, with a turn of the event loop between them. */
async function measureHeap(): Promise<number> {
  for (let round = 0; round < 2; round++) {
    collectGarbage!();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
}

const connected = await handlers['connection.useSandbox']({});
if (!connected.ok) throw new Error(`connection.useSandbox failed: ${connected.failure.kind}`);
await runMany(earlyRuns);
const heapAfterEarly = await measureHeap();
await runMany(totalRuns - earlyRuns);
const heapAfterAll = await measureHeap();
await dispose();
process.stdout.write(`${JSON.stringify({ heapAfterEarly, heapAfterAll })}\n`);
