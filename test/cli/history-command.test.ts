import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { EXIT_USAGE } from '../../cli/exit-codes.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { runCli } from '../support/run-cli.ts';

describe('hatz-tester history and rerun', () => {
  let emulator: RunningEmulator;
  let directory: string;
  let dataDirectory: string;
  let acmeRunId: string;

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.02 });
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-cli-history-'));
    dataDirectory = join(directory, 'data');
    for (const company of ['Acme Corporation', 'Globex']) {
      const result = await runCli(
        [
          'run',
          '--base-url',
          emulator.url,
          '--app-id',
          SAMPLE_WORKFLOW_IDS.companyBrief,
          '--inputs',
          JSON.stringify({ company_name: company, industry: 'Technology' }),
          '--wait',
          '--json',
          '--poll-interval',
          '0.05',
          '--workflow-name',
          'Company research brief',
          '--data-dir',
          dataDirectory,
        ],
        { HATZ_API_KEY: PRACTICE_KEY },
      );
      assert.equal(result.code, 0, result.stderr);
      if (company === 'Acme Corporation') acmeRunId = JSON.parse(result.stdout).run_id;
    }
  });
  after(async () => {
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  test('history lists CLI runs newest first', async () => {
    const result = await runCli(['history', '--json', '--data-dir', dataDirectory]);
    const report = JSON.parse(result.stdout);

    assert.equal(result.code, 0);
    assert.equal(report.total, 2);
    assert.equal(report.runs[1].id, acmeRunId);
    assert.equal(report.runs[0].source, 'cli');
    assert.equal(report.runs[0].key_label, 'HATZ_API_KEY');
  });

  test('history finds a run by an output word', async () => {
    const result = await runCli([
      'history',
      '--search',
      'acme',
      '--json',
      '--data-dir',
      dataDirectory,
    ]);
    const report = JSON.parse(result.stdout);

    assert.deepEqual(
      report.runs.map((run: { id: string }) => run.id),
      [acmeRunId],
    );
  });

  test('history prints one line per run', async () => {
    const result = await runCli(['history', '--data-dir', dataDirectory]);
    const lines = result.stdout.trim().split('\n');

    assert.equal(lines.length, 4);
    assert.match(lines[0] ?? '', /^TIME +OUTCOME +HTTP +WORKFLOW +REQUEST ID +RUN ID$/);
    assert.match(lines[1] ?? '', /completed +200 +Company research brief/);
    assert.match(lines[2] ?? '', /completed +200 +Company research brief/);
    assert.equal(lines[3], 'Listed 2 runs.');
  });

  test('history rejects an unknown status', async () => {
    const result = await runCli(['history', '--status', 'done', '--data-dir', dataDirectory]);

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /--status "done"/);
  });

  test('rerun keeps the key from a host it was not set for', async () => {
    const result = await runCli(['rerun', acmeRunId, '--data-dir', dataDirectory], {
      HATZ_API_KEY: PRACTICE_KEY,
    });

    assert.equal(result.code, 2);
    assert.match(result.stderr, /but the key in HATZ_API_KEY is for https:\/\/ai\.hatz\.ai/);
  });

  test('rerun sends a kept request again and keeps it', async () => {
    const before = emulator.stats.requests.filter((r) => r.path === '/v1/workflows/run').length;

    const result = await runCli(
      ['rerun', acmeRunId, '--json', '--poll-interval', '0.05', '--data-dir', dataDirectory],
      { HATZ_API_KEY: PRACTICE_KEY, HATZ_BASE_URL: emulator.url },
    );
    const report = JSON.parse(result.stdout);
    const listed = JSON.parse(
      (await runCli(['history', '--search', 'acme', '--json', '--data-dir', dataDirectory])).stdout,
    );

    assert.equal(result.code, 0, result.stderr);
    assert.equal(report.phase, 'completed');
    assert.match(JSON.stringify(report.outputs), /Acme Corporation/);
    assert.equal(
      emulator.stats.requests.filter((r) => r.path === '/v1/workflows/run').length,
      before + 1,
    );
    assert.equal(listed.total, 2);
  });

  test('rerun names an unknown id', async () => {
    const result = await runCli(['rerun', 'no-such-run', '--data-dir', dataDirectory], {
      HATZ_API_KEY: PRACTICE_KEY,
    });

    assert.equal(result.code, EXIT_USAGE);
    assert.match(result.stderr, /No run "no-such-run"/);
  });

  test('history files never contain the key', async () => {
    const names = await readdir(join(dataDirectory, 'history'));
    const texts = await Promise.all(
      names.map((name) => readFile(join(dataDirectory, 'history', name), 'utf8')),
    );

    assert.doesNotMatch(texts.join('\n'), new RegExp(PRACTICE_KEY));
  });
});
