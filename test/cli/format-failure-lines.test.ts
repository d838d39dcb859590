import assert from 'node:assert/strict';
import { test } from 'node:test';

import { formatFailureLines } from '../../cli/format-failure-lines.ts';
import { explainFailure } from '../../core/explain-failure.ts';
import type { Failure } from '../../core/schemas.ts';

test('formatFailureLines names --timeout for a request timeout', () => {
  const lines = formatFailureLines({ kind: 'timeout', phase: 'request', afterMs: 30_000 });

  assert.match(lines[1] ?? '', /^Next step: .*raise --timeout/);
  assert.doesNotMatch(lines.join('\n'), /settings/);
});

test('formatFailureLines names --job-timeout for a job timeout', () => {
  const lines = formatFailureLines({ kind: 'timeout', phase: 'job', afterMs: 600_000 });

  assert.match(lines[1] ?? '', /^Next step: .*raise --job-timeout/);
  assert.doesNotMatch(lines.join('\n'), /settings/);
});

test('formatFailureLines keeps the shared fix for other failures', () => {
  const failure: Failure = { kind: 'server-error', status: 503 };

  const lines = formatFailureLines(failure);

  assert.equal(lines[1], `Next step: ${explainFailure(failure).fix}`);
});
