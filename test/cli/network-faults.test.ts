import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';

import type { CliIo } from '../../cli/cli-io.ts';
import { exitCodeByFailure } from '../../cli/exit-codes.ts';
import { main } from '../../cli/main.ts';
import type { FailureKind } from '../../core/schemas.ts';
import type { Fault } from '../../emulator/faults.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';

const SEED_INPUTS = '{"company_name":"Acme Corporation","industry":"Technology"}';
const JOB_PATH = /^\/v1\/workflows\/[0-9a-f-]{36}$/;

const historyDirectory = mkdtempSync(join(tmpdir(), 'hatz-tester-faults-'));
process.on('exit', () => rmSync(historyDirectory, { recursive: true, force: true }));

/** Runs the CLI in this process and collects what it writes. */
async function runCli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    // Runs are kept in history under XDG_CONFIG_HOME, so each test process gets its own.
    env: { HATZ_API_KEY: PRACTICE_KEY, XDG_CONFIG_HOME: historyDirectory },
    fetch: globalThis.fetch,
    onInterrupt: () => () => {},
  } as unknown as CliIo;
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** One fault, what the CLI must report for it, and whether the job still completes. */
interface FaultCase {
  name: string;
  faults: Fault[];
  expected: FailureKind | 'completed';
  extraArgs?: string[];
}

const cases: FaultCase[] = [
  { name: 'timeout before headers', faults: [{ kind: 'stall-headers' }], expected: 'timeout' },
  { name: 'stall mid-body', faults: [{ kind: 'stall-body' }], expected: 'timeout' },
  { name: 'connection reset', faults: [{ kind: 'reset' }], expected: 'network' },
  {
    name: '429 with Retry-After',
    faults: [{ kind: 'status', status: 429, headers: { 'Retry-After': '30' } }],
    expected: 'rate-limited',
  },
  {
    name: '429 without Retry-After',
    faults: [{ kind: 'status', status: 429 }],
    expected: 'rate-limited',
  },
  {
    name: '500 with HTML',
    faults: [{ kind: 'html-error', status: 500 }],
    expected: 'server-error',
  },
  {
    name: '502 with HTML',
    faults: [{ kind: 'html-error', status: 502 }],
    expected: 'server-error',
  },
  {
    name: '503 with HTML',
    faults: [{ kind: 'html-error', status: 503 }],
    expected: 'server-error',
  },
  { name: 'non-JSON 200', faults: [{ kind: 'non-json' }], expected: 'unexpected-body' },
  { name: 'gzip body', faults: [{ kind: 'gzip' }], expected: 'completed' },
  { name: 'chunked body', faults: [{ kind: 'chunked', chunks: 5 }], expected: 'completed' },
  {
    name: '20 MB body',
    faults: [{ kind: 'huge-body', bytes: 20 * 1024 * 1024 }],
    expected: 'unexpected-body',
  },
  { name: 'invalid UTF-8', faults: [{ kind: 'invalid-utf8' }], expected: 'unexpected-body' },
  {
    name: 'same-origin redirect',
    faults: [{ kind: 'redirect', status: 307, location: '/v1/workflows/run' }],
    expected: 'completed',
  },
  {
    name: 'redirect loop',
    faults: [{ kind: 'redirect', status: 307, location: '/v1/workflows/run', times: 50 }],
    expected: 'network',
  },
  {
    name: 'job status 404 then recovery',
    faults: [{ method: 'GET', path: JOB_PATH, kind: 'status', status: 404, times: 2 }],
    expected: 'completed',
  },
  {
    name: 'job status 5xx until giving up',
    faults: [{ method: 'GET', path: JOB_PATH, kind: 'html-error', status: 502, times: 50 }],
    expected: 'server-error',
  },
];

