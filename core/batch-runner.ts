import type {
  BatchProgress,
  BatchRowResult,
  BatchRowStatus,
  BatchState,
} from './batch/batch-schemas.ts';
import { summarizeRun } from './batch/summarize-run.ts';
import { createWakeSignal } from './batch/wake-signal.ts';
import type { HatzClient } from './hatz-client.ts';
import { runWorkflow } from './run-workflow.ts';
import type { Failure, RunSnapshot } from './schemas.ts';

export const DEFAULT_BATCH_CONCURRENCY = 2;
export const MAX_BATCH_CONCURRENCY = 20;
/** 429 replies one row may get before it fails; Hatz also returns 429 when credits run out. */
export const DEFAULT_MAX_RATE_LIMIT_RETRIES = 5;
/** Smallest gap between run requests after a 429 when no rate limit was set, in ms. */
const MIN_INTERVAL_AFTER_429_MS = 500;
const MAX_INTERVAL_MS = 60_000;
/** Waits after a 429 without `Retry-After`: 2 s, doubling, up to this, in ms. */
const MAX_BACKOFF_MS = 60_000;
/** Run requests accepted in a row before a rate lowered by 429 is raised again. */
const RECOVERY_STREAK = 10;

export interface BatchRunnerRow {
  rowNumber: number;
  inputsText: string;
  /** Set for rows the user left out; they end as `skipped` without a request. */
  skipReason?: string;
}

export interface BatchRunnerOptions {
  client: HatzClient;
  appId: string;
  isDraft: boolean;
  rows: readonly BatchRunnerRow[];
  batchId?: string;
  /** Runs in flight at most, 2 when omitted. */
  concurrency?: number;
  /** Run requests per minute at most; unlimited when omitted or null. */
  ratePerMinute?: number | null;
  /** False ends each row once its job started, without following it. */
  follow?: boolean;
  maxRateLimitRetries?: number;
  onProgress?: (progress: BatchProgress) => void;
  onResult?: (result: BatchRowResult) => void;
  /** Receives every finished run, for history. */
  onRunEnd?: (event: {
    batchId: string;
    rowNumber: number;
    inputsText: string;
    snapshot: RunSnapshot;
    /** Wall-clock start of the last attempt. */
    startedAt: Date;
  }) => void;
  /** Monotonic clock in ms, replaceable in tests. */
  now?: () => number;
}

/** The moment a run request was sent for a row, on the runner's clock. */
export interface SentRequest {
  rowNumber: number;
  atMs: number;
}

interface PendingRow extends BatchRunnerRow {
  attempts: number;
  firstSentAtMs?: number;
}

/**
 * Creates a runner that sends one run per row with `runWorkflow`, at most `concurrency` at once and
 * at most `ratePerMinute` run requests per minute. A 429 on a run request means no job started, so
 * the row goes back to the front of the queue, the runner waits for `Retry-After` and halves its
 * rate. Other failures are final until `retryFailed`, because a request that timed out may still
 * have started a job, and sending it again would use credits twice. Every row ends with exactly one
 * result.
 */
