import { createHatzClient } from '../../core/hatz-client.ts';
import { resolveSettings } from '../../core/settings.ts';
import { PRACTICE_KEY, startEmulator } from '../../emulator/server.ts';
import { judgeAtMost } from '../goal.ts';
import type { Measure, MeasureContext, ResultRow } from '../measure.ts';
import { formatSummary, summarize } from '../statistics.ts';
import { SAMPLE_RUN, SAMPLE_RUN_BODY } from '../support/sample-run.ts';

const GOAL_RATIO = 1.05;
const WARM_UP_PAIRS = 20;

/** One run request through core's client against a raw `fetch` of the same request. */
export const runRequestMeasure: Measure = {
  id: 'run-request',
  title: 'One run request through core',
  async run(context) {
    const pairs = context.isQuick ? 50 : 300;
    const emulator = await startEmulator({ latencyMs: context.latencyMs });
    try {
      const latencies = [...new Set([context.latencyMs, 0])];
      const rows: ResultRow[] = [];
      for (const latencyMs of latencies) {
        emulator.options.latencyMs = latencyMs;
        context.log(`run-request: ${pairs} pairs at ${latencyMs} ms latency`);
        rows.push(await measureAtLatency({ baseUrl: emulator.url, pairs, latencyMs, context }));
      }
      return {
        method:
          `Sends \`POST /v1/workflows/run\` for the company brief sample ${pairs} times through ` +
          "core's client (`createHatzClient(...).startRun`, the path the main process and the CLI " +
          'take). It sends it as many times with a bare `fetch` of the same URL, headers and ' +
          'body that reads the reply and parses its JSON. The two alternate, each going first in every other pair, ' +
          `after ${WARM_UP_PAIRS} pairs of warm-up, in one process against one emulator. Each ` +
          'sample is the time from the call to the parsed job id. The second row repeats this with ' +
          "no emulator latency, so core's own overhead is not hidden behind the delay.",
        rows,
      };
    } finally {
      await emulator.close();
    }
  },
};

async function measureAtLatency(params: {
  baseUrl: string;
  pairs: number;
  latencyMs: number;
  context: MeasureContext;
}): Promise<ResultRow> {
  const { baseUrl, pairs, latencyMs } = params;
  const client = createHatzClient({
    fetch: globalThis.fetch,
    apiKey: PRACTICE_KEY,
    settings: resolveSettings({ baseUrl }),
  });
  const sendThroughCore = async () => {
    const outcome = await client.startRun(SAMPLE_RUN);
    if (!outcome.result.ok)
      throw new Error(`core's run request failed: ${outcome.result.failure.kind}`);
  };
  const sendWithFetch = async () => {
    const response = await fetch(`${baseUrl}/v1/workflows/run`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'X-API-Key': PRACTICE_KEY,
        'X-Request-ID': crypto.randomUUID(),
      },
      body: SAMPLE_RUN_BODY,
    });
    const reply = JSON.parse(await response.text()) as { job_id?: unknown };
    if (typeof reply.job_id !== 'string')
      throw new Error(`fetch's run request got ${response.status}`);
  };

  const coreTimes: number[] = [];
  const fetchTimes: number[] = [];
  for (let pair = 0; pair < WARM_UP_PAIRS + pairs; pair++) {
    const isWarmUp = pair < WARM_UP_PAIRS;
    const order = pair % 2 === 0 ? ['core', 'fetch'] : ['fetch', 'core'];
    for (const side of order) {
      const startTime = performance.now();
      await (side === 'core' ? sendThroughCore() : sendWithFetch());
      const elapsed = performance.now() - startTime;
      if (!isWarmUp) (side === 'core' ? coreTimes : fetchTimes).push(elapsed);
    }
  }

  const core = summarize(coreTimes);
  const reference = summarize(fetchTimes);
  const ratio = core.median / reference.median;
  return {
    label: `run request, ${latencyMs} ms emulator latency`,
    reference: `fetch: ${formatSummary(reference, 'ms', 2)}`,
    figure: formatSummary(core, 'ms', 2),
    ratio,
    goal: `median ≤ ${GOAL_RATIO}×`,
    ...judgeAtMost(ratio, GOAL_RATIO),
  };
}