describe('hatz-tester run under network faults', () => {
  let emulator: RunningEmulator;
  let otherOrigin: RunningEmulator;

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.02 });
    otherOrigin = await startEmulator();
  });
  after(async () => {
    await Promise.all([emulator.close(), otherOrigin.close()]);
  });
  beforeEach(() => {
    emulator.faults.clear();
    otherOrigin.stats.reset();
  });

  function seedArgs(baseUrl = emulator.url): string[] {
    return [
      'run',
      '--base-url',
      baseUrl,
      '--app-id',
      SAMPLE_WORKFLOW_IDS.companyBrief,
      '--inputs',
      SEED_INPUTS,
      '--wait',
      '--json',
      '--timeout',
      '1',
      '--poll-interval',
      '0.05',
    ];
  }

  for (const { name, faults, expected, extraArgs = [] } of cases) {
    test(`reports ${name} as ${expected}`, async () => {
      for (const fault of faults) emulator.faults.add({ path: '/v1/workflows/run', ...fault });

      const result = await runCli([...seedArgs(), ...extraArgs]);
      const report = JSON.parse(result.stdout);

      if (expected === 'completed') {
        assert.equal(result.code, 0);
        assert.equal(report.phase, 'completed');
      } else {
        assert.equal(report.failure?.kind, expected);
        assert.equal(result.code, exitCodeByFailure[expected]);
        assert.ok(report.failure.title.length > 0);
        assert.ok(report.failure.fix.length > 0);
      }
    });
  }

  test('never follows a cross-origin redirect', async () => {
    emulator.faults.add({
      path: '/v1/workflows/run',
      kind: 'redirect',
      status: 307,
      location: `${otherOrigin.url}/v1/workflows/run`,
    });

    const result = await runCli(seedArgs());

    assert.equal(result.code, exitCodeByFailure['redirect-blocked']);
    assert.equal(otherOrigin.stats.requests.length, 0);
  });

  test('reports a job that never ends', async () => {
    const args = seedArgs().map((arg) =>
      arg === SAMPLE_WORKFLOW_IDS.companyBrief ? SAMPLE_WORKFLOW_IDS.marketReport : arg,
    );
    const inputs = args.indexOf(SEED_INPUTS);
    args[inputs] = '{"region":"EMEA"}';
    emulator.options.jobTimeScale = 100;

    const result = await runCli([...args, '--job-timeout', '0.3']);

    emulator.options.jobTimeScale = 0.02;
    assert.equal(result.code, exitCodeByFailure.timeout);
    assert.equal(JSON.parse(result.stdout).failure.phase, 'job');
  });

  test('reports a refused connection', async () => {
    const closed = await startEmulator();
    await closed.close();

    const result = await runCli(seedArgs(closed.url));

    assert.equal(result.code, exitCodeByFailure.network);
    assert.match(JSON.parse(result.stdout).failure.detail, /refused/);
  });
});

describe('hatz-tester run against an untrusted certificate', () => {
  let directory: string;
  let server: ReturnType<typeof createServer> | undefined;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        join(directory, 'key.pem'),
        '-out',
        join(directory, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    server = createServer(
      {
        key: await readFile(join(directory, 'key.pem')),
        cert: await readFile(join(directory, 'cert.pem')),
      },
      (_request, response) => response.end('{}'),
    );
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rm(directory, { recursive: true, force: true });
  });

  test('explains a self-signed certificate', async () => {
    const { port } = server!.address() as AddressInfo;

    const result = await runCli([
      'run',
      '--base-url',
      `https://127.0.0.1:${port}`,
      '--app-id',
      SAMPLE_WORKFLOW_IDS.companyBrief,
      '--json',
    ]);
    const failure = JSON.parse(result.stdout).failure;

    assert.equal(result.code, exitCodeByFailure.network);
    assert.match(failure.code, /SELF_SIGNED|CERT/);
    assert.match(failure.detail, /certificate/);
  });
});

describe('hatz-tester run without DNS', () => {
  // A new network namespace has no interfaces, so the name lookup fails on this machine and no
  // query leaves it.
  const canIsolate = spawnSync('unshare', ['-n', 'true']).status === 0;
  const skip = canIsolate ? false : 'unshare -n is not permitted here';

  function runIsolated(args: string[]) {
    return spawnSync('unshare', ['-n', process.execPath, 'cli/bin.mjs', ...args], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        HATZ_API_KEY: PRACTICE_KEY,
        XDG_CONFIG_HOME: historyDirectory,
      },
    });
  }

  test('explains a failed name lookup', { skip }, () => {
    const result = runIsolated([
      'run',
      '--base-url',
      'https://hatz.invalid/v1',
      '--app-id',
      SAMPLE_WORKFLOW_IDS.companyBrief,
      '--json',
    ]);
    const failure = JSON.parse(result.stdout).failure;

    assert.equal(result.status, exitCodeByFailure.network);
    assert.match(failure.code, /EAI_AGAIN|ENOTFOUND/);
    assert.match(failure.detail, /DNS/);
  });

  test('uses the Hatz base URL by default', { skip }, () => {
    const result = runIsolated([
      'run',
      '--app-id',
      SAMPLE_WORKFLOW_IDS.companyBrief,
      '--json',
      '--no-lint',
    ]);

    assert.equal(result.status, exitCodeByFailure.network);
    assert.match(JSON.parse(result.stdout).failure.detail, /DNS/);
  });
});
