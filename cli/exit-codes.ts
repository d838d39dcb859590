import type { FailureKind } from '../core/schemas.ts';

export const EXIT_OK = 0;
export const EXIT_INTERNAL_ERROR = 1;
export const EXIT_USAGE = 2;
/** A batch ran, but some rows did not complete: failed, cancelled, not sent or skipped. */
export const EXIT_BATCH_ROWS_FAILED = 20;

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

/** The exit code table as `--help` prints it. */
export function describeExitCodes(): string {
  const rows = [
    [EXIT_OK, 'success (with --wait: the job completed)'],
    [EXIT_INTERNAL_ERROR, 'internal error'],
    [EXIT_USAGE, 'invalid command line or missing HATZ_API_KEY'],
    [EXIT_BATCH_ROWS_FAILED, 'batch: some rows did not complete'],
    ...Object.entries(exitCodeByFailure).map(([kind, code]) => [code, kind]),
  ];
  return rows.map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`).join('\n');
}
