import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { EXIT_OK, EXIT_USAGE } from '../../cli/exit-codes.ts';
import { HATZ_BASE_URL } from '../../core/settings.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY } from '../../emulator/server.ts';
import { runCli } from '../support/run-cli.ts';

/** Exit codes in the order a help text lists them, read from its "  NN  meaning" lines. */
function listedCodes(help: string): number[] {
  return [...help.matchAll(/^ {2}([ \d]{2}\d) {2}\S/gm)].map((match) => Number(match[1]));
}

describe('hatz-tester HATZ_API_KEY messages', () => {
  const runArgs = ['run', '--app-id', SAMPLE_WORKFLOW_IDS.companyBrief, '--no-lint'];
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['unset', {}, /HATZ_API_KEY is not set\./],
    ['empty', { HATZ_API_KEY: '' }, /HATZ_API_KEY is set but empty\./],
    ['only spaces', { HATZ_API_KEY: '   ' }, /HATZ_API_KEY is set but contains only spaces\./],
  ];
  for (const [name, env, message] of cases) {
    test(`run names a key that is ${name}`, async () => {
      const result = await runCli(runArgs, env);

      assert.equal(result.code, EXIT_USAGE);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /Export your Hatz API key in it/);
    });

    test(`verify names a key that is ${name}`, async () => {
      const result = await runCli(['verify'], env);

      assert.equal(result.code, EXIT_USAGE);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /pass --key-stdin/);
    });
  }
});

describe('hatz-tester --from-curl host advice', () => {
  let directory: string;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-curl-advice-'));
  });
  after(() => rm(directory, { recursive: true, force: true }));

  async function curlFile(name: string, keyHeader: string): Promise<string> {
    const file = join(directory, name);
    const command =
      `curl -X POST http://127.0.0.1:9/v1/workflows/run -H 'Content-Type: application/json' ` +
      `${keyHeader} -d '{"app_id":"${SAMPLE_WORKFLOW_IDS.companyBrief}","inputs":{}}'`;
    await writeFile(file, command);
    return file;
  }

  test('run advises unsetting the key for a command with its own', async () => {
    const file = await curlFile('with-key.sh', "-H 'X-API-Key: hk_other_key_0000'");

    const result = await runCli(['run', '--from-curl', file], { HATZ_API_KEY: PRACTICE_KEY });

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /to use the key in the command instead, unset HATZ_API_KEY/);
  });

  test('run advises the key host for a command without a key', async () => {
    const file = await curlFile('without-key.sh', '');

    const result = await runCli(['run', '--from-curl', file], { HATZ_API_KEY: PRACTICE_KEY });

    assert.equal(result.code, EXIT_USAGE);
    assert.ok(
      result.stderr.includes(`to send it to ${HATZ_BASE_URL} instead, pass --base-url`),
      result.stderr,
    );
    assert.doesNotMatch(result.stderr, /unset HATZ_API_KEY/);
  });
});

describe('hatz-tester history data directory', () => {
  let directory: string;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-data-dir-'));
  });
  after(() => rm(directory, { recursive: true, force: true }));

  test('history rejects a missing --data-dir', async () => {
    const missing = join(directory, 'missing');

    const result = await runCli(['history', '--data-dir', missing]);

    assert.equal(result.code, EXIT_USAGE);
    assert.ok(result.stderr.includes(`"${missing}" given with --data-dir does not exist`));
    assert.match(result.stderr, /Check the path/);
    assert.equal(result.stdout, '');
  });

  test('history rejects a --data-dir that is a file', async () => {
    const file = join(directory, 'file.txt');
    await writeFile(file, 'not a folder');

    const result = await runCli(['history', '--data-dir', file]);

    assert.equal(result.code, EXIT_USAGE);
    assert.ok(result.stderr.includes(`"${file}" is a file, not a folder`), result.stderr);
  });

  test('history lists nothing in an empty --data-dir', async () => {
    const result = await runCli(['history', '--data-dir', directory]);

    assert.equal(result.code, EXIT_OK);
    assert.match(result.stdout, /No runs in history at .* match\./);
  });

  test('history says no run is kept before the first run', async () => {
    const result = await runCli(['history'], { XDG_CONFIG_HOME: join(directory, 'fresh') });

    assert.equal(result.code, EXIT_OK);
    assert.match(result.stdout, /No runs are kept yet: .* does not exist/);
  });

  test('history --help documents the data directory exit code', async () => {
    const result = await runCli(['history', '--help']);

    assert.match(result.stdout, /with 2 when --data-dir names\s+a folder that does not exist/);
  });
});

describe('hatz-tester help exit codes', () => {
  test('--help lists exit codes in ascending order', async () => {
    const result = await runCli(['--help']);
    const codes = listedCodes(result.stdout);

    assert.equal(result.code, EXIT_OK);
    assert.deepEqual(
      codes,
      [...codes].sort((a, b) => a - b),
    );
    assert.ok(codes.includes(20));
    assert.ok(codes.includes(130));
  });

  test('verify --help lists exit codes in ascending order', async () => {
    const result = await runCli(['verify', '--help']);
    const codes = listedCodes(result.stdout);

    assert.deepEqual(
      codes,
      [...codes].sort((a, b) => a - b),
    );
    assert.ok(codes.includes(EXIT_USAGE));
  });

  test('lint --help gives the invalid-input code as a number', async () => {
    const result = await runCli(['lint', '--help']);

    assert.match(result.stdout, /14 \(invalid-input\) when there are\s+errors/);
    assert.doesNotMatch(result.stdout, /the invalid-input code/);
  });

  test('run --help gives the default base URL', async () => {
    const result = await runCli(['run', '--help']);

    assert.ok(result.stdout.includes(`$HATZ_BASE_URL or ${HATZ_BASE_URL})`), result.stdout);
  });
});
