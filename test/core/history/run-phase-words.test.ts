import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { ENDED_RUN_PHASES, RUN_PHASE_WORDS } from '../../../core/history/run-phase-words.ts';
import { runPhaseSchema } from '../../../core/schemas.ts';

describe('RUN_PHASE_WORDS', () => {
  test('describes every phase', () => {
    for (const phase of runPhaseSchema.options) {
      assert.ok(RUN_PHASE_WORDS[phase], `no words for ${phase}`);
    }
  });

  test('says a started run was not followed', () => {
    assert.equal(RUN_PHASE_WORDS.started, 'started, not followed');
  });
});

describe('ENDED_RUN_PHASES', () => {
  test('lists started beside the other ends', () => {
    assert.deepEqual([...ENDED_RUN_PHASES], ['completed', 'started', 'failed', 'cancelled']);
  });

  test('leaves out phases of a run in progress', () => {
    const ended: readonly string[] = ENDED_RUN_PHASES;

    assert.ok(!ended.includes('sending'));
    assert.ok(!ended.includes('following'));
  });
});
