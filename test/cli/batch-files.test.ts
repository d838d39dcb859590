import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';

import {
  EXIT_BATCH_RESULTS_NOT_WRITTEN,
  exitCodeByFailure,
  EXIT_USAGE,
} from '../../cli/exit-codes.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { runCli } from '../support/run-cli.ts';

/** A character device that fails every write with ENOSPC, as a full disk does (Linux only). */
const FULL_DEVICE = '/dev/full';

describe('hatz-tester batch files', () => {
  let emulator: RunningEmulator;
  let directory: string;
  let rowsPath: string;
  const withKey = { HATZ_API_KEY: PRACTICE_KEY };

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.01 });
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-batch-files-'));
    rowsPath = join(directory, 'rows.csv');
    await writeFile(rowsPath, 'company_name,industry\nAcme,Tech\nBeta,Retail\n');
  });
  after(async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });
  beforeEach(() => emulator.stats.reset());

  const batchArgs = (rows: string) => [
    'batch',
    '--base-url',
    emulator.url,
    '--app-id',
    SAMPLE_WORKFLOW_IDS.companyBrief,
    '--rows',
    rows,
    '--data-dir',
    join(directory, 'data'),
  ];
  const runPosts = () =>
    emulator.stats.requests.filter((r) => r.method === 'POST' && r.path === '/v1/workflows/run');

  test('batch rejects an empty --out', async () => {
    const result = await runCli([...batchArgs(rowsPath), '--out', ''], withKey);

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /--out is empty\. Name the file for the results/);
    assert.equal(emulator.stats.requests.length, 0);
  });

  test('batch rejects --out in a missing folder', async () => {
    const out = join(directory, 'missing', 'results.csv');

    const result = await runCli([...batchArgs(rowsPath), '--out', out], withKey);

    assert.equal(result.code, EXIT_USAGE);
    assert.ok(result.stderr.includes(`--out "${out}"`), result.stderr);
    assert.ok(result.stderr.includes(`the folder ${join(directory, 'missing')} does not exist`));
    assert.match(result.stderr, /Create it first/);
    assert.doesNotMatch(result.stderr, /ENOENT/);
    assert.equal(emulator.stats.requests.length, 0);
  });

  test('batch rejects --out that is a folder', async () => {
    const out = join(directory, 'results-folder');
    await mkdir(out, { recursive: true });

    const result = await runCli([...batchArgs(rowsPath), '--out', out], withKey);

    assert.equal(result.code, EXIT_USAGE);
    assert.ok(result.stderr.includes(`--out "${out}" is a folder`), result.stderr);
    assert.ok(result.stderr.includes(join(out, 'results.csv')), result.stderr);
    assert.doesNotMatch(result.stderr, /EISDIR/);
    assert.equal(emulator.stats.requests.length, 0);
  });

  test('batch rejects --out below a file', async () => {
    const out = join(rowsPath, 'results.csv');

    const result = await runCli([...batchArgs(rowsPath), '--out', out], withKey);

    assert.equal(result.code, EXIT_USAGE);
    assert.ok(result.stderr.includes(`${rowsPath} is a file, not a folder`), result.stderr);
    assert.equal(emulator.stats.requests.length, 0);
  });

  test('batch writes results to a new file', async () => {
    const out = join(directory, 'results.json');

    const result = await runCli([...batchArgs(rowsPath), '--out', out], withKey);
    const written = JSON.parse(await readFile(out, 'utf8'));

    assert.equal(result.code, 0, result.stderr);
    assert.equal(written.results.length, 2);
  });

  test(
    'batch prints the summary before a failed write',
    { skip: !existsSync(FULL_DEVICE) && `${FULL_DEVICE} is missing` },
    async () => {
      const result = await runCli([...batchArgs(rowsPath), '--out', FULL_DEVICE], withKey);

      assert.equal(result.code, EXIT_BATCH_RESULTS_NOT_WRITTEN);
      assert.equal(runPosts().length, 2);
      assert.match(result.stdout, /Batch finished: 2 of 2 rows/);
      assert.ok(
        result.stderr.includes(`could not be written to --out "${FULL_DEVICE}"`),
        result.stderr,
      );
      assert.match(result.stderr, /ENOSPC/);
      assert.match(result.stderr, /sending the rows again runs them again/);
    },
  );

  const rowsFiles: Array<[string, string, Uint8Array | string, RegExp]> = [
    [
      'a Latin-1 file',
      'latin1.csv',
      new Uint8Array([
        ...Buffer.from('company_name,industry\nM'),
        0xfc,
        ...Buffer.from('ller,X\n'),
      ]),
      /not valid UTF-8 text\. It may be Latin-1/,
    ],
    ['an empty file', 'empty.csv', '', /The file is empty\. Add a header line/],
    ['a header only', 'header.csv', 'company_name,industry\n', /only a header\. Add one row/],
    ['a single object', 'one.json', '{"company_name":"A"}', /a single object, not an array/],
    ['an empty array', 'none.json', '[]', /The JSON array is empty\. Add one object/],
  ];
  for (const [name, fileName, content, message] of rowsFiles) {
    test(`batch names the rows file for ${name}`, async () => {
      const path = join(directory, fileName);
      await writeFile(path, content);

      const result = await runCli(batchArgs(path), withKey);

      assert.equal(result.code, exitCodeByFailure['invalid-input']);
      assert.ok(result.stderr.includes(`The rows file "${path}" cannot be used:`), result.stderr);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /Nothing was sent\./);
      assert.doesNotMatch(result.stderr, /Correct the value named above/);
      assert.equal(runPosts().length, 0);
    });
  }

  test('batch names the rows file in JSON', async () => {
    const path = join(directory, 'empty-array.json');
    await writeFile(path, '[]');

    const result = await runCli([...batchArgs(path), '--json'], withKey);
    const report = JSON.parse(result.stdout);

    assert.equal(result.code, exitCodeByFailure['invalid-input']);
    assert.equal(report.rows_file, path);
    assert.equal(report.sent, 0);
    assert.match(report.failure.message, /The JSON array is empty/);
  });

  test('batch gives a one-line array its real line', async () => {
    const path = join(directory, 'one-line.json');
    await writeFile(path, '[{"company_name":"A","industry":"B"},{"company_name":"C"}]');

    const result = await runCli(batchArgs(path), withKey);

    assert.equal(result.code, exitCodeByFailure['invalid-input']);
    assert.match(result.stderr, /Row 2 \(line 1\): Required input "industry"/);
    assert.doesNotMatch(result.stderr, /line 2/);
  });

  test('batch gives a multi-line array the line of each item', async () => {
    const path = join(directory, 'lines.json');
    await writeFile(
      path,
      '[\n  {"company_name": "A", "industry": "B"},\n\n  {"company_name": "C"}\n]\n',
    );

    const result = await runCli(batchArgs(path), withKey);

    assert.match(result.stderr, /Row 2 \(line 4\): Required input "industry"/);
  });
});

describe('hatz-tester batch --help', () => {
  test('lists every exit code batch returns', async () => {
    const result = await runCli(['batch', '--help']);
    const codes = [...result.stdout.matchAll(/^ +(\d+) {2}/gm)].map((match) => Number(match[1]));

    assert.equal(result.code, 0);
    assert.deepEqual(codes, [0, 1, 2, 14, 20, 21, 130]);
    assert.match(result.stdout, /3 to 12 or 15/);
  });
});
