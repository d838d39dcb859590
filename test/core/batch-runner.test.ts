import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';

import type { BatchProgress } from '../../core/batch/batch-schemas.ts';
import { createBatchRunner, type BatchRunnerOptions } from '../../core/batch-runner.ts';
import { createHatzClient } from '../../core/hatz-client.ts';
import { resolveSettings } from '../../core/settings.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';

const RUN_PATH = '/v1/workflows/run';

function companyRow(rowNumber: number, industry = 'Technology') {
  return {
    rowNumber,
    inputsText: JSON.stringify({ company_name: `Company ${rowNumber}`, industry }),
  };
}

describe('createBatchRunner against the emulator', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.01 });
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.faults.clear();
    emulator.stats.reset();
  });

  function createRunner(options: Partial<BatchRunnerOptions> & Pick<BatchRunnerOptions, 'rows'>) {
    const settings = resolveSettings({ baseUrl: emulator.url, pollInitialMs: 10, pollMaxMs: 30 });
    const client = createHatzClient({ fetch: globalThis.fetch, apiKey: PRACTICE_KEY, settings });
    return createBatchRunner({
      client,
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
      isDraft: false,
      ...options,
    });
  }

  const countRunPosts = () =>
    emulator.stats.requests.filter((r) => r.method === 'POST' && r.path === RUN_PATH).length;

  test('ends 200 rows with one result each despite 429s and failures', async () => {
    // Rows 10, 20, ... 200 lack a required input, so Hatz rejects them.
    const rows = Array.from({ length: 200 }, (_, index) =>
      companyRow(index + 1, (index + 1) % 10 === 0 ? '' : 'Technology'),
    );
    emulator.faults.add({
      method: 'POST',
      path: RUN_PATH,
      kind: 'status',
      status: 429,
      headers: { 'Retry-After': '1' },
      times: 3,
    });
    emulator.faults.add({ method: 'POST', path: RUN_PATH, kind: 'status', status: 503, times: 2 });
    const emitted: number[] = [];
    let maxReportedInFlight = 0;
    const runner = createRunner({
      rows,
      concurrency: 3,
      onResult: (result) => emitted.push(result.rowNumber),
      onProgress: (progress) => {
        maxReportedInFlight = Math.max(maxReportedInFlight, progress.inFlight);
      },
    });

    const final = await runner.start();
    const results = runner.results();

    assert.equal(final.state, 'finished');
    assert.equal(results.length, 200);
    assert.deepEqual(
      results.map((result) => result.rowNumber),
      rows.map((row) => row.rowNumber),
    );
    assert.equal(new Set(emitted).size, emitted.length);
    assert.equal(emitted.length, 200);
    assert.equal(final.counts.failed, 20 + 2);
    assert.equal(final.counts.completed, 200 - 22);
    assert.equal(final.rateLimited, 3);
    assert.equal(countRunPosts(), 200 + 3);
    const attempts = results.reduce((sum, result) => sum + result.attempts, 0);
    assert.equal(attempts, 200 + 3);
    assert.equal(results.filter((result) => result.attempts === 2).length, 3);
    assert.equal(results.filter((result) => result.attempts > 2).length, 0);
    assert.equal(runner.sentRequests().length, 203);
    assert.ok(runner.maxInFlight() <= 3, `runner had ${runner.maxInFlight()} runs in flight`);
    assert.ok(maxReportedInFlight <= 3);
    assert.ok(emulator.stats.maxInFlight <= 3, `emulator saw ${emulator.stats.maxInFlight}`);
    const missing = results.find((result) => result.rowNumber === 10);
    assert.equal(missing?.failure?.kind, 'missing-input');
    assert.equal(results.find((result) => result.rowNumber === 1)?.jobStatus, 'complete');
    assert.match(
      results.find((result) => result.rowNumber === 1)?.outputSummary ?? '',
      /Company 1/,
    );
  });

  test('keeps run requests apart by the rate limit', async () => {
    const ratePerMinute = 1200;
    const intervalMs = 60_000 / ratePerMinute;
    const runner = createRunner({
      rows: Array.from({ length: 12 }, (_, index) => companyRow(index + 1)),
      concurrency: 4,
      ratePerMinute,
    });

    await runner.start();
    const times = runner.sentRequests().map((request) => request.atMs);

    assert.equal(times.length, 12);
    for (let index = 1; index < times.length; index++) {
      const gap = times[index]! - times[index - 1]!;
      assert.ok(gap >= intervalMs, `requests ${index} and ${index + 1} were ${gap} ms apart`);
    }
  });

  test('waits for Retry-After and lowers the rate after a 429', async () => {
    emulator.faults.add({
      method: 'POST',
      path: RUN_PATH,
      kind: 'status',
      status: 429,
      headers: { 'Retry-After': '1' },
    });
    const rates: (number | null)[] = [];
    const runner = createRunner({
      rows: [companyRow(1), companyRow(2)],
      concurrency: 1,
      ratePerMinute: 6000,
      onProgress: (progress) => rates.push(progress.effectiveRatePerMinute),
    });

    await runner.start();
    const [first, second] = runner.sentRequests();

    assert.equal(runner.results()[0]?.status, 'completed');
    assert.equal(runner.results()[0]?.attempts, 2);
    assert.equal(first?.rowNumber, 1);
    assert.equal(second?.rowNumber, 1);
    assert.ok(second!.atMs - first!.atMs >= 1000, 'the retry came before Retry-After');
    assert.ok(rates.some((rate) => rate !== null && rate < 6000));
  });

  test('fails a row after too many 429s', async () => {
    emulator.faults.add({ method: 'POST', path: RUN_PATH, kind: 'status', status: 429, times: 3 });
    const runner = createRunner({
      rows: [companyRow(1)],
      maxRateLimitRetries: 2,
      now: fastClock(),
    });

    await runner.start();

    assert.equal(runner.results()[0]?.status, 'failed');
    assert.equal(runner.results()[0]?.failure?.kind, 'rate-limited');
    assert.equal(runner.results()[0]?.attempts, 3);
    assert.equal(countRunPosts(), 3);
  });

  test('retries failed rows once each', async () => {
    const runner = createRunner({
      appId: SAMPLE_WORKFLOW_IDS.invoiceExtraction,
      rows: Array.from({ length: 6 }, (_, index) => ({ rowNumber: index + 1, inputsText: '{}' })),
    });

    const first = await runner.start();
    const postsAfterFirst = countRunPosts();
    const second = await runner.retryFailed();

    assert.equal(first.counts.failed, 6);
    assert.equal(runner.results()[0]?.failure?.kind, 'job-failed');
    assert.equal(postsAfterFirst, 6);
    assert.equal(second?.counts.failed, 6);
    assert.equal(countRunPosts(), 12);
    assert.equal(runner.results().length, 6);
  });

  test('sends nothing while paused', async () => {
    let pausedProgress: BatchProgress | undefined;
    const runner = createRunner({
      rows: Array.from({ length: 10 }, (_, index) => companyRow(index + 1)),
      onResult: () => {
        if (runner.results().length === 2 && !pausedProgress) {
          runner.pause();
          pausedProgress = runner.progress();
        }
      },
    });

    const finished = runner.start();
    await waitFor(() => pausedProgress !== undefined && runner.progress().inFlight === 0);
    const postsWhilePaused = countRunPosts();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const postsAfterWait = countRunPosts();
    runner.resume();
    const final = await finished;

    assert.equal(pausedProgress?.state, 'paused');
    assert.equal(postsAfterWait, postsWhilePaused);
    assert.equal(final.counts.completed, 10);
  });

  test('stops with in-flight runs cancelled and the rest not sent', async () => {
    const runner = createRunner({
      appId: SAMPLE_WORKFLOW_IDS.marketReport,
      rows: Array.from({ length: 10 }, (_, index) => ({ rowNumber: index + 1, inputsText: '{}' })),
      onProgress: (progress) => {
        if (progress.state === 'running' && progress.inFlight === 2) runner.stop();
      },
    });

    const final = await runner.start();
    const results = runner.results();

    assert.equal(final.state, 'stopped');
    assert.equal(results.length, 10);
    assert.equal(final.counts.cancelled, 2);
    assert.equal(final.counts['not-sent'], 8);
    // Stopping may abort a run request before it reaches the server, so fewer may arrive.
    assert.ok(countRunPosts() <= 2);
  });

  test('ends skipped rows without a request', async () => {
    const runner = createRunner({
      rows: [
        companyRow(1),
        { ...companyRow(2), skipReason: 'Required input "industry" is empty.' },
      ],
    });

    const final = await runner.start();

    assert.equal(final.counts.skipped, 1);
    assert.equal(final.counts.completed, 1);
    assert.equal(countRunPosts(), 1);
  });
});

/** A clock that jumps a minute per reading, so waits for Retry-After pass at once. */
function fastClock() {
  let ms = 0;
  return () => (ms += 60_000);
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
