import { createBatchRunner, type BatchRunnerRow } from '../../core/batch-runner.ts';
import { createHatzClient } from '../../core/hatz-client.ts';
import { runWorkflow } from '../../core/run-workflow.ts';
import { resolveSettings } from '../../core/settings.ts';
import { PRACTICE_KEY, startEmulator } from '../../emulator/server.ts';
import { judgeAtMost } from '../goal.ts';
import type { Measure, ResultRow } from '../measure.ts';
import { formatSummary, summarize } from '../statistics.ts';
import { SAMPLE_RUN } from '../support/sample-run.ts';

const ROW_COUNT = 1000;
const CONCURRENCY = 8;
const GOAL_RATIO = 1.15;
const POLL_MS = 50;
/** The company brief's job lasts 30 ms at this scale, so each run ends at its first poll. */
const JOB_TIME_SCALE = 0.02;
const SINGLE_RUN_SAMPLES = 30;

/** A batch of 1,000 rows at concurrency 8 against the ideal rows × latency ÷ 8. */
export const batchRunnerMeasure: Measure = {
  id: 'batch-runner',
  title: 'Batch of 1,000 rows at concurrency 8',
  async run(context) {
    const repetitions = context.isQuick ? 1 : 3;
    const emulator = await startEmulator({
      latencyMs: context.latencyMs,
      jobTimeScale: JOB_TIME_SCALE,
    });
    try {
      const client = createHatzClient({
        fetch: globalThis.fetch,
        apiKey: PRACTICE_KEY,
        settings: resolveSettings({
          baseUrl: emulator.url,
          pollInitialMs: POLL_MS,
          pollMaxMs: POLL_MS,
          pollBackoff: 1,
        }),
      });
      const rows: BatchRunnerRow[] = Array.from({ length: ROW_COUNT }, (_, index) => ({
        rowNumber: index + 1,
        inputsText: JSON.stringify({ company_name: `Firm ${index + 1}`, industry: 'Retail' }),
      }));
      const runBatch = async (follow: boolean) => {
        const runner = createBatchRunner({
          client,
          appId: SAMPLE_RUN.appId,
          isDraft: false,
          rows,
          concurrency: CONCURRENCY,
          follow,
        });
        const startTime = performance.now();
        const progress = await runner.start();
        const elapsed = performance.now() - startTime;
        const expected = follow ? 'completed' : 'started';
        if (progress.counts[expected] !== ROW_COUNT) {
          throw new Error(`only ${progress.counts[expected]} of ${ROW_COUNT} rows ${expected}`);
        }
        return elapsed;
      };

      context.log('batch-runner: one run at a time, for the followed reference');
      const singleRunTimes: number[] = [];
      for (let sample = 0; sample < SINGLE_RUN_SAMPLES; sample++) {
        const startTime = performance.now();
        const snapshot = await runWorkflow({ ...SAMPLE_RUN, client, runId: String(sample) });
        singleRunTimes.push(performance.now() - startTime);
        if (snapshot.phase !== 'completed') throw new Error(`a run ended as ${snapshot.phase}`);
      }
      const singleRun = summarize(singleRunTimes);

      // The same requests from 8 plain loops, to tell the runner's cost from the machine's.
      const runPlainLanes = async () => {
        let next = 0;
        const lane = async () => {
          for (; next < ROW_COUNT; next++) {
            const outcome = await client.startRun({
              ...SAMPLE_RUN,
              inputsText: rows[next]!.inputsText,
            });
            if (!outcome.result.ok)
              throw new Error(`a run request failed: ${outcome.result.failure.kind}`);
          }
        };
        const startTime = performance.now();
        await Promise.all(Array.from({ length: CONCURRENCY }, lane));
        return performance.now() - startTime;
      };

      const startedTimes: number[] = [];
      const followedTimes: number[] = [];
      const plainTimes: number[] = [];
      for (let repetition = 0; repetition < repetitions; repetition++) {
        context.log(`batch-runner: repetition ${repetition + 1} of ${repetitions}`);
        startedTimes.push(await runBatch(false));
        followedTimes.push(await runBatch(true));
        plainTimes.push(await runPlainLanes());
      }

      const startedIdeal = (ROW_COUNT * context.latencyMs) / CONCURRENCY;
      const followedIdeal = (ROW_COUNT * singleRun.median) / CONCURRENCY;
      const row = (label: string, times: number[], ideal: number, reference: string): ResultRow => {
        const summary = summarize(times.map((ms) => ms / 1000));
        const ratio = (summary.median * 1000) / ideal;
        return {
          label,
          reference: `${reference} = ${(ideal / 1000).toFixed(2)} s`,
          figure: formatSummary(summary, 's', 2),
          ratio,
          goal: `≤ ${GOAL_RATIO}×`,
          ...judgeAtMost(ratio, GOAL_RATIO),
        };
      };
      return {
        method:
          `Runs a batch of ${ROW_COUNT.toLocaleString('en-US')} rows of the company brief ` +
          `sample through \`createBatchRunner\` at concurrency ${CONCURRENCY}, with no rate ` +
          `limit, ${repetitions} time${repetitions === 1 ? '' : 's'}, timing \`start()\` until ` +
          'every row has its result. The first row only starts each job (`follow: false`), so ' +
          'a row costs one run request and the ideal is rows × emulator latency ÷ 8. The second ' +
          `follows each job to its end with a ${POLL_MS} ms poll interval and jobs of 30 ms, and ` +
          'its ideal is rows × the median time of one run alone ÷ 8. That one-run time, ' +
          `${formatSummary(singleRun, 'ms')}, is measured in the same run with the same client. ` +
          'The third row sends the same run requests from 8 plain loops of `startRun`, without ' +
          "the batch runner, to tell the runner's own cost from the cost of HTTP on this machine.",
        rows: [
          row(
            'run requests only',
            startedTimes,
            startedIdeal,
            `${ROW_COUNT} × ${context.latencyMs} ms ÷ ${CONCURRENCY}`,
          ),
          row(
            'each job followed to its end',
            followedTimes,
            followedIdeal,
            `${ROW_COUNT} × ${singleRun.median.toFixed(1)} ms ÷ ${CONCURRENCY}`,
          ),
          {
            ...row(
              'for comparison: run requests from 8 plain loops of `startRun`, no batch runner',
              plainTimes,
              startedIdeal,
              `${ROW_COUNT} × ${context.latencyMs} ms ÷ ${CONCURRENCY}`,
            ),
            goal: 'reported',
            isMet: undefined,
            miss: undefined,
          },
        ],
      };
    } finally {
      await emulator.close();
    }
  },
};
