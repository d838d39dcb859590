import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';

import { openHistoryStore, type HistoryStore } from '../../../core/history-store.ts';
import { encodeHistoryLine } from '../../../core/history/history-line.ts';
import { makeHistoryRecord } from '../../support/history-records.ts';

const SEGMENT = 'runs-1767225600000-0a1b2c3d.jsonl';

describe('history store', () => {
  let directory: string;
  const stores: HistoryStore[] = [];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-history-'));
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await rm(directory, { recursive: true, force: true });
  });

  async function open(options: { now?: () => Date } = {}) {
    const store = await openHistoryStore({ directory, ...options });
    stores.push(store);
    return store;
  }

  async function segmentText(): Promise<string> {
    const names = (await readdir(directory)).filter((name) => name.endsWith('.jsonl'));
    const texts = await Promise.all(names.map((name) => readFile(join(directory, name), 'utf8')));
    return texts.join('');
  }

  test('opens a missing directory as empty history', async () => {
    const store = await openHistoryStore({ directory: join(directory, 'none') });

    assert.deepEqual(store.list({}), { total: 0, entries: [] });
    assert.deepEqual(store.problems, []);
  });

  test('keeps an appended run after reopening', async () => {
    const record = makeHistoryRecord();
    const first = await open();
    await first.append(record);
    await first.close();

    const second = await open();

    assert.deepEqual(await second.get(record.id), record);
  });

  test('lists newest first with paging', async () => {
    const store = await open();
    const records = [makeHistoryRecord(), makeHistoryRecord(), makeHistoryRecord()];
    for (const record of records) await store.append(record);

    const firstPage = store.list({ offset: 0, limit: 2 });
    const secondPage = store.list({ offset: 2, limit: 2 });

    assert.equal(firstPage.total, 3);
    assert.deepEqual(
      firstPage.entries.map((entry) => entry.id),
      [records[2]!.id, records[1]!.id],
    );
    assert.deepEqual(
      secondPage.entries.map((entry) => entry.id),
      [records[0]!.id],
    );
  });

  test('sorts a run that arrives out of time order', async () => {
    const store = await open();
    const late = makeHistoryRecord({ time: '2026-03-01T00:00:00.000Z' });
    const early = makeHistoryRecord({ time: '2026-02-01T00:00:00.000Z' });
    await store.append(late);
    await store.append(early);

    const ids = store.list({}).entries.map((entry) => entry.id);

    assert.deepEqual(ids, [late.id, early.id]);
  });

  test('searches workflow name, inputs, outputs, status and request id', async () => {
    const store = await open();
    const plain = makeHistoryRecord();
    const special = makeHistoryRecord({
      request: {
        ...plain.request,
        workflowName: 'Invoice checker',
        inputsText: '{"vendor":"Zyx"}',
      },
      job: { ...plain.job!, outputs: { output: 'Total is forty-two' } },
      phase: 'failed',
      requestId: 'hwt-special-request',
    });
    await store.append(plain);
    await store.append(special);

    for (const search of [
      'invoice',
      'ZYX',
      'forty-two',
      'failed',
      'special-request',
      'checker zyx',
    ]) {
      const ids = store.list({ search }).entries.map((entry) => entry.id);
      assert.deepEqual(ids, [special.id], `search "${search}"`);
    }
    assert.equal(store.list({ search: 'invoice absent' }).total, 0);
  });

  test('searches quotes, backslashes and run ids as typed', async () => {
    const store = await open();
    const plain = makeHistoryRecord();
    const special = makeHistoryRecord({
      request: {
        ...plain.request,
        // As a user may type it: \u00e9 is an escaped é.
        inputsText: JSON.stringify({ firm: 'Smith & "Sons"', path: 'C:\\Users\\ana' }).replace(
          '}',
          ',"e":"caf\\u00e9"}',
        ),
      },
      job: { ...plain.job!, outputs: { output: { note: 'see "Annex B"' } } },
    });
    await store.append(plain);
    await store.append(special);

    for (const search of ['"sons"', '& "Sons"', 'C:\\Users\\ana', 'café', '"annex', special.id]) {
      const ids = store.list({ search }).entries.map((entry) => entry.id);
      assert.deepEqual(ids, [special.id], `search ${JSON.stringify(search)}`);
    }
  });

  test('filters by status, workflow, key and date range', async () => {
    const store = await open();
    const base = makeHistoryRecord({ time: '2026-01-10T00:00:00.000Z' });
    const failed = makeHistoryRecord({ phase: 'failed', time: '2026-01-11T00:00:00.000Z' });
    const otherWorkflow = makeHistoryRecord({
      request: { ...base.request, appId: '00000000-0000-4000-8000-000000000000' },
      time: '2026-01-12T00:00:00.000Z',
    });
    const otherKey = makeHistoryRecord({
      key: { label: 'Other', lastFour: 'abcd' },
      time: '2026-01-13T00:00:00.000Z',
    });
    for (const record of [base, failed, otherWorkflow, otherKey]) await store.append(record);

    const ids = (filter: Parameters<HistoryStore['list']>[0]) =>
      store.list(filter).entries.map((entry) => entry.id);

    assert.deepEqual(ids({ phase: 'failed' }), [failed.id]);
    assert.deepEqual(ids({ appId: otherWorkflow.request.appId }), [otherWorkflow.id]);
    assert.deepEqual(ids({ keyLastFour: 'abcd' }), [otherKey.id]);
    assert.deepEqual(ids({ from: '2026-01-11', to: '2026-01-13' }), [otherWorkflow.id, failed.id]);
  });

  test('lists the workflows and keys in history', async () => {
    const store = await open();
    await store.append(makeHistoryRecord());
    await store.append(makeHistoryRecord({ key: { label: 'Other', lastFour: 'abcd' } }));

    const facets = store.listFacets();

    assert.deepEqual(facets.workflows, [
      { appId: '2cfc529e-6fd9-4a82-8f27-87b6f395c930', name: 'Company research brief' },
    ]);
    assert.deepEqual(facets.keys, [
      { label: 'Saved key', lastFour: 'wxyz' },
      { label: 'Other', lastFour: 'abcd' },
    ]);
  });

  test('deletes a run and restores it', async () => {
    const store = await open();
    const record = makeHistoryRecord();
    await store.append(record);

    const deleted = await store.delete([record.id, 'unknown']);
    const afterDelete = store.list({}).total;
    const restored = await store.restore([record.id]);

    assert.equal(deleted, 1);
    assert.equal(afterDelete, 0);
    assert.equal(restored, 1);
    assert.equal(store.list({}).total, 1);
  });

  test('keeps deletes and pins after reopening', async () => {
    const first = await open();
    const kept = makeHistoryRecord();
    const gone = makeHistoryRecord();
    await first.append(kept);
    await first.append(gone);
    await first.pin(kept.id, true);
    await first.delete([gone.id]);
    await first.close();

    const second = await open();

    assert.deepEqual(
      second.list({}).entries.map((entry) => [entry.id, entry.pinned]),
      [[kept.id, true]],
    );
    assert.equal((await second.get(kept.id))?.pinned, true);
    assert.equal(await second.get(gone.id), undefined);
  });

  test('clears unpinned runs and compacts the files', async () => {
    const store = await open();
    const pinned = makeHistoryRecord();
    await store.append(pinned);
    await store.append(makeHistoryRecord());
    await store.pin(pinned.id, true);

    const cleared = await store.clear({ keepPinned: true });
    await store.close();
    const reopened = await open();

    assert.equal(cleared, 1);
    assert.deepEqual(
      reopened.list({}).entries.map((entry) => entry.id),
      [pinned.id],
    );
    assert.equal((await reopened.get(pinned.id))?.pinned, true);
    assert.equal((await segmentText()).split('\n').filter((line) => line !== '').length, 1);
  });

  test('clears everything, pinned runs too, when asked', async () => {
    const store = await open();
    const pinned = makeHistoryRecord();
    await store.append(pinned);
    await store.pin(pinned.id, true);

    await store.clear({ keepPinned: false });

    assert.equal(store.list({}).total, 0);
    assert.equal(await segmentText(), '');
  });

  test('keeps a pin made after compaction', async () => {
    const first = await open();
    const record = makeHistoryRecord();
    await first.append(record);
    await first.compact();
    await first.pin(record.id, true);
    await first.close();

    const second = await open();

    assert.equal(second.list({}).entries[0]?.pinned, true);
  });

  test('keeps at most the retained number of runs, pinned ones aside', async () => {
    const store = await open();
    const records = Array.from({ length: 5 }, () => makeHistoryRecord());
    for (const record of records) await store.append(record);
    await store.pin(records[0]!.id, true);

    await store.setRetention({ maxRuns: 3, maxAgeDays: null });

    assert.deepEqual(
      store.list({}).entries.map((entry) => entry.id),
      [records[4]!.id, records[3]!.id, records[0]!.id],
    );
  });

  test('deletes runs older than the retained age', async () => {
    const now = new Date('2026-02-01T00:00:00.000Z');
    const store = await open({ now: () => now });
    const old = makeHistoryRecord({ time: '2026-01-01T00:00:00.000Z' });
    const recent = makeHistoryRecord({ time: '2026-01-30T00:00:00.000Z' });
    await store.append(old);
    await store.append(recent);

    await store.setRetention({ maxRuns: null, maxAgeDays: 7 });

    assert.deepEqual(
      store.list({}).entries.map((entry) => entry.id),
      [recent.id],
    );
  });

  test('applies a saved retention on open', async () => {
    const first = await open();
    for (let index = 0; index < 4; index++) await first.append(makeHistoryRecord());
    await first.setRetention({ maxRuns: 2, maxAgeDays: null });
    await first.close();

    const second = await open();

    assert.deepEqual(second.getRetention(), { maxRuns: 2, maxAgeDays: null });
    assert.equal(second.list({}).total, 2);
  });

  test('applies retention after each append', async () => {
    const store = await open();
    await store.setRetention({ maxRuns: 2, maxAgeDays: null });

    for (let index = 0; index < 5; index++) await store.append(makeHistoryRecord());

    assert.equal(store.list({}).total, 2);
  });

  test('rejects an invalid retention', async () => {
    const store = await open();

    await assert.rejects(store.setRetention({ maxRuns: 0, maxAgeDays: null }));
    assert.deepEqual(store.getRetention(), { maxRuns: 100_000, maxAgeDays: null });
  });

  test('skips and reports a torn last line', async () => {
    const complete = makeHistoryRecord();
    const torn = encodeHistoryLine({ type: 'run', record: makeHistoryRecord() });
    await writeFile(
      join(directory, SEGMENT),
      encodeHistoryLine({ type: 'run', record: complete }) + torn.slice(0, torn.length / 2),
    );

    const store = await open();

    assert.deepEqual(
      store.list({}).entries.map((entry) => entry.id),
      [complete.id],
    );
    assert.equal(store.problems.length, 1);
    assert.match(store.problems[0]!, /incomplete last line/);
  });

  test('appends after a torn line without joining it', async () => {
    const torn = encodeHistoryLine({ type: 'run', record: makeHistoryRecord() });
    await writeFile(join(directory, SEGMENT), torn.slice(0, 40));
    const first = await open();
    const record = makeHistoryRecord();
    await first.append(record);
    await first.close();

    const second = await open();

    assert.deepEqual(
      second.list({}).entries.map((entry) => entry.id),
      [record.id],
    );
  });

  test('skips and reports an unreadable line among good ones', async () => {
    const records = [makeHistoryRecord(), makeHistoryRecord(), makeHistoryRecord()];
    const lines = records.map((record) => encodeHistoryLine({ type: 'run', record }));
    await writeFile(
      join(directory, SEGMENT),
      `${lines[0]}{"format":1,"type":"run"\n${lines[1]}${lines[2]}`,
    );

    const store = await open();

    assert.equal(store.list({}).total, 3);
    assert.match(store.problems.join('\n'), /skipped 1 unreadable line/);
  });

  test('moves a corrupt file aside with a message', async () => {
    const good = makeHistoryRecord();
    await writeFile(
      join(directory, 'runs-1767225600001-0a1b2c3d.jsonl'),
      encodeHistoryLine({ type: 'run', record: good }),
    );
    await writeFile(join(directory, SEGMENT), Buffer.from([0xff, 0x00, 0x10, 0x0a, 0x80, 0x0a]));

    const store = await open();
    const corrupt = await readdir(join(directory, 'corrupt'));

    assert.deepEqual(
      store.list({}).entries.map((entry) => entry.id),
      [good.id],
    );
    assert.equal(corrupt.length, 1);
    assert.match(corrupt[0]!, new RegExp(`^${SEGMENT}\\.`));
    assert.match(store.problems.join('\n'), /moved to .*corrupt/);
  });

  test('reads a run written by an older version', async () => {
    const oldLine = JSON.stringify({
      id: 'old-run',
      time: '2025-06-01T10:00:00.000Z',
      request: { appId: '2cfc529e-6fd9-4a82-8f27-87b6f395c930', inputsText: '{"a":1}' },
      phase: 'completed',
      job: { unexpected: true },
    });
    await writeFile(join(directory, SEGMENT), `${oldLine}\n`);

    const store = await open();
    const record = await store.get('old-run');

    assert.equal(store.list({}).total, 1);
    assert.equal(record?.request.inputsText, '{"a":1}');
    assert.equal(record?.request.workflowName, '');
    assert.equal(record?.pinned, false);
    assert.equal(record?.key, null);
    assert.equal(record?.job, undefined);
    assert.deepEqual(store.problems, []);
  });

  test('reads a line of a newer format as far as it knows it', async () => {
    const record = makeHistoryRecord();
    const line = JSON.stringify({ format: 99, type: 'run', record: { ...record, extra: 'field' } });
    await writeFile(join(directory, SEGMENT), `${line}\n`);

    const store = await open();

    assert.equal((await store.get(record.id))?.request.inputsText, record.request.inputsText);
  });

  test('sees runs that another process appended after opening', async () => {
    const app = await open();
    const cli = await open();
    const record = makeHistoryRecord();
    await cli.append(record);

    await app.refresh();

    assert.equal(app.list({}).entries[0]?.id, record.id);
  });

  test('keeps runs of two writers in separate files', async () => {
    const app = await open();
    const cli = await open();

    await app.append(makeHistoryRecord());
    await cli.append(makeHistoryRecord());

    const names = (await readdir(directory)).filter((name) => name.endsWith('.jsonl'));
    assert.equal(names.length, 2);
  });

  test('compacts away deleted runs and keeps the rest readable', async () => {
    const store = await open();
    const kept = makeHistoryRecord();
    const gone = makeHistoryRecord();
    await store.append(kept);
    await store.append(gone);
    await store.delete([gone.id]);

    await store.compact();

    assert.deepEqual(await store.get(kept.id), kept);
    assert.doesNotMatch(await segmentText(), new RegExp(gone.id));
  });

  test('reads one run once when compaction left a duplicate', async () => {
    const record = makeHistoryRecord();
    const line = encodeHistoryLine({ type: 'run', record });
    await writeFile(join(directory, SEGMENT), line);
    await writeFile(join(directory, 'runs-1767225600005-0a1b2c3d.jsonl'), line);

    const store = await open();

    assert.equal(store.list({}).total, 1);
  });

  test('ignores files that are not segments', async () => {
    await mkdir(directory, { recursive: true });
    await writeFile(join(directory, 'notes.txt'), 'not history');
    await appendFile(join(directory, 'runs-x.jsonl'), 'garbage\n');

    const store = await open();

    assert.equal(store.list({}).total, 0);
    assert.deepEqual(store.problems, []);
  });

  test('loses at most the run being written when its writer is killed', async () => {
    // Each round kills the writer after a random number of appends, so the kill lands at a
    // different point of a write each time.
    for (let round = 0; round < 10; round++) {
      const history = join(directory, `killed-${round}`);
      const killAfter = 1 + Math.floor(Math.random() * 8);
      const child = spawn(process.execPath, [
        '--import',
        'tsx',
        'test/support/history-writer-child.ts',
        history,
      ]);
      const appended: string[] = [];
      let output = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const lines = output.split('\n');
          output = lines.pop() ?? '';
          for (const line of lines) appended.push(line.replace('appended ', ''));
          if (appended.length >= killAfter) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.on('exit', (code, signal) => {
          if (signal !== 'SIGKILL') reject(new Error(`writer exited early with ${code}`));
        });
      });
      await new Promise((resolve) => child.once('close', resolve));

      const store = await openHistoryStore({ directory: history });
      stores.push(store);
      const ids = new Set(store.list({ limit: 1000 }).entries.map((entry) => entry.id));

      for (const id of appended)
        assert.equal(ids.has(id), true, `round ${round}: run ${id} is kept`);
      assert.ok(
        ids.size <= appended.length + 1,
        `round ${round}: ${ids.size} runs for ${appended.length} appends`,
      );
      assert.ok(store.problems.length <= 1, store.problems.join('\n'));
      assert.doesNotMatch(store.problems.join('\n'), /moved to/);
      for (const id of ids) assert.notEqual(await store.get(id), undefined, `run ${id} reads`);
    }
  });
});
