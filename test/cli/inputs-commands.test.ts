import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { EXIT_USAGE, exitCodeByFailure } from '../../cli/exit-codes.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { runCli } from '../support/run-cli.ts';

// CLI runs are kept in history under XDG_CONFIG_HOME, so this file's runs stay in a temporary one.
const configDirectory = mkdtempSync(join(tmpdir(), 'hatz-tester-cli-config-'));
process.on('exit', () => rmSync(configDirectory, { recursive: true, force: true }));

const APP_ID = SAMPLE_WORKFLOW_IDS.companyBrief;
const SEED_INPUTS = '{"company_name": "Acme Corporation", "industry": "Technology"}';
const INVALID_INPUT = exitCodeByFailure['invalid-input'];

/** Runs the installed bin with XDG_CONFIG_HOME set to this file's temporary directory. */
function runCliWithConfig(args: string[], env: Record<string, string> = {}, stdin?: string) {
  return runCli(args, { XDG_CONFIG_HOME: configDirectory, ...env }, stdin);
}

describe('hatz-tester inputs commands', () => {
  let emulator: RunningEmulator;
  let directory: string;
  const key = { HATZ_API_KEY: PRACTICE_KEY };

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.02 });
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-inputs-'));
  });
  after(async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  const lintArgs = (inputs: string) => [
    'lint',
    '--base-url',
    emulator.url,
    '--app-id',
    APP_ID,
    '--inputs',
    inputs,
  ];
  const seedCurl = (inputs: string, apiKey = 'hk_from_curl_1234') =>
    `curl -X POST ${emulator.url}/v1/workflows/run \\\n  -H "Content-Type: application/json" \\\n  -H "X-API-Key: ${apiKey}" \\\n  -d '{"app_id": "${APP_ID}", "inputs": ${inputs}, "is_draft_app": false}'\n`;

  test('lint passes the seed inputs', async () => {
    const result = await runCliWithConfig(lintArgs(SEED_INPUTS), key);

    assert.equal(result.code, 0);
    assert.match(result.stdout, /0 errors, 0 warnings/);
  });

  test('lint prints a misspelling with line, column and fix', async () => {
    const result = await runCliWithConfig(
      lintArgs('{"company_nme": "Acme", "industry": "Tech"}'),
      key,
    );

    assert.equal(result.code, INVALID_INPUT);
    assert.match(result.stdout, /inputs:1:2 error {2}"company_nme".*Did you mean "company_name"\?/);
    assert.match(result.stdout, /fix: Rename to "company_name"/);
  });

  test('lint counts one error in the singular', async () => {
    const result = await runCliWithConfig(
      lintArgs('{"company_nme": "Acme", "industry": "Tech"}'),
      key,
    );

    assert.equal(result.code, INVALID_INPUT);
    assert.match(result.stdout, /^Company research brief: 1 error, \d+ warnings?\.$/m);
    assert.doesNotMatch(result.stdout, /\b1 errors\b/);
  });

  test('lint explains a trailing comma', async () => {
    const result = await runCliWithConfig(lintArgs('{"company_name": "A", "industry": "B",}'), key);

    assert.equal(result.code, INVALID_INPUT);
    assert.match(result.stdout, /comma after the last item/);
  });

  test('lint explains single quotes from a file', async () => {
    const file = join(directory, 'single.json');
    await writeFile(file, '{\n  \'company_name\': \'A\',\n  "industry": "B"\n}');

    const result = await runCliWithConfig(
      ['lint', '--base-url', emulator.url, '--app-id', APP_ID, '--inputs-file', file, '--json'],
      key,
    );
    const report = JSON.parse(result.stdout);

    assert.equal(result.code, INVALID_INPUT);
    assert.equal(report.problems[0].line, 2);
    assert.match(report.problems[0].message, /single quotes/);
  });

  test('lint names a missing required input', async () => {
    const result = await runCliWithConfig(lintArgs('{"company_name": "Acme"}'), key);

    assert.match(result.stdout, /required input Industry \(industry\) is missing/);
  });

  test('lint rejects a malformed app id in words', async () => {
    const result = await runCliWithConfig(
      ['lint', '--app-id', `{${APP_ID}}`, '--inputs', '{}'],
      key,
    );

    assert.equal(result.code, 2);
    assert.match(result.stderr, /wrapped in \{\}/);
  });

  test('run refuses inputs with errors', async () => {
    const result = await runCliWithConfig(
      [
        'run',
        '--base-url',
        emulator.url,
        '--app-id',
        APP_ID,
        '--inputs',
        '{"Company_Name": "A", "industry": "B"}',
      ],
      key,
    );

    assert.equal(result.code, INVALID_INPUT);
    assert.match(result.stderr, /only in capital letters/);
    assert.match(result.stderr, /--no-lint/);
  });

  test('run sends flawed inputs with --no-lint', async () => {
    emulator.stats.reset();

    const result = await runCliWithConfig(
      [
        'run',
        '--base-url',
        emulator.url,
        '--app-id',
        APP_ID,
        '--no-lint',
        '--inputs',
        '{"company_name": "A"}',
      ],
      key,
    );

    assert.equal(result.code, exitCodeByFailure['missing-input']);
    assert.equal(emulator.stats.requests.filter((r) => r.path === '/v1/workflows/run').length, 1);
  });

  test('import-curl prints the request without the key', async () => {
    const file = join(directory, 'seed.sh');
    await writeFile(file, seedCurl(SEED_INPUTS));

    const result = await runCliWithConfig(['import-curl', file]);
    const report = JSON.parse(result.stdout);

    assert.equal(result.code, 0);
    assert.equal(report.base_url, `${emulator.url}/v1`);
    assert.equal(report.app_id, APP_ID);
    assert.equal(report.inputs, SEED_INPUTS);
    assert.equal(report.is_draft_app, false);
    assert.equal(report.has_api_key, true);
    assert.equal(result.stdout.includes('hk_from_curl_1234'), false);
  });

  test('import-curl reads standard input', async () => {
    const result = await runCliWithConfig(['import-curl', '-'], {}, seedCurl(SEED_INPUTS));

    assert.equal(JSON.parse(result.stdout).app_id, APP_ID);
  });

  test('import-curl rejects a command that is not curl', async () => {
    const result = await runCliWithConfig(['import-curl', '-'], {}, 'wget http://127.0.0.1/');

    assert.equal(result.code, INVALID_INPUT);
    assert.match(result.stderr, /not a cURL command/);
  });

  test('run --from-curl sends with the key in the command', async () => {
    const file = join(directory, 'practice.sh');
    await writeFile(file, seedCurl(SEED_INPUTS, PRACTICE_KEY));

    const result = await runCliWithConfig([
      'run',
      '--from-curl',
      file,
      '--wait',
      '--json',
      '--poll-interval',
      '0.05',
    ]);

    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).app_id, APP_ID);
  });

  test('run --from-curl prefers HATZ_API_KEY', async () => {
    const file = join(directory, 'wrong-key.sh');
    await writeFile(file, seedCurl(SEED_INPUTS, 'hk_wrong_key_0000'));

    const result = await runCliWithConfig(['run', '--from-curl', file], {
      ...key,
      HATZ_BASE_URL: emulator.url,
    });

    assert.equal(result.code, 0, result.stderr);
  });

  test('lint ignores a byte-order mark in a file', async () => {
    const file = join(directory, 'bom.json');
    await writeFile(file, `\uFEFF${SEED_INPUTS}`);

    const result = await runCliWithConfig(
      ['lint', '--base-url', emulator.url, '--app-id', APP_ID, '--inputs-file', file],
      key,
    );

    assert.equal(result.code, 0, result.stdout + result.stderr);
  });

  test('run --from-curl keeps HATZ_API_KEY from another host', async () => {
    const file = join(directory, 'other-host.sh');
    await writeFile(file, seedCurl(SEED_INPUTS, 'hk_wrong_key_0000'));
    const runsBefore = emulator.stats.requests.length;

    const result = await runCliWithConfig(['run', '--from-curl', file], key);

    assert.equal(result.code, EXIT_USAGE);
    assert.match(
      result.stderr,
      /sends to http:\/\/127\.0\.0\.1:\d+, but the key in HATZ_API_KEY is for https:\/\/ai\.hatz\.ai/,
    );
    assert.match(result.stderr, /pass --base-url/);
    assert.equal(emulator.stats.requests.length, runsBefore);
  });
});
