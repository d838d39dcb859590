import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { EXIT_OK, EXIT_USAGE } from '../../cli/exit-codes.ts';
import { encodeHistoryLine } from '../../core/history/history-line.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { makeHistoryRecord } from '../support/history-records.ts';
import { runCli } from '../support/run-cli.ts';

describe('hatz-tester runs without --wait', () => {
  let emulator: RunningEmulator;
  let directory: string;
  let dataDirectory: string;
  let startedRun: { code: number | null; stdout: string; stderr: string };
  let startedRunId: string;
  let completedRunId: string;

  const runArgs = () => [
    'run',
    '--base-url',
    emulator.url,
    '--app-id',
    SAMPLE_WORKFLOW_IDS.companyBrief,
    '--inputs',
    '{"company_name":"Acme","industry":"Tech"}',
    '--poll-interval',
    '0.05',
    '--json',
    '--data-dir',
    dataDirectory,
  ];

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.02 });
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-unfollowed-'));
    dataDirectory = join(directory, 'data');
    const withKey = { HATZ_API_KEY: PRACTICE_KEY };
    const completed = await runCli([...runArgs(), '--wait'], withKey);
    completedRunId = JSON.parse(completed.stdout).run_id;
    startedRun = await runCli(runArgs(), withKey);
    startedRunId = JSON.parse(startedRun.stdout).run_id;
  });
  after(async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  test('run without --wait reports the started phase', () => {
    const report = JSON.parse(startedRun.stdout);

    assert.equal(startedRun.code, EXIT_OK);
    assert.equal(report.phase, 'started');
    assert.match(report.job_id, /^[0-9a-f-]{36}$/);
    assert.equal(report.failure, null);
  });

  test('run without --wait says the job was not followed', async () => {
    const args = runArgs().filter((arg) => arg !== '--json');

    const result = await runCli(args, { HATZ_API_KEY: PRACTICE_KEY });

    assert.equal(result.code, EXIT_OK);
    assert.match(result.stdout, /started; not followed, so its outcome is not known/);
    assert.match(result.stdout, /Pass --wait/);
  });

  test('history keeps an unfollowed run as started', async () => {
    const result = await runCli(['history', '--json', '--data-dir', dataDirectory]);
    const runs: Array<{ id: string; phase: string }> = JSON.parse(result.stdout).runs;

    assert.equal(runs.find((run) => run.id === startedRunId)?.phase, 'started');
    assert.equal(runs.find((run) => run.id === completedRunId)?.phase, 'completed');
  });

  test('history table says started, not followed', async () => {
    const result = await runCli(['history', '--data-dir', dataDirectory]);
    const line = result.stdout.split('\n').find((text) => text.includes(startedRunId)) ?? '';

    assert.match(line, / started, not followed +200 /);
  });

  test('history --status started lists only unfollowed runs', async () => {
    const result = await runCli([
      'history',
      '--status',
      'started',
      '--json',
      '--data-dir',
      dataDirectory,
    ]);
    const ids: string[] = JSON.parse(result.stdout).runs.map((run: { id: string }) => run.id);

    assert.equal(result.code, EXIT_OK);
    assert.ok(ids.includes(startedRunId));
    assert.ok(!ids.includes(completedRunId));
  });

  test('history --status completed leaves unfollowed runs out', async () => {
    const result = await runCli([
      'history',
      '--status',
      'completed',
      '--json',
      '--data-dir',
      dataDirectory,
    ]);
    const ids: string[] = JSON.parse(result.stdout).runs.map((run: { id: string }) => run.id);

    assert.deepEqual(ids, [completedRunId]);
  });

  test('history rejects a phase no run ends in', async () => {
    const result = await runCli(['history', '--status', 'following']);

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /"following" is not one of completed, started, failed, cancelled/);
  });

  test('history reads an older unfollowed run as started', async () => {
    const oldDataDirectory = join(directory, 'old-data');
    await mkdir(join(oldDataDirectory, 'history'), { recursive: true });
    const { job: _job, ...unfollowed } = makeHistoryRecord({ id: 'old-run', phase: 'completed' });
    await writeFile(
      join(oldDataDirectory, 'history', 'runs-1767225600000-0123abcd.jsonl'),
      encodeHistoryLine({ type: 'run', record: unfollowed }),
    );

    const result = await runCli([
      'history',
      '--status',
      'started',
      '--json',
      '--data-dir',
      oldDataDirectory,
    ]);
    const runs: Array<{ id: string; phase: string }> = JSON.parse(result.stdout).runs;

    assert.equal(result.code, EXIT_OK);
    assert.deepEqual(
      runs.map((run) => [run.id, run.phase]),
      [['old-run', 'started']],
    );
  });
});
