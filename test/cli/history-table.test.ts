import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { runCli } from '../support/run-cli.ts';

const HEADER_COLUMNS = ['TIME', 'OUTCOME', 'HTTP', 'WORKFLOW', 'REQUEST ID', 'RUN ID'];

describe('hatz-tester history table', () => {
  let emulator: RunningEmulator;
  let directory: string;
  let dataDirectory: string;

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.02 });
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-cli-history-table-'));
    dataDirectory = join(directory, 'data');
  });
  after(async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function run(appId: string, inputs: string): Promise<void> {
    const result = await runCli(
      [
        'run',
        '--base-url',
        emulator.url,
        '--app-id',
        appId,
        '--inputs',
        inputs,
        '--wait',
        '--poll-interval',
        '0.05',
        '--data-dir',
        dataDirectory,
      ],
      { HATZ_API_KEY: PRACTICE_KEY },
    );
    assert.equal(result.code, 0, result.stderr);
  }

  function listHistory(extraArgs: string[] = []) {
    return runCli(['history', '--data-dir', dataDirectory, ...extraArgs]);
  }

  test('history counts one run in the singular', async () => {
    await run(SAMPLE_WORKFLOW_IDS.dailyDigest, '{}');

    const result = await listHistory();

    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Listed 1 run\.$/m);
    assert.doesNotMatch(result.stdout, /\b1 runs\b/);
  });

  test('history aligns columns under the header', async () => {
    await run(
      SAMPLE_WORKFLOW_IDS.companyBrief,
      '{"company_name": "Acme Corporation", "industry": "Technology"}',
    );

    const result = await listHistory();
    const [header = '', ...rows] = result.stdout.trimEnd().split('\n');
    const runLines = rows.slice(0, -1);
    const starts = HEADER_COLUMNS.map((column) => header.indexOf(column));

    assert.equal(runLines.length, 2);
    assert.deepEqual(
      starts.filter((start) => start < 0),
      [],
    );
    for (const line of runLines) {
      for (const start of starts.slice(1)) {
        assert.equal(line[start - 1], ' ', `no column break before ${start} in "${line}"`);
        assert.notEqual(line[start], ' ', `no cell starts at ${start} in "${line}"`);
      }
    }
    assert.match(runLines[0] ?? '', /Company research brief/);
    assert.match(runLines[1] ?? '', /Daily team digest/);
  });

  test('history counts two runs in the plural', async () => {
    const result = await listHistory();

    assert.match(result.stdout, /^Listed 2 runs\.$/m);
  });

  test('history names the runs a limit hides', async () => {
    const result = await listHistory(['--limit', '1']);

    assert.equal(result.stdout.trimEnd().split('\n').length, 3);
    assert.match(result.stdout, /^Listed 1 of 2 runs; raise --limit to see the other 1\.$/m);
  });
});