export function createBatchRunner(options: BatchRunnerOptions) {
  const batchId = options.batchId ?? crypto.randomUUID();
  const now = options.now ?? (() => performance.now());
  const concurrency = clampConcurrency(options.concurrency ?? DEFAULT_BATCH_CONCURRENCY);
  const baseIntervalMs = options.ratePerMinute ? 60_000 / options.ratePerMinute : 0;
  const maxRetries = options.maxRateLimitRetries ?? DEFAULT_MAX_RATE_LIMIT_RETRIES;
  const wake = createWakeSignal();

  const results = new Map<number, BatchRowResult>();
  const sent: SentRequest[] = [];
  const controllers = new Set<AbortController>();
  let queue: PendingRow[] = [];
  let state: BatchState = 'finished';
  let inFlight = 0;
  let maxInFlight = 0;
  let rateLimited = 0;
  let intervalMs = baseIntervalMs;
  let nextSendAtMs = 0;
  let consecutive429 = 0;
  let acceptedStreak = 0;
  let startedAtMs = now();
  const endedDurations: number[] = [];

  for (const row of options.rows) {
    if (row.skipReason === undefined) queue.push({ ...row, attempts: 0 });
    else settle(skippedResult(row));
  }

  function settle(result: BatchRowResult): void {
    results.set(result.rowNumber, result);
    options.onResult?.(result);
  }

  function progress(): BatchProgress {
    const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<
      BatchRowStatus,
      number
    >;
    for (const result of results.values()) counts[result.status]++;
    return {
      batchId,
      state,
      total: options.rows.length,
      counts,
      inFlight,
      pending: queue.length,
      rateLimited,
      effectiveRatePerMinute: intervalMs > 0 ? 60_000 / intervalMs : null,
      elapsedMs: now() - startedAtMs,
      etaMs: estimateTimeLeft(),
    };
  }

  /** An estimate: the slower of finishing at the mean run time and sending at the current rate. */
  function estimateTimeLeft(): number | null {
    if (queue.length === 0 && inFlight === 0) return 0;
    if (endedDurations.length === 0) return null;
    const meanMs = endedDurations.reduce((sum, value) => sum + value, 0) / endedDurations.length;
    const byRunTime = ((queue.length + inFlight) * meanMs) / concurrency;
    const byRate = queue.length * intervalMs;
    return Math.round(Math.max(byRunTime, byRate));
  }

  /** Reads the state afresh, since pause and stop change it while `dispatch` awaits. */
  function readState(): BatchState {
    return state;
  }

  function emitProgress(): void {
    options.onProgress?.(progress());
  }

  async function runRow(row: PendingRow, sentAtMs: number): Promise<void> {
    const controller = new AbortController();
    controllers.add(controller);
    row.attempts++;
    row.firstSentAtMs ??= sentAtMs;
    const startedAt = new Date();
    sent.push({ rowNumber: row.rowNumber, atMs: sentAtMs });

    let snapshot: RunSnapshot;
    try {
      snapshot = await runWorkflow({
        client: options.client,
        runId: crypto.randomUUID(),
        appId: options.appId,
        inputsText: row.inputsText,
        isDraft: options.isDraft,
        follow: options.follow,
        signal: controller.signal,
      });
    } finally {
      controllers.delete(controller);
    }

    const failure = snapshot.failure;
    if (isRunRequest429(snapshot, failure) && row.attempts <= maxRetries && state !== 'stopping') {
      rateLimited++;
      slowDown(failure.retryAfterSeconds);
      queue.unshift(row);
      return;
    }
    if (failure?.kind === 'rate-limited' && snapshot.jobId === undefined) rateLimited++;
    else if (snapshot.jobId !== undefined) speedUp();

    const durationMs = now() - row.firstSentAtMs;
    endedDurations.push(durationMs);
    options.onRunEnd?.({
      batchId,
      rowNumber: row.rowNumber,
      inputsText: row.inputsText,
      snapshot,
      startedAt,
    });
    settle(
      summarizeRun({
        rowNumber: row.rowNumber,
        inputsText: row.inputsText,
        snapshot,
        attempts: row.attempts,
        durationMs: Math.round(durationMs),
      }),
    );
  }

  function slowDown(retryAfterSeconds: number | undefined): void {
    consecutive429++;
    acceptedStreak = 0;
    intervalMs = Math.min(MAX_INTERVAL_MS, Math.max(intervalMs * 2, MIN_INTERVAL_AFTER_429_MS));
    const waitMs =
      retryAfterSeconds !== undefined
        ? retryAfterSeconds * 1000
        : Math.min(MAX_BACKOFF_MS, 2000 * 2 ** (consecutive429 - 1));
    nextSendAtMs = Math.max(nextSendAtMs, now() + waitMs);
  }

  function speedUp(): void {
    consecutive429 = 0;
    acceptedStreak++;
    if (acceptedStreak < RECOVERY_STREAK || intervalMs <= baseIntervalMs) return;
    acceptedStreak = 0;
    intervalMs = intervalMs / 2 < MIN_INTERVAL_AFTER_429_MS ? baseIntervalMs : intervalMs / 2;
    intervalMs = Math.max(intervalMs, baseIntervalMs);
  }

  /** Sends queued rows until none is left or the batch stops; resolves when all runs ended. */
  async function dispatch(): Promise<BatchProgress> {
    state = 'running';
    startedAtMs = now();
    emitProgress();
    const running = new Set<Promise<void>>();

    for (;;) {
      if (readState() === 'stopping') break;
      if (queue.length === 0 && inFlight === 0) break;
      if (readState() === 'paused' || queue.length === 0 || inFlight >= concurrency) {
        await wake.wait();
        continue;
      }
      const waitMs = nextSendAtMs - now();
      if (waitMs > 0) {
        await wake.wait(waitMs);
        continue;
      }

      const row = queue.shift()!;
      const sentAtMs = now();
      nextSendAtMs = sentAtMs + intervalMs;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const task = runRow(row, sentAtMs).finally(() => {
        inFlight--;
        running.delete(task);
        emitProgress();
        wake.notify();
      });
      running.add(task);
      emitProgress();
    }

    await Promise.all(running);
    if (readState() === 'stopping') {
      for (const row of queue.splice(0)) settle(notSentResult(row));
      state = 'stopped';
    } else {
      state = 'finished';
    }
    emitProgress();
    return progress();
  }

  let active: Promise<BatchProgress> | undefined;

  /** Starts sending; resolves with the final progress once every row has a result. */
  function start(): Promise<BatchProgress> {
    active ??= dispatch().finally(() => (active = undefined));
    return active;
  }

  function pause(): void {
    if (state !== 'running') return;
    state = 'paused';
    emitProgress();
    wake.notify();
  }

  function resume(): void {
    if (state !== 'paused') return;
    state = 'running';
    emitProgress();
    wake.notify();
  }

  /** Cancels the runs in flight and leaves the queued rows unsent. */
  function stop(): void {
    if (state !== 'running' && state !== 'paused') return;
    state = 'stopping';
    for (const controller of controllers) controller.abort();
    emitProgress();
    wake.notify();
  }

  /**
   * Queues again the rows that failed, were cancelled or were not sent, and runs them. Returns
   * undefined while the batch is still running.
   */
  function retryFailed(): Promise<BatchProgress> | undefined {
    if (active) return undefined;
    const retried = [...results.values()].filter((result) => RETRYABLE.has(result.status));
    for (const result of retried) {
      results.delete(result.rowNumber);
      queue.push({ rowNumber: result.rowNumber, inputsText: result.inputsText, attempts: 0 });
    }
    queue.sort((left, right) => left.rowNumber - right.rowNumber);
    return start();
  }

  return {
    batchId,
    start,
    pause,
    resume,
    stop,
    retryFailed,
    progress,
    /** Final results so far, by row number. */
    results: () => [...results.values()].sort((left, right) => left.rowNumber - right.rowNumber),
    /** Every run request sent, in order, with the time it was sent. */
    sentRequests: (): readonly SentRequest[] => sent,
    /** Maximum number of runs that were in flight at once. */
    maxInFlight: () => maxInFlight,
  };
}

