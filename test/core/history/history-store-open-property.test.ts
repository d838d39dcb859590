import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { openHistoryStore, type HistoryStore } from '../../../core/history-store.ts';
import { makeHistoryRecord } from '../../support/history-records.ts';

/** Inputs of this size close a 512 KiB block of the sidecar file every 40 or so runs. */
const INPUT_BYTES = 12 * 1024;
const START_TIME = Date.UTC(2026, 0, 1);

type Operation =
  | { kind: 'append'; count: number; jitterSeconds: number }
  | { kind: 'pin' | 'delete' | 'restore'; pick: number }
  | { kind: 'switch writer' };

const operationArbitrary: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      count: fc.integer({ min: 1, max: 120 }),
      jitterSeconds: fc.integer({ min: -600, max: 600 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom('pin' as const, 'delete' as const, 'restore' as const),
      pick: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'switch writer' as const }) },
);

/**
 * Writes a history with several writers, as the app and the CLI do, with runs whose times are
 * not in the order they were written and with pins, deletes and restores.
 */
async function writeHistory(directory: string, operations: Operation[]): Promise<void> {
  let store = await openHistoryStore({ directory, isDurable: false });
  const ids: string[] = [];
  let clock = START_TIME;
  for (const operation of operations) {
    if (operation.kind === 'switch writer') {
      await store.close();
      store = await openHistoryStore({ directory, isDurable: false, isCompactedOnOpen: false });
    } else if (operation.kind === 'append') {
      for (let index = 0; index < operation.count; index++) {
        clock += 60_000;
        const record = makeHistoryRecord({
          time: new Date(clock + operation.jitterSeconds * 1000 * (index % 3)).toISOString(),
        });
        record.request.inputsText = JSON.stringify({ notes: 'x'.repeat(INPUT_BYTES) });
        await store.append(record);
        ids.push(record.id);
      }
    } else if (ids.length > 0) {
      const id = ids[operation.pick % ids.length]!;
      if (operation.kind === 'pin') await store.pin(id, true);
      else if (operation.kind === 'delete') await store.delete([id]);
      else await store.restore([id]);
    }
  }
  await store.close();
}

function describePage(store: HistoryStore, limit: number) {
  return store
    .list({ offset: 0, limit })
    .entries.map((entry) => `${entry.id} ${entry.time} ${entry.pinned ? 'pinned' : ''}`);
}

describe('history store open with background index', () => {
  test('matches a full index for any history', async () => {
    let incompleteOpens = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(operationArbitrary, { minLength: 1, maxLength: 12 }),
        async (operations) => {
          const directory = await mkdtemp(join(tmpdir(), 'hatz-tester-history-property-'));
          try {
            await writeHistory(directory, operations);
            const full = await openHistoryStore({ directory, isCompactedOnOpen: false });
            const expectedPage = describePage(full, 50);
            const expectedAll = describePage(full, 100_000);
            await full.close();

            const background = await openHistoryStore({
              directory,
              isCompactedOnOpen: false,
              isIndexedInBackground: true,
            });
            if (!background.isIndexComplete()) incompleteOpens++;
            const firstPage = describePage(background, 50);
            await background.whenIndexed();
            const allAfterIndex = describePage(background, 100_000);
            await background.close();

            assert.deepEqual(firstPage, expectedPage);
            assert.deepEqual(allAfterIndex, expectedAll);
          } finally {
            await rm(directory, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 15 },
    );

    // Without histories larger than the first runs read, the property would not test the
    // background path at all.
    assert.ok(incompleteOpens > 0, 'no generated history was opened with an incomplete index');
  });
});
