import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';

import { EXIT_OK, EXIT_USAGE } from '../../cli/exit-codes.ts';
import { findMaskedKey } from '../../core/history/find-masked-key.ts';
import { HATZ_BASE_URL } from '../../core/settings.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { startRecordingProxy } from '../support/recording-proxy.ts';
import { runCli } from '../support/run-cli.ts';

const MASKED_PRACTICE_KEY = `••••${PRACTICE_KEY.slice(-4)}`;

describe('findMaskedKey', () => {
  test('names the input that contains the masked key', () => {
    const found = findMaskedKey('{"a": "x", "token": "Bearer ••••wxyz", "b": 1}', 'wxyz');

    assert.equal(found?.maskedKey, '••••wxyz');
    assert.deepEqual(found?.inputNames, ['token']);
  });

  test('finds the mask in a nested value', () => {
    const found = findMaskedKey('{"config": {"headers": ["••••wxyz"]}}', 'wxyz');

    assert.deepEqual(found?.inputNames, ['config']);
  });

  test('finds the mask in inputs that are not JSON', () => {
    const found = findMaskedKey("{'token': '••••wxyz'}", 'wxyz');

    assert.deepEqual(found?.inputNames, []);
  });

  test('finds the bare mask of a short key', () => {
    assert.deepEqual(findMaskedKey('{"token": "••••"}', '')?.inputNames, ['token']);
  });

  test('returns undefined without the mask', () => {
    assert.equal(findMaskedKey('{"token": "••••abcd"}', 'wxyz'), undefined);
  });
});

describe('hatz-tester rerun checks', () => {
  let emulator: RunningEmulator;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let directory: string;
  let dataDirectory: string;
  let keyRunId: string;
  let plainRunId: string;

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.02 });
    proxy = await startRecordingProxy(emulator.url);
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-rerun-'));
    dataDirectory = join(directory, 'data');
    const send = async (inputs: Record<string, string>) => {
      const result = await runCli(
        [
          'run',
          '--base-url',
          proxy.url,
          '--app-id',
          SAMPLE_WORKFLOW_IDS.companyBrief,
          '--inputs',
          JSON.stringify(inputs),
          '--json',
          '--data-dir',
          dataDirectory,
        ],
        { HATZ_API_KEY: PRACTICE_KEY },
      );
      assert.equal(result.code, EXIT_OK, result.stderr);
      return JSON.parse(result.stdout).run_id as string;
    };
    keyRunId = await send({ company_name: `Acme ${PRACTICE_KEY}`, industry: 'Tech' });
    plainRunId = await send({ company_name: 'Acme', industry: 'Tech' });
  });
  after(async () => {
    await proxy.close();
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });
  beforeEach(() => {
    proxy.requests.length = 0;
  });

  const rerun = (id: string, extra: string[] = []) =>
    runCli(['rerun', id, '--poll-interval', '0.05', '--data-dir', dataDirectory, ...extra], {
      HATZ_API_KEY: PRACTICE_KEY,
      HATZ_BASE_URL: proxy.url,
    });
  const sentRunBodies = () =>
    proxy.requests
      .filter((request) => request.method === 'POST' && request.path === '/v1/workflows/run')
      .map((request) => request.body.toString('utf8'));

  test('rerun warns of a masked key in kept inputs', async () => {
    const result = await rerun(keyRunId);

    assert.equal(result.code, EXIT_OK, result.stderr);
    assert.ok(result.stderr.includes(`The kept input "company_name" of run ${keyRunId}`));
    assert.ok(result.stderr.includes(`a masked key (${MASKED_PRACTICE_KEY})`), result.stderr);
    assert.match(result.stderr, /It will be sent as masked/);
    assert.match(result.stderr, /pass the inputs with --inputs or --inputs-file/);
    assert.doesNotMatch(result.stderr, new RegExp(PRACTICE_KEY));
  });

  test('rerun sends the masked text it warned of', async () => {
    await rerun(keyRunId);
    const [body] = sentRunBodies();

    assert.ok(body?.includes(MASKED_PRACTICE_KEY), body);
    assert.ok(!body?.includes(PRACTICE_KEY), body);
  });

  test('rerun gives no warning without a masked key', async () => {
    const result = await rerun(plainRunId);

    assert.equal(result.code, EXIT_OK, result.stderr);
    assert.doesNotMatch(result.stderr, /masked key/);
  });

  test('rerun --inputs replaces the kept inputs', async () => {
    const inputs = '{"company_name":"Initech","industry":"Software"}';

    const result = await rerun(keyRunId, ['--inputs', inputs]);
    const [body] = sentRunBodies();

    assert.equal(result.code, EXIT_OK, result.stderr);
    assert.doesNotMatch(result.stderr, /masked key/);
    assert.equal(JSON.parse(body ?? '{}').inputs.company_name, 'Initech');
  });

  test('rerun --inputs-file replaces the kept inputs', async () => {
    const file = join(directory, 'inputs.json');
    await writeFile(file, '{"company_name":"Globex","industry":"Energy"}');

    const result = await rerun(keyRunId, ['--inputs-file', file]);
    const [body] = sentRunBodies();

    assert.equal(result.code, EXIT_OK, result.stderr);
    assert.equal(JSON.parse(body ?? '{}').inputs.company_name, 'Globex');
  });

  test('rerun advises --base-url for a kept run on another host', async () => {
    const result = await runCli(['rerun', plainRunId, '--data-dir', dataDirectory], {
      HATZ_API_KEY: PRACTICE_KEY,
    });

    assert.equal(result.code, EXIT_USAGE);
    assert.ok(result.stderr.includes(`pass --base-url ${proxy.url}/v1;`), result.stderr);
    assert.ok(
      result.stderr.includes(`to rerun it against ${HATZ_BASE_URL} instead, pass --base-url`),
      result.stderr,
    );
    assert.doesNotMatch(result.stderr, /unset HATZ_API_KEY/);
    assert.equal(proxy.requests.length, 0);
  });

  test('rerun names a missing --data-dir', async () => {
    const missing = join(directory, 'no-such-folder');

    const result = await runCli(['rerun', plainRunId, '--data-dir', missing], {
      HATZ_API_KEY: PRACTICE_KEY,
    });

    assert.equal(result.code, EXIT_USAGE);
    assert.ok(result.stderr.includes(`"${missing}" given with --data-dir does not exist`));
  });
});
