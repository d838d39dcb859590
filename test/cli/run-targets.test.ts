import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';

import { exitCodeByFailure, EXIT_USAGE } from '../../cli/exit-codes.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { runCli } from '../support/run-cli.ts';

const APP_ID = SAMPLE_WORKFLOW_IDS.emailToneChecker;
const WARNING = /Warning: "Email tone checker" \(940c9dc4-[0-9a-f-]+\) looks like an app/;

describe('hatz-tester run targets', () => {
  let emulator: RunningEmulator;
  let directory: string;
  const withKey = { HATZ_API_KEY: PRACTICE_KEY };

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.01 });
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-targets-'));
  });
  after(async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });
  beforeEach(() => emulator.stats.reset());

  const runArgs = (appId: string, inputs: string) => [
    'run',
    '--base-url',
    emulator.url,
    '--app-id',
    appId,
    '--inputs',
    inputs,
    '--data-dir',
    join(directory, 'data'),
  ];
  const runPosts = () =>
    emulator.stats.requests.filter((r) => r.method === 'POST' && r.path === '/v1/workflows/run');

  test('run warns before sending an app', async () => {
    const result = await runCli(runArgs(APP_ID, '{"email_text":"Hello"}'), withKey);
    const warningAt = result.stderr.search(WARNING);
    const sendingAt = result.stderr.indexOf('Checking and sending the run request');

    assert.notEqual(warningAt, -1, result.stderr);
    assert.ok(warningAt < sendingAt, result.stderr);
    assert.match(result.stderr, /POST \/v1\/app\/\{app_id\}\/query, which hatz-tester does not/);
    assert.match(result.stderr, /this is a guess/);
    assert.equal(runPosts().length, 1);
  });

  test('run adds that a not-found id is an app', async () => {
    const result = await runCli(runArgs(APP_ID, '{"email_text":"Hello"}'), withKey);
    const lines = result.stdout.trim().split('\n');

    assert.equal(result.code, exitCodeByFailure['unknown-workflow']);
    assert.match(result.stdout, /Workflow not found/);
    assert.match(lines.at(-1) ?? '', /^The id 940c9dc4-[0-9a-f-]+ is "Email tone checker"/);
    assert.match(lines.at(-1) ?? '', /read as an app, not a workflow; the webhook does not run/);
  });

  test('run adds the app line on stderr with --json', async () => {
    const result = await runCli([...runArgs(APP_ID, '{"email_text":"Hello"}'), '--json'], withKey);
    const report = JSON.parse(result.stdout);

    assert.equal(report.failure.kind, 'unknown-workflow');
    assert.match(result.stderr, /read as an app, not a workflow/);
  });

  test('run gives no app warning for a workflow', async () => {
    const result = await runCli(
      runArgs(SAMPLE_WORKFLOW_IDS.companyBrief, '{"company_name":"Acme","industry":"Tech"}'),
      withKey,
    );

    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr + result.stdout, /looks like an app|read as an app/);
  });

  test('run with --no-lint sends an app without reading it', async () => {
    const result = await runCli(
      [...runArgs(APP_ID, '{"email_text":"Hello"}'), '--no-lint'],
      withKey,
    );

    assert.equal(result.code, exitCodeByFailure['unknown-workflow']);
    assert.doesNotMatch(result.stderr + result.stdout, /looks like an app|read as an app/);
  });

  test('batch warns before sending rows to an app', async () => {
    const rows = join(directory, 'emails.csv');
    await writeFile(rows, 'email_text\nHello\n');

    const result = await runCli(
      ['batch', '--base-url', emulator.url, '--app-id', APP_ID, '--rows', rows],
      withKey,
    );

    assert.match(result.stderr, WARNING);
  });

  const endpointUrls: Array<[string, string]> = [
    ['/v1/workflows/run', '/workflows/run'],
    ['/v1/app/list', '/app/list'],
    [`/v1/app/${SAMPLE_WORKFLOW_IDS.companyBrief}`, `/app/${SAMPLE_WORKFLOW_IDS.companyBrief}`],
  ];
  for (const [path, endpoint] of endpointUrls) {
    test(`run rejects a base URL ending in ${endpoint}`, async () => {
      const baseUrl = `${emulator.url}${path}`;

      const result = await runCli(
        ['run', '--base-url', baseUrl, '--app-id', SAMPLE_WORKFLOW_IDS.companyBrief],
        withKey,
      );

      assert.equal(result.code, EXIT_USAGE);
      assert.ok(result.stderr.includes(`"${baseUrl}" is an endpoint`), result.stderr);
      assert.ok(result.stderr.includes(`ends in ${endpoint}.`), result.stderr);
      assert.ok(result.stderr.includes(`such as ${emulator.url}/v1.`), result.stderr);
      assert.equal(emulator.stats.requests.length, 0);
    });
  }

  test('verify rejects an endpoint in HATZ_BASE_URL', async () => {
    const baseUrl = `${emulator.url}/v1/workflows/run`;

    const result = await runCli(['verify'], { ...withKey, HATZ_BASE_URL: baseUrl });

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /is an endpoint: it ends in \/workflows\/run/);
    assert.equal(emulator.stats.requests.length, 0);
  });
});
