import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { exitCodeByFailure, EXIT_USAGE } from '../../cli/exit-codes.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { runCli } from '../support/run-cli.ts';

// CLI runs are kept in history under XDG_CONFIG_HOME, so this file's runs stay in a temporary one.
const configDirectory = mkdtempSync(join(tmpdir(), 'hatz-tester-cli-config-'));
process.on('exit', () => rmSync(configDirectory, { recursive: true, force: true }));

const SEED_INPUTS = '{"company_name":"Acme Corporation","industry":"Technology"}';

/** Runs the installed bin with XDG_CONFIG_HOME set to this file's temporary directory. */
function runCliWithConfig(args: string[], env: Record<string, string> = {}) {
  return runCli(args, { XDG_CONFIG_HOME: configDirectory, ...env });
}

describe('hatz-tester run', () => {
  let emulator: RunningEmulator;
  let directory: string;

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.02 });
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-cli-'));
  });
  after(async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  const seedArgs = () => [
    'run',
    '--base-url',
    emulator.url,
    '--app-id',
    SAMPLE_WORKFLOW_IDS.companyBrief,
    '--wait',
    '--json',
    '--poll-interval',
    '0.05',
    '--data-dir',
    join(directory, 'data'),
  ];

  test('prints a completed job as JSON', async () => {
    const result = await runCliWithConfig([...seedArgs(), '--inputs', SEED_INPUTS], {
      HATZ_API_KEY: PRACTICE_KEY,
    });
    const report = JSON.parse(result.stdout);

    assert.equal(result.code, 0);
    assert.equal(report.status, 200);
    assert.match(report.job_id, /^[0-9a-f-]{36}$/);
    assert.equal(report.job_status, 'complete');
    assert.match(JSON.stringify(report.outputs), /Acme Corporation/);
    assert.equal(report.failure, null);
  });

  test('reads inputs from a file', async () => {
    const file = join(directory, 'inputs.json');
    await writeFile(file, SEED_INPUTS);

    const result = await runCliWithConfig([...seedArgs(), '--inputs-file', file], {
      HATZ_API_KEY: PRACTICE_KEY,
    });

    assert.equal(result.code, 0);
    assert.equal(JSON.parse(result.stdout).job_status, 'complete');
  });

  test('exits with invalid-key for a wrong key', async () => {
    const result = await runCliWithConfig([...seedArgs(), '--inputs', SEED_INPUTS], {
      HATZ_API_KEY: 'wrong-key-0000',
    });
    const report = JSON.parse(result.stdout);

    assert.equal(result.code, exitCodeByFailure['invalid-key']);
    assert.equal(report.failure.kind, 'invalid-key');
    assert.match(report.failure.title, /key refused/i);
  });

  test('names the missing input', async () => {
    // --no-lint, so the missing input reaches the server and its reply is what gets explained.
    const args = [
      'run',
      '--base-url',
      emulator.url,
      '--app-id',
      SAMPLE_WORKFLOW_IDS.companyBrief,
      '--no-lint',
    ];

    const result = await runCliWithConfig(
      [...args, '--inputs', '{"company_name":"Acme Corporation"}'],
      {
        HATZ_API_KEY: PRACTICE_KEY,
      },
    );

    assert.equal(result.code, exitCodeByFailure['missing-input']);
    assert.match(result.stdout, /"industry"/);
  });

  test('never prints the key', async () => {
    const key = 'secret-key-abcdef-123456';
    const result = await runCliWithConfig([...seedArgs(), '--inputs', SEED_INPUTS], {
      HATZ_API_KEY: key,
    });

    assert.doesNotMatch(result.stdout + result.stderr, /secret-key-abcdef/);
  });

  test('requires HATZ_API_KEY', async () => {
    const result = await runCliWithConfig([...seedArgs(), '--inputs', SEED_INPUTS]);

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /HATZ_API_KEY is not set/);
  });

  const usageCases: Array<[string, string[], RegExp]> = [
    ['an unknown option', ['run', '--app-id', 'x', '--bogus'], /bogus/],
    ['a missing app id', ['run'], /Missing --app-id/],
    [
      'both inputs options',
      ['run', '--app-id', 'x', '--inputs', '{}', '--inputs-file', 'f'],
      /either --inputs or --inputs-file/,
    ],
    [
      'a bad base URL',
      ['run', '--app-id', 'x', '--base-url', 'localhost:1'],
      /not a URL|uses localhost:/,
    ],
    ['a bad timeout', ['run', '--app-id', 'x', '--timeout', '0'], /--timeout "0"/],
    [
      'a missing inputs file',
      ['run', '--app-id', 'x', '--inputs-file', '/nonexistent/in.json'],
      /Cannot read --inputs-file/,
    ],
  ];
  for (const [name, args, message] of usageCases) {
    test(`rejects ${name}`, async () => {
      const result = await runCliWithConfig(args, { HATZ_API_KEY: PRACTICE_KEY });

      assert.equal(result.code, EXIT_USAGE);
      assert.match(result.stderr, message);
    });
  }

  test('lists exit codes in --help', async () => {
    const result = await runCliWithConfig(['--help']);

    assert.equal(result.code, 0);
    assert.match(result.stdout, /invalid-key/);
    assert.match(result.stdout, /job-failed/);
  });
});

describe('hatz-tester emulator', () => {
  test('prints its URL and serves it', async () => {
    const child = spawn(process.execPath, ['cli/bin.mjs', 'emulator', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', XDG_CONFIG_HOME: configDirectory },
    });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const match = /Emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('close', () => reject(new Error(`emulator exited: ${stdout}`)));
    });

    const response = await fetch(`${url}/v1/app/list`, { headers: { 'X-API-Key': PRACTICE_KEY } });
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('close', resolve));

    assert.equal(response.status, 200);
    assert.equal(code, 0);
  });

  test('rejects a port out of range', async () => {
    const result = await runCliWithConfig(['emulator', '--port', '70000']);

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /--port "70000"/);
  });
});
