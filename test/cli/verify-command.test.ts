import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';

import type { CommandIo } from '../../cli/command-options.ts';
import { runVerifyCommand } from '../../cli/commands/verify.ts';
import { EXIT_USAGE, exitCodeByFailure } from '../../cli/exit-codes.ts';
import { main } from '../../cli/main.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { runCli } from '../support/run-cli.ts';

const FORBIDDEN_KEY = 'hatz-forbidden-key-0123456789';

describe('hatz-tester verify', () => {
  let emulator: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ forbiddenKeys: [FORBIDDEN_KEY] });
  });
  after(() => emulator.close());
  beforeEach(() => emulator.faults.clear());

  /** Runs the command in this process and collects what it writes. */
  async function verify(args: string[], options: { key?: string; stdin?: string } = {}) {
    let stdout = '';
    let stderr = '';
    const io: CommandIo = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: options.key === undefined ? {} : { HATZ_API_KEY: options.key },
      fetch: globalThis.fetch,
      onInterrupt: () => () => {},
      readStdin: async () => options.stdin ?? '',
    };
    const code = await main(['verify', '--base-url', emulator.url, ...args], io);
    return { code, stdout, stderr };
  }

  test('exits 0 for a valid key from the environment', async () => {
    const result = await runCli(['verify', '--base-url', emulator.url], {
      HATZ_API_KEY: PRACTICE_KEY,
    });

    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Key works/);
  });

  test('reads the key from standard input', async () => {
    const result = await runCli(
      ['verify', '--base-url', emulator.url, '--key-stdin', '--json'],
      {},
      `${PRACTICE_KEY}\n`,
    );
    const report = JSON.parse(result.stdout);

    assert.equal(result.code, 0);
    assert.equal(report.verdict, 'valid');
    assert.equal(report.sees_workflows, true);
    assert.match(result.stderr, /Removed from the key: a trailing line break/);
  });

  const verdicts: Array<[string, () => void, string, number]> = [
    ['a wrong key', () => {}, 'invalid-key', exitCodeByFailure['invalid-key']],
    ['a forbidden key', () => {}, 'forbidden', exitCodeByFailure.forbidden],
    [
      'a 429 reply',
      () => emulator.faults.add({ kind: 'status', status: 429 }),
      'rate-limited',
      exitCodeByFailure['rate-limited'],
    ],
    [
      'a 503 reply',
      () => emulator.faults.add({ kind: 'status', status: 503 }),
      'server-error',
      exitCodeByFailure['server-error'],
    ],
    [
      'a reset connection',
      () => emulator.faults.add({ kind: 'reset' }),
      'network',
      exitCodeByFailure.network,
    ],
  ];
  for (const [name, arrange, kind, code] of verdicts) {
    test(`exits ${code} for ${name}`, async () => {
      arrange();
      const key =
        kind === 'invalid-key'
          ? 'hatz-wrong-key-0000'
          : kind === 'forbidden'
            ? FORBIDDEN_KEY
            : PRACTICE_KEY;

      const result = await verify(['--json'], { key });

      assert.equal(result.code, code);
      assert.equal(JSON.parse(result.stdout).verdict, kind);
    });
  }

  test('names HATZ_API_KEY in the fix for a wrong key', async () => {
    const result = await verify([], { key: 'hatz-wrong-key-0000' });

    assert.match(result.stdout, /Next step: .*set HATZ_API_KEY to it/);
    assert.doesNotMatch(result.stdout, /Replace key/);
  });

  test('exits with the timeout code for a stalled server', async () => {
    emulator.faults.add({ kind: 'stall-headers' });

    const result = await verify(['--timeout', '0.3'], { key: PRACTICE_KEY });

    assert.equal(result.code, exitCodeByFailure.timeout);
    assert.match(result.stdout, /timed out/);
  });

  test('quotes the request id of a server error', async () => {
    emulator.faults.add({ kind: 'status', status: 500 });

    const result = await verify([], { key: PRACTICE_KEY });

    assert.match(result.stdout, /Request id: hwt-/);
  });

  test('verifies with the model list', async () => {
    const result = await verify(['--path', '/chat/models', '--json'], { key: PRACTICE_KEY });

    assert.equal(result.code, 0);
    assert.equal(JSON.parse(result.stdout).path, '/chat/models');
  });

  test('rejects another path', async () => {
    const result = await verify(['--path', '/workflows/run'], { key: PRACTICE_KEY });

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /--path "\/workflows\/run" is not supported/);
  });

  test('rejects a key given as an argument', async () => {
    const result = await verify(['--key', PRACTICE_KEY]);

    assert.equal(result.code, EXIT_USAGE);
  });

  test('asks for a key when none is given', async () => {
    const result = await verify([]);

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /HATZ_API_KEY is not set/);
  });

  test('rejects empty standard input', async () => {
    const result = await verify(['--key-stdin'], { stdin: '\n' });

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /Standard input is empty/);
  });

  test('rejects a key with a space inside', async () => {
    const result = await verify([], { key: 'two words' });

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /position 4/);
  });

  test('never prints the key', async () => {
    const results = [
      await verify(['--json'], { key: PRACTICE_KEY }),
      await verify([], { key: `Bearer ${PRACTICE_KEY}` }),
    ];

    for (const { stdout, stderr } of results) {
      assert.doesNotMatch(stdout + stderr, /hatz-practice-key/);
    }
  });

  test('lists the exit code of each verdict in its help', async () => {
    let stdout = '';
    const io = {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => {} },
      env: {},
      fetch: globalThis.fetch,
      onInterrupt: () => () => {},
    };

    const code = await runVerifyCommand(['--help'], io);

    assert.equal(code, 0);
    for (const kind of ['valid', 'invalid-key', 'forbidden', 'rate-limited', 'server-error']) {
      assert.match(stdout, new RegExp(`\\d+  ${kind}\\n`));
    }
  });
});
