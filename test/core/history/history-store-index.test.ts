import assert from 'node:assert/strict';
import { appendFile, copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';

import { encodeHistoryLine } from '../../../core/history/history-line.ts';
import type { HistoryRecord } from '../../../core/history/history-record.ts';
import { SEGMENT_BOUNDS_FILE } from '../../../core/history/segment-bounds.ts';
import { openHistoryStore, type HistoryStore } from '../../../core/history-store.ts';
import { makeHistoryRecord } from '../../support/history-records.ts';
import { makeLargeHistoryRecords, writeHistorySegments } from '../../support/history-segments.ts';

/**
 * Enough runs of about 24 KB for 29 blocks of 512 KiB, so opening with background indexing
 * leaves most blocks unread when it resolves.
 */
const LARGE_COUNT = 600;
const LARGE_INPUT_BYTES = 24 * 1024;

describe('history store index', () => {
  let directory: string;
  const stores: HistoryStore[] = [];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-history-index-'));
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await rm(directory, { recursive: true, force: true });
  });

  async function open(options: { isIndexedInBackground?: boolean; now?: () => Date } = {}) {
    const store = await openHistoryStore({ directory, ...options });
    stores.push(store);
    return store;
  }

  /** Writes a large history and opens and closes it once, which writes the sidecar file. */
  async function writeLargeHistory(): Promise<HistoryRecord[]> {
    const records = makeLargeHistoryRecords(LARGE_COUNT, LARGE_INPUT_BYTES);
    await writeHistorySegments(directory, records);
    const store = await openHistoryStore({ directory });
    await store.close();
    return records;
  }

  function newestIds(records: HistoryRecord[], count: number): string[] {
    return records
      .slice(-count)
      .map((record) => record.id)
      .reverse();
  }

  async function readBoundsFile(): Promise<{ version: number; segments: Record<string, unknown> }> {
    return JSON.parse(await readFile(join(directory, SEGMENT_BOUNDS_FILE), 'utf8'));
  }

  test('background open serves newest page before full index', async () => {
    const records = await writeLargeHistory();

    const store = await open({ isIndexedInBackground: true });
    const isCompleteAtOpen = store.isIndexComplete();
    const page = store.list({ offset: 0, limit: 50 });
    await store.whenIndexed();

    assert.equal(isCompleteAtOpen, false);
    assert.deepEqual(
      page.entries.map((entry) => entry.id),
      newestIds(records, 50),
    );
    assert.equal(store.isIndexComplete(), true);
    assert.equal(store.list({}).total, LARGE_COUNT);
    assert.deepEqual(store.problems, []);
  });

  test('background open finds an old run by search once indexed', async () => {
    const records = await writeLargeHistory();
    const oldest = records[0]!;

    const store = await open({ isIndexedInBackground: true });
    await store.whenIndexed();
    const found = store.list({ search: oldest.requestId });

    assert.deepEqual(
      found.entries.map((entry) => entry.id),
      [oldest.id],
    );
  });

  test('background open applies updates written after the sidecar file', async () => {
    const records = await writeLargeHistory();
    const boundsCopy = join(directory, 'bounds-copy.json');
    await copyFile(join(directory, SEGMENT_BOUNDS_FILE), boundsCopy);
    const [oldest, secondOldest] = records;
    const [newest, secondNewest] = records.slice(-2).reverse();
    const writer = await openHistoryStore({ directory });
    await writer.pin(newest!.id, true);
    await writer.delete([secondNewest!.id]);
    await writer.pin(oldest!.id, true);
    await writer.delete([secondOldest!.id]);
    await writer.close();
    // As after a crash before the sidecar file was saved again.
    await copyFile(boundsCopy, join(directory, SEGMENT_BOUNDS_FILE));

    const store = await open({ isIndexedInBackground: true });
    const page = store.list({ offset: 0, limit: 50 });
    await store.whenIndexed();

    assert.equal(page.entries[0]?.id, newest!.id);
    assert.equal(page.entries[0]?.pinned, true);
    assert.equal(
      page.entries.some((entry) => entry.id === secondNewest!.id),
      false,
    );
    assert.equal((await store.get(oldest!.id))?.pinned, true);
    assert.equal(await store.get(secondOldest!.id), undefined);
    assert.equal(store.list({}).total, LARGE_COUNT - 2);
  });

  test('get waits for an old run during background indexing', async () => {
    const records = await writeLargeHistory();
    const store = await open({ isIndexedInBackground: true });

    const record = await store.get(records[0]!.id);

    assert.equal(record?.id, records[0]!.id);
    assert.equal(record?.request.inputsText, records[0]!.request.inputsText);
  });

  test('clear waits for the background index', async () => {
    await writeLargeHistory();
    const store = await open({ isIndexedInBackground: true });

    const cleared = await store.clear({ keepPinned: false });

    assert.equal(cleared, LARGE_COUNT);
    assert.equal(store.list({}).total, 0);
  });

  test('close stops background indexing without losing runs', async () => {
    await writeLargeHistory();
    const early = await openHistoryStore({ directory, isIndexedInBackground: true });

    await early.close();
    const reopened = await open();

    assert.equal(early.isIndexComplete(), false);
    assert.equal(reopened.list({}).total, LARGE_COUNT);
  });

  test('background open applies retention once indexed', async () => {
    const records = Array.from({ length: 5 }, () => makeHistoryRecord());
    await writeHistorySegments(directory, records);
    await writeFile(join(directory, 'retention.json'), '{"maxRuns":2,"maxAgeDays":null}\n');

    const store = await open({ isIndexedInBackground: true });
    await store.whenIndexed();

    assert.deepEqual(
      store.list({}).entries.map((entry) => entry.id),
      newestIds(records, 2),
    );
  });

  test('sidecar file written after a full index', async () => {
    const [name] = await writeHistorySegments(directory, [makeHistoryRecord()]);

    const store = await open();
    await store.close();
    const bounds = await readBoundsFile();

    assert.equal(bounds.version, 1);
    assert.deepEqual(Object.keys(bounds.segments), [name]);
  });

  test('corrupt sidecar file is ignored and rewritten', async () => {
    const records = [makeHistoryRecord(), makeHistoryRecord(), makeHistoryRecord()];
    const [name] = await writeHistorySegments(directory, records);
    await writeFile(join(directory, SEGMENT_BOUNDS_FILE), '{"version":1,"segm');

    const store = await open({ isIndexedInBackground: true });
    const page = store.list({});
    await store.close();
    const bounds = await readBoundsFile();

    assert.deepEqual(
      page.entries.map((entry) => entry.id),
      newestIds(records, 3),
    );
    assert.deepEqual(store.problems, []);
    assert.deepEqual(Object.keys(bounds.segments), [name]);
  });

  test('sidecar file of another version is ignored', async () => {
    const records = [makeHistoryRecord(), makeHistoryRecord()];
    const [name] = await writeHistorySegments(directory, records);
    const otherVersion = { version: 2, segments: { [name!]: [[1, null]] } };
    await writeFile(join(directory, SEGMENT_BOUNDS_FILE), JSON.stringify(otherVersion));

    const store = await open({ isIndexedInBackground: true });
    const total = store.list({}).total;
    await store.close();
    const bounds = await readBoundsFile();

    assert.equal(total, 2);
    assert.equal(bounds.version, 1);
  });

  test('stale sidecar entry past a segment end is ignored', async () => {
    const records = [makeHistoryRecord(), makeHistoryRecord()];
    const [name] = await writeHistorySegments(directory, records);
    const { size } = await stat(join(directory, name!));
    const stale = { version: 1, segments: { [name!]: [[size + 100, '2020-01-01T00:00:00.000Z']] } };
    await writeFile(join(directory, SEGMENT_BOUNDS_FILE), JSON.stringify(stale));

    const store = await open({ isIndexedInBackground: true });
    const page = store.list({});

    assert.deepEqual(
      page.entries.map((entry) => entry.id),
      newestIds(records, 2),
    );
    assert.deepEqual(store.problems, []);
  });

  test('sidecar block that splits a line is reread whole', async () => {
    const records = [makeHistoryRecord(), makeHistoryRecord(), makeHistoryRecord()];
    const [name] = await writeHistorySegments(directory, records);
    const { size } = await stat(join(directory, name!));
    const firstLineBytes = Buffer.byteLength(
      encodeHistoryLine({ type: 'run', record: records[0]! }),
    );
    // The first block ends in the middle of the second line, and the second block claims no run,
    // so only rereading the segment from its start finds the newest run.
    const misplaced = {
      version: 1,
      segments: {
        [name!]: [
          [firstLineBytes + 10, records[1]!.time],
          [size, null],
        ],
      },
    };
    await writeFile(join(directory, SEGMENT_BOUNDS_FILE), JSON.stringify(misplaced));

    const store = await open();

    assert.deepEqual(
      store.list({}).entries.map((entry) => entry.id),
      newestIds(records, 3),
    );
    assert.deepEqual(store.problems, []);
  });

  test('torn line written after the sidecar file is reported', async () => {
    const record = makeHistoryRecord();
    const [name] = await writeHistorySegments(directory, [record]);
    const first = await openHistoryStore({ directory });
    await first.close();
    const torn = encodeHistoryLine({ type: 'run', record: makeHistoryRecord() });
    await appendFile(join(directory, name!), torn.slice(0, torn.length / 2));

    const store = await open({ isIndexedInBackground: true });

    assert.deepEqual(
      store.list({}).entries.map((entry) => entry.id),
      [record.id],
    );
    assert.equal(store.problems.length, 1);
    assert.match(store.problems[0]!, /incomplete last line/);
  });

  test('runs appended after the sidecar file are read on open', async () => {
    const first = await open();
    const before = makeHistoryRecord();
    await first.append(before);
    await first.close();
    const boundsCopy = join(directory, 'bounds-copy.json');
    await copyFile(join(directory, SEGMENT_BOUNDS_FILE), boundsCopy);
    const second = await openHistoryStore({ directory });
    const after = makeHistoryRecord();
    await second.append(after);
    await second.close();
    await copyFile(boundsCopy, join(directory, SEGMENT_BOUNDS_FILE));

    const store = await open({ isIndexedInBackground: true });

    assert.deepEqual(
      store.list({}).entries.map((entry) => entry.id),
      [after.id, before.id],
    );
  });

  test('pin of a run in a newer segment survives reopening', async () => {
    const start = new Date('2026-03-01T00:00:00.000Z').getTime();
    const app = await open({ now: () => new Date(start) });
    await app.append(makeHistoryRecord());
    const cli = await open({ now: () => new Date(start + 60_000) });
    const cliRun = makeHistoryRecord();
    await cli.append(cliRun);
    await app.refresh();

    await app.pin(cliRun.id, true);
    await app.close();
    await cli.close();
    const reopened = await open();

    assert.equal((await reopened.get(cliRun.id))?.pinned, true);
  });

  test('delete of a run in a newer segment survives reopening', async () => {
    const start = new Date('2026-03-01T00:00:00.000Z').getTime();
    const app = await open({ now: () => new Date(start) });
    await app.append(makeHistoryRecord());
    const cli = await open({ now: () => new Date(start + 60_000) });
    const cliRun = makeHistoryRecord();
    await cli.append(cliRun);
    await app.refresh();

    const deleted = await app.delete([cliRun.id]);
    await app.close();
    await cli.close();
    const reopened = await open();

    assert.equal(deleted, 1);
    assert.equal(await reopened.get(cliRun.id), undefined);
    assert.equal(reopened.list({}).total, 1);
  });
});
