import type { FailureKind } from '../core/schemas.ts';

export const EXIT_OK = 0;
export const EXIT_INTERNAL_ERROR = 1;
export const EXIT_USAGE = 2;
/** A batch ran, but some rows did not complete: failed, cancelled, not sent or skipped. */
export const EXIT_BATCH_ROWS_FAILED = 20;
/** A batch ran, but writing its results to the `--out` file failed, for example on a full disk. */
export const EXIT_BATCH_RESULTS_NOT_WRITTEN = 21;

/** One exit code per failure kind, so scripts and CI can tell failures apart. */
export const exitCodeByFailure: Record<FailureKind, number> = {
  'invalid-key': 3,
  forbidden: 4,
  'unknown-workflow': 5,
  'missing-input': 6,
  'bad-request': 7,
  'rate-limited': 8,
  'server-error': 9,
  network: 10,
  timeout: 11,
  'unexpected-body': 12,
  'job-failed': 13,
  'invalid-input': 14,
  'redirect-blocked': 15,
  'job-not-found': 16,
  cancelled: 130,
};

/** The exit code table as `--help` prints it, in ascending order of code. */
export function describeExitCodes(): string {
  const rows: Array<[number, string]> = [
    [EXIT_OK, 'success (with --wait: the job completed)'],
    [EXIT_INTERNAL_ERROR, 'internal error'],
    [EXIT_USAGE, 'invalid command line or missing HATZ_API_KEY'],
    [EXIT_BATCH_ROWS_FAILED, 'batch: some rows did not complete'],
    [EXIT_BATCH_RESULTS_NOT_WRITTEN, 'batch: the results file could not be written'],
    ...Object.entries(exitCodeByFailure).map(([kind, code]): [number, string] => [code, kind]),
  ];
  return formatExitCodes(rows);
}

/** Formats `[code, meaning]` rows as a help table, sorted by code. */
export function formatExitCodes(rows: ReadonlyArray<readonly [number, string]>): string {
  return [...rows]
    .sort(([a], [b]) => a - b)
    .map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`)
    .join('\n');
}
