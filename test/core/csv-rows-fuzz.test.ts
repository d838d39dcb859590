import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { loadRows } from '../../core/csv-rows.ts';
import type { UserInput } from '../../core/schemas.ts';
import { fuzzRuns } from '../support/fuzz-runs.ts';

const INPUTS: UserInput[] = [
  {
    variableName: 'company_name',
    displayName: 'Company name',
    description: '',
    variableType: 'short_answer',
    required: true,
    position: 0,
  },
  {
    variableName: 'team_size',
    displayName: 'Team size',
    description: '',
    variableType: 'number',
    required: false,
    position: 1,
  },
];

/** Pieces that exercise the CSV reader's edge cases: quotes, separators, line ends, BOMs. */
const pieces = [
  '"',
  '""',
  ',',
  ';',
  '\t',
  '|',
  '\n',
  '\r\n',
  '\r',
  'company_name',
  'team_size',
  '\uFEFF',
  'sep=;',
  '[',
  '{',
  '}',
  ']',
  ':',
  '12',
  'x',
];
const csvLike = fc
  .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 5 })), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('loadRows fuzzing', () => {
  test('never throws on any bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          csvLike.map((text) => ({ bytes: new TextEncoder().encode(text), fileName: 'rows.csv' })),
          csvLike.map((text) => ({ bytes: new TextEncoder().encode(text), fileName: undefined })),
          fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ bytes, fileName: 'rows.jsonl' })),
          fc
            .json()
            .map((text) => ({ bytes: new TextEncoder().encode(text), fileName: 'rows.json' })),
        ),
        ({ bytes, fileName }) => {
          const result = loadRows({ bytes, fileName, inputs: INPUTS });

          if (!result.ok) {
            assert.equal(result.failure.kind, 'invalid-input');
            assert.ok(result.failure.kind === 'invalid-input' && result.failure.message.length > 0);
          }
        },
      ),
      { numRuns: fuzzRuns(10_000) },
    );
  });

  test('reads back every cell it was given', () => {
    const cell = fc.string({ maxLength: 12 }).filter((text) => !text.includes('\uFEFF'));
    // The first cell is never empty, because a row of empty cells is skipped like a blank line.
    const firstCell = cell.filter((text) => text.trim() !== '');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(firstCell, cell), { minLength: 1, maxLength: 8 }),
        (records) => {
          const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
          const lines = [
            'company_name,team_size',
            ...records.map(([a, b]) => `${quote(a)},${quote(b)}`),
          ];

          const result = loadRows({
            bytes: new TextEncoder().encode(lines.join('\r\n')),
            fileName: 'rows.csv',
            inputs: INPUTS,
          });

          assert.equal(result.ok, true);
          assert.deepEqual(
            result.ok ? result.value.table.records.map((record) => record.values) : [],
            records.map(([a, b]) => ({ company_name: a, team_size: b })),
          );
        },
      ),
      { numRuns: fuzzRuns(2_000) },
    );
  });
});
