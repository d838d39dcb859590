import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';

import { UsageError } from '../../cli/cli-io.ts';
import { readSeconds } from '../../cli/command-options.ts';
import { readRate } from '../../cli/commands/batch.ts';
import { EXIT_USAGE } from '../../cli/exit-codes.ts';
import { MAX_TIMER_SECONDS } from '../../core/settings.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { runCli } from '../support/run-cli.ts';

describe('readSeconds', () => {
  test('accepts the timer maximum', () => {
    assert.equal(readSeconds('--timeout', String(MAX_TIMER_SECONDS), 30), 2_147_483_000);
  });

  test('rejects one second above the maximum', () => {
    assert.throws(
      () => readSeconds('--job-timeout', String(MAX_TIMER_SECONDS + 1), 600),
      (error: Error) => {
        assert.ok(error instanceof UsageError);
        assert.match(error.message, /^--job-timeout /);
        assert.ok(error.message.includes('"2147484"'), error.message);
        assert.ok(error.message.includes('maximum of 2147483 seconds'), error.message);
        return true;
      },
    );
  });

  test('rejects zero and text', () => {
    assert.throws(() => readSeconds('--timeout', '0', 30), /not a positive number of seconds/);
    assert.throws(() => readSeconds('--timeout', 'soon', 30), /not a positive number of seconds/);
  });
});

describe('readRate', () => {
  test('rejects a rate slower than a timer can wait', () => {
    assert.throws(
      () => readRate('0.001/h'),
      (error: Error) => {
        assert.ok(error.message.includes('--rate "0.001/h"'), error.message);
        assert.ok(error.message.includes('more than 2147483 seconds'), error.message);
        assert.ok(error.message.includes('such as 1/h'), error.message);
        return true;
      },
    );
  });

  test('accepts one run per hour', () => {
    assert.equal(readRate('1/h'), 1 / 60);
  });
});

describe('hatz-tester seconds options', () => {
  let emulator: RunningEmulator;
  let directory: string;
  let rowsPath: string;
  const withKey = { HATZ_API_KEY: PRACTICE_KEY };

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.01 });
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-limits-'));
    rowsPath = join(directory, 'rows.csv');
    await writeFile(rowsPath, 'company_name,industry\nAcme,Tech\n');
  });
  after(async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });
  beforeEach(() => emulator.stats.reset());

  const app = SAMPLE_WORKFLOW_IDS.companyBrief;
  const cases: Array<[string, () => string[], string]> = [
    ['run', () => ['run', '--base-url', emulator.url, '--app-id', app], '--timeout'],
    ['run', () => ['run', '--base-url', emulator.url, '--app-id', app], '--job-timeout'],
    ['run', () => ['run', '--base-url', emulator.url, '--app-id', app], '--poll-interval'],
    ['verify', () => ['verify', '--base-url', emulator.url], '--timeout'],
    [
      'batch',
      () => ['batch', '--base-url', emulator.url, '--app-id', app, '--rows', rowsPath],
      '--timeout',
    ],
    [
      'batch',
      () => ['batch', '--base-url', emulator.url, '--app-id', app, '--rows', rowsPath],
      '--job-timeout',
    ],
    [
      'batch',
      () => ['batch', '--base-url', emulator.url, '--app-id', app, '--rows', rowsPath],
      '--poll-interval',
    ],
  ];
  for (const [command, args, option] of cases) {
    test(`${command} rejects ${option} above the timer maximum`, async () => {
      const result = await runCli([...args(), option, '3000000'], withKey);

      assert.equal(result.code, EXIT_USAGE);
      assert.ok(result.stderr.includes(`${option} "3000000"`), result.stderr);
      assert.ok(result.stderr.includes('maximum of 2147483 seconds'), result.stderr);
      assert.doesNotMatch(result.stderr, /TimeoutOverflowWarning/);
      assert.equal(emulator.stats.requests.length, 0);
    });
  }

  test('run accepts --timeout at the maximum', async () => {
    const result = await runCli(
      [
        'run',
        '--base-url',
        emulator.url,
        '--app-id',
        app,
        '--inputs',
        '{"company_name":"Acme","industry":"Tech"}',
        '--timeout',
        String(MAX_TIMER_SECONDS),
        '--data-dir',
        join(directory, 'data'),
      ],
      withKey,
    );

    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /TimeoutOverflowWarning/);
  });
});

describe('hatz-tester option values', () => {
  test('history names a negative --limit', async () => {
    const result = await runCli(['history', '--limit', '-1']);

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /--limit "-1" is not a whole number from 1 to 100000/);
    assert.doesNotMatch(result.stderr, /ambiguous/);
  });

  test('run names an option followed by another option', async () => {
    const result = await runCli(['run', '--app-id', '--wait'], { HATZ_API_KEY: PRACTICE_KEY });

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /--app-id needs a value, but is followed by "--wait"/);
    assert.match(result.stderr, /write --app-id=VALUE/);
    assert.doesNotMatch(result.stderr, /ambiguous/);
  });

  test('run names a negative --timeout', async () => {
    const result = await runCli(['run', '--app-id', 'x', '--timeout', '-5'], {
      HATZ_API_KEY: PRACTICE_KEY,
    });

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /--timeout "-5" is not a positive number of seconds/);
  });
});
