import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { runCli } from '../support/run-cli.ts';

const APP_ID = SAMPLE_WORKFLOW_IDS.companyBrief;
const SEED_INPUTS = '{"company_name": "Acme Corporation", "industry": "Technology"}';
const WORKFLOW_NAME = 'Company research brief';

interface ListedRun {
  id: string;
  workflow_name: string;
}

describe('workflow name in CLI history', () => {
  let emulator: RunningEmulator;
  let directory: string;
  const withKey = { HATZ_API_KEY: PRACTICE_KEY };

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.02 });
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-cli-workflow-name-'));
  });
  after(async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  /** Runs the seed workflow to its end, keeping the run in `dataDirectory`, and returns its id. */
  async function runSeed(dataDirectory: string, extraArgs: string[] = []): Promise<string> {
    const result = await runCli(
      [
        'run',
        '--base-url',
        emulator.url,
        '--app-id',
        APP_ID,
        '--inputs',
        SEED_INPUTS,
        '--wait',
        '--json',
        '--poll-interval',
        '0.05',
        '--data-dir',
        dataDirectory,
        ...extraArgs,
      ],
      withKey,
    );
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout).run_id;
  }

  async function findRun(dataDirectory: string, id: string): Promise<ListedRun | undefined> {
    const listed = await runCli(['history', '--json', '--data-dir', dataDirectory]);
    const runs: ListedRun[] = JSON.parse(listed.stdout).runs;
    return runs.find((run) => run.id === id);
  }

  function countWorkflowReads(): number {
    return emulator.stats.requests.filter((request) => request.path === `/v1/app/${APP_ID}`).length;
  }

  test('run keeps the name read for the check', async () => {
    const dataDirectory = join(directory, 'checked');
    const readsBefore = countWorkflowReads();

    const id = await runSeed(dataDirectory);

    assert.equal((await findRun(dataDirectory, id))?.workflow_name, WORKFLOW_NAME);
    assert.equal(countWorkflowReads(), readsBefore + 1);
  });

  test('run without the check reads no name', async () => {
    const dataDirectory = join(directory, 'unchecked');
    const readsBefore = countWorkflowReads();

    const id = await runSeed(dataDirectory, ['--no-lint']);

    assert.equal((await findRun(dataDirectory, id))?.workflow_name, '');
    assert.equal(countWorkflowReads(), readsBefore);
  });

  test('run prefers the name given with --workflow-name', async () => {
    const dataDirectory = join(directory, 'given');

    const id = await runSeed(dataDirectory, ['--workflow-name', 'Brief for Acme']);

    assert.equal((await findRun(dataDirectory, id))?.workflow_name, 'Brief for Acme');
  });

  test('rerun keeps the name read for the check', async () => {
    const dataDirectory = join(directory, 'rerun');
    const firstId = await runSeed(dataDirectory, ['--no-lint']);

    const result = await runCli(
      ['rerun', firstId, '--json', '--poll-interval', '0.05', '--data-dir', dataDirectory],
      { ...withKey, HATZ_BASE_URL: emulator.url },
    );
    const rerunId: string = JSON.parse(result.stdout).run_id;

    assert.equal(result.code, 0, result.stderr);
    assert.equal((await findRun(dataDirectory, firstId))?.workflow_name, '');
    assert.equal((await findRun(dataDirectory, rerunId))?.workflow_name, WORKFLOW_NAME);
  });
});
