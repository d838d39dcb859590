import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';

import { readRate } from '../../cli/commands/batch.ts';
import { EXIT_BATCH_ROWS_FAILED, exitCodeByFailure, EXIT_USAGE } from '../../cli/exit-codes.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { runCli } from '../support/run-cli.ts';

describe('hatz-tester batch and list', () => {
  let emulator: RunningEmulator;
  let directory: string;
  const withKey = { HATZ_API_KEY: PRACTICE_KEY };

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.01 });
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-batch-'));
  });
  after(async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });
  beforeEach(() => emulator.stats.reset());

  async function rowsFile(name: string, text: string): Promise<string> {
    const path = join(directory, name);
    await writeFile(path, text);
    return path;
  }

  const batchArgs = (appId: string, rows: string) => [
    'batch',
    '--base-url',
    emulator.url,
    '--app-id',
    appId,
    '--rows',
    rows,
    '--poll-interval',
    '0.02',
  ];
  const runPosts = () =>
    emulator.stats.requests.filter((r) => r.method === 'POST' && r.path === '/v1/workflows/run');

  test('batch runs every row and exits 0', async () => {
    const rows = await rowsFile('ok.csv', 'company_name;industry\nAcme;Tech\nBeta;Retail\n');

    const result = await runCli(
      [...batchArgs(SAMPLE_WORKFLOW_IDS.companyBrief, rows), '--wait', '--json'],
      withKey,
    );
    const report = JSON.parse(result.stdout);

    assert.equal(result.code, 0);
    assert.equal(report.counts.completed, 2);
    assert.equal(report.results[1].row, 2);
    assert.match(report.results[1].output_summary, /Beta/);
    assert.doesNotMatch(result.stdout + result.stderr, new RegExp(PRACTICE_KEY));
  });

  test('batch keeps each run in history under one batch id', async () => {
    const rows = await rowsFile('history.csv', 'company_name,industry\nGamma,Tech\nDelta,Retail\n');
    const dataDirectory = join(directory, 'data');

    await runCli(
      [...batchArgs(SAMPLE_WORKFLOW_IDS.companyBrief, rows), '--wait', '--data-dir', dataDirectory],
      withKey,
    );
    const history = await runCli(['history', '--json', '--data-dir', dataDirectory]);
    const runs: Array<{ batchId?: string; batch_id?: string }> = JSON.parse(history.stdout).runs;
    const batchIds = new Set(runs.map((run) => run.batchId ?? run.batch_id));

    assert.equal(runs.length, 2);
    assert.equal(batchIds.size, 1);
    assert.notEqual([...batchIds][0], undefined);
    assert.doesNotMatch(history.stdout, new RegExp(PRACTICE_KEY));
  });

  test('batch keeps the workflow name in history', async () => {
    const rows = await rowsFile('named.csv', 'company_name,industry\nEpsilon,Tech\nZeta,Retail\n');
    const dataDirectory = join(directory, 'named-data');

    await runCli(
      [...batchArgs(SAMPLE_WORKFLOW_IDS.companyBrief, rows), '--wait', '--data-dir', dataDirectory],
      withKey,
    );
    const history = await runCli(['history', '--json', '--data-dir', dataDirectory]);
    const runs: Array<{ workflow_name: string }> = JSON.parse(history.stdout).runs;

    assert.equal(runs.length, 2);
    assert.equal(runs[0]?.workflow_name, 'Company research brief');
    assert.equal(runs[1]?.workflow_name, 'Company research brief');
  });

  test('batch prints a plain line per row when stdout is not a terminal', async () => {
    const rows = await rowsFile('plain.csv', 'company_name,industry\nAcme,Tech\n');

    const result = await runCli(
      [...batchArgs(SAMPLE_WORKFLOW_IDS.companyBrief, rows), '--wait'],
      withKey,
    );

    assert.equal(result.code, 0);
    assert.match(result.stderr, /Sending 1 run;/);
    assert.match(result.stdout, /^row 1 completed \(job complete\)/m);
    assert.match(result.stdout, /Batch finished: 1 of 1 row \(/);
    assert.doesNotMatch(result.stdout, /\r/);
  });

  test('batch exits with its own code when rows fail', async () => {
    const rows = await rowsFile('invoices.jsonl', '{"invoice_text":"a"}\n{"invoice_text":"b"}\n');
    const out = join(directory, 'results.csv');

    const result = await runCli(
      [...batchArgs(SAMPLE_WORKFLOW_IDS.invoiceExtraction, rows), '--wait', '--out', out],
      withKey,
    );
    const csv = await readFile(out, 'utf8');

    assert.equal(result.code, EXIT_BATCH_ROWS_FAILED);
    assert.match(csv, /^row,status,job_status/);
    assert.equal(csv.split('\r\n').filter((line) => line.includes(',failed,')).length, 2);
  });

  test('batch sends nothing when a row has problems', async () => {
    const rows = await rowsFile('bad.csv', 'company_name,industry\nAcme,\nBeta,Retail\n');

    const result = await runCli(batchArgs(SAMPLE_WORKFLOW_IDS.companyBrief, rows), withKey);

    assert.equal(result.code, exitCodeByFailure['invalid-input']);
    assert.match(result.stderr, /Row 1 \(line 2\): Required input "industry" is empty/);
    assert.equal(runPosts().length, 0);
  });

  test('batch lists the first 100 rows with problems', async () => {
    const badRows = Array.from({ length: 250 }, (_, index) => `Company ${index},`).join('\n');
    const rows = await rowsFile('many-bad.csv', `company_name,industry\n${badRows}\n`);

    const result = await runCli(batchArgs(SAMPLE_WORKFLOW_IDS.companyBrief, rows), withKey);
    const rowLines = result.stderr.split('\n').filter((line) => line.startsWith('Row '));

    assert.equal(result.code, exitCodeByFailure['invalid-input']);
    assert.match(result.stderr, /^250 rows have problems:/m);
    assert.equal(rowLines.length, 100);
    assert.match(result.stderr, /… and 150 more rows with problems; --json lists them all\./);
  });

  test('batch skips rows with problems when asked', async () => {
    const rows = await rowsFile('skip.csv', 'company_name,industry\nAcme,\nBeta,Retail\n');

    const result = await runCli(
      [...batchArgs(SAMPLE_WORKFLOW_IDS.companyBrief, rows), '--skip-invalid', '--json'],
      withKey,
    );

    assert.equal(result.code, EXIT_BATCH_ROWS_FAILED);
    assert.equal(JSON.parse(result.stdout).counts.skipped, 1);
    assert.equal(runPosts().length, 1);
  });

  test('batch applies --map to a misspelled column', async () => {
    const rows = await rowsFile('map.csv', 'Company Name,industry\nAcme,Tech\n');

    const plain = await runCli(batchArgs(SAMPLE_WORKFLOW_IDS.companyBrief, rows), withKey);
    const mapped = await runCli(
      [...batchArgs(SAMPLE_WORKFLOW_IDS.companyBrief, rows), '--map', 'Company Name=company_name'],
      withKey,
    );

    assert.match(plain.stderr, /--map "Company Name=company_name"/);
    assert.equal(plain.code, exitCodeByFailure['invalid-input']);
    assert.equal(mapped.code, 0);
  });

  test('batch reads the key from standard input', async () => {
    const rows = await rowsFile('stdin.csv', 'company_name,industry\nAcme,Tech\n');

    const result = await runCli(
      [...batchArgs(SAMPLE_WORKFLOW_IDS.companyBrief, rows), '--key-stdin'],
      {},
      `${PRACTICE_KEY}\n`,
    );

    assert.equal(result.code, 0);
  });

  test('batch refuses to write results over the rows file', async () => {
    const rows = await rowsFile('same.csv', 'company_name,industry\nAcme,Tech\n');

    const result = await runCli(
      [...batchArgs(SAMPLE_WORKFLOW_IDS.companyBrief, rows), '--out', rows],
      withKey,
    );

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /is the rows file/);
    assert.equal(await readFile(rows, 'utf8'), 'company_name,industry\nAcme,Tech\n');
    assert.equal(runPosts().length, 0);
  });

  test('batch rejects an invalid rate', async () => {
    const result = await runCli(
      ['batch', '--app-id', 'x', '--rows', 'y', '--rate', 'fast'],
      withKey,
    );

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /--rate "fast"/);
  });

  test('batch names an unknown workflow', async () => {
    const rows = await rowsFile('unknown.csv', 'a\n1\n');

    const result = await runCli(batchArgs('00000000-0000-4000-8000-000000000000', rows), withKey);

    assert.equal(result.code, exitCodeByFailure['unknown-workflow']);
  });

  test('list prints workflows as JSON', async () => {
    const result = await runCli(['list', '--base-url', emulator.url, '--json'], withKey);
    const names = JSON.parse(result.stdout).workflows.map((w: { name: string }) => w.name);

    assert.equal(result.code, 0);
    assert.ok(names.includes('Company research brief'));
  });

  test('list filters by --search', async () => {
    const result = await runCli(
      ['list', '--base-url', emulator.url, '--search', 'invoice'],
      withKey,
    );

    assert.equal(result.code, 0);
    assert.match(result.stdout, /Invoice line items/);
    assert.doesNotMatch(result.stdout, /Company research brief/);
  });

  test('readRate reads units', () => {
    assert.equal(readRate('30'), 30);
    assert.equal(readRate('30/min'), 30);
    assert.equal(readRate('1/s'), 60);
    assert.equal(readRate('120/h'), 2);
    assert.throws(() => readRate('0/min'));
    assert.throws(() => readRate('5/week'));
  });
});
