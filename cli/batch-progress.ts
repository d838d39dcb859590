import type { BatchProgress, BatchRowResult } from '../core/batch/batch-schemas.ts';
import type { CliIo } from './cli-io.ts';

const BAR_WIDTH = 30;
/** Minimum time between two redraws of the bar, so a fast batch does not flood the terminal. */
const REDRAW_INTERVAL_MS = 100;

/**
 * Creates the batch's live output. On a terminal it redraws one progress bar line with counts and
 * time left; elsewhere, as in CI logs, it writes one plain line per finished row.
 */
export function createBatchReporter(options: { stream: CliIo['stdout']; isTerminal: boolean }) {
  const { stream, isTerminal } = options;
  let lastDrawMs = 0;
  let hasBar = false;

  function onProgress(progress: BatchProgress): void {
    if (!isTerminal) return;
    const nowMs = Date.now();
    const isEnd = progress.state === 'finished' || progress.state === 'stopped';
    if (!isEnd && nowMs - lastDrawMs < REDRAW_INTERVAL_MS) return;
    lastDrawMs = nowMs;
    stream.write(`\r\x1b[2K${formatBar(progress)}`);
    hasBar = true;
  }

  function onResult(result: BatchRowResult): void {
    if (isTerminal) return;
    stream.write(`${formatResultLine(result)}\n`);
  }

  /** Ends the bar's line, so later output starts on a fresh one. */
  function finish(): void {
    if (hasBar) stream.write('\n');
  }

  return { onProgress, onResult, finish };
}

export function formatBar(progress: BatchProgress): string {
  const done = countDone(progress);
  const filled = progress.total === 0 ? BAR_WIDTH : Math.round((done / progress.total) * BAR_WIDTH);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
  const { completed, started, failed } = progress.counts;
  const parts = [
    `[${bar}] ${done}/${progress.total}`,
    `${completed + started} ok`,
    `${failed} failed`,
    `${progress.inFlight} running`,
  ];
  if (progress.state === 'paused') parts.push('paused');
  if (progress.etaMs !== null) parts.push(`${formatDuration(progress.etaMs)} left`);
  return parts.join('  ');
}

export function formatResultLine(result: BatchRowResult): string {
  const duration = result.durationMs === null ? '' : ` in ${formatDuration(result.durationMs)}`;
  const job = result.jobStatus ? ` (job ${result.jobStatus})` : '';
  const requestId = result.requestId ? `, request id ${result.requestId}` : '';
  const summary = result.outputSummary ? `: ${result.outputSummary}` : '';
  return `row ${result.rowNumber} ${result.status}${job}${duration}${requestId}${summary}`;
}

export function countDone(progress: BatchProgress): number {
  return Object.values(progress.counts).reduce((sum, count) => sum + count, 0);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