export type BatchRunner = ReturnType<typeof createBatchRunner>;

const STATUSES: readonly BatchRowStatus[] = [
  'completed',
  'started',
  'failed',
  'cancelled',
  'not-sent',
  'skipped',
];
const RETRYABLE = new Set<BatchRowStatus>(['failed', 'cancelled', 'not-sent']);

function isRunRequest429(
  snapshot: RunSnapshot,
  failure: Failure | undefined,
): failure is Extract<Failure, { kind: 'rate-limited' }> {
  return failure?.kind === 'rate-limited' && failure.status === 429 && snapshot.jobId === undefined;
}

function clampConcurrency(value: number): number {
  if (!Number.isInteger(value) || value < 1) return DEFAULT_BATCH_CONCURRENCY;
  return Math.min(value, MAX_BATCH_CONCURRENCY);
}

function skippedResult(row: BatchRunnerRow): BatchRowResult {
  return emptyResult(row, 'skipped', row.skipReason ?? 'Skipped.');
}

function notSentResult(row: PendingRow): BatchRowResult {
  return emptyResult(row, 'not-sent', 'Not sent: the batch was stopped first.');
}

function emptyResult(
  row: BatchRunnerRow & { attempts?: number },
  status: BatchRowStatus,
  outputSummary: string,
): BatchRowResult {
  return {
    rowNumber: row.rowNumber,
    status,
    jobStatus: null,
    jobId: null,
    outputSummary,
    requestId: null,
    httpStatus: null,
    durationMs: null,
    attempts: row.attempts ?? 0,
    inputsText: row.inputsText,
  };
}
