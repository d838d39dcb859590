import { randomBytes } from 'node:crypto';
import {
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  type FileHandle,
} from 'node:fs/promises';
import { join } from 'node:path';

import { decodeHistoryLine, encodeHistoryLine, type HistoryLine } from './history/history-line.ts';
import type { HistoryRecord } from './history/history-record.ts';
import {
  matchesFilter,
  searchWords,
  summarizeRecord,
  type HistoryFilter,
  type HistorySummary,
  type IndexedSummary,
} from './history/history-summary.ts';
import { defaultRetention, retentionSchema, type Retention } from './history/retention.ts';
import { splitSegmentLines } from './history/segment-lines.ts';

export interface HistoryStoreOptions {
  /** Directory of the history's files, created on the first write. */
  directory: string;
  /**
   * Flushes each write to the disk before it resolves, so a power loss loses at most the run
   * being written. Benchmarks and bulk imports may turn it off. Default true.
   */
  isDurable?: boolean;
  /** A segment file that grows past this size is closed and a new one started. */
  maxSegmentBytes?: number;
  /**
   * Compacts on open when many lines are dead. Short-lived processes such as the CLI turn it off,
   * so they never replace a segment that the running app is appending to. Default true.
   */
  isCompactedOnOpen?: boolean;
  now?: () => Date;
}

export interface HistoryPage {
  total: number;
  entries: HistorySummary[];
}

/** A run in the index. A class, so every entry has one shape and scans over 100,000 stay fast. */
class Entry implements IndexedSummary {
  constructor(
    public summary: HistorySummary,
    public searchText: string,
    public segment: string,
    public offset: number,
    public length: number,
    public isDeleted: boolean,
  ) {}
}

interface Segment {
  /** Bytes read up to the end of the last complete line. */
  readBytes: number;
  /** Offset of a torn last line already reported, so it is reported once. */
  reportedTornAt?: number;
}

const SEGMENT_PATTERN = /^runs-\d{13}-[0-9a-f]{8}\.jsonl$/;
const DEFAULT_MAX_SEGMENT_BYTES = 8 * 1024 * 1024;
const RETENTION_FILE = 'retention.json';
const CORRUPT_DIRECTORY = 'corrupt';
/** Update lines and deleted runs tolerated before opening compacts the history. */
const MIN_DEAD_LINES_FOR_COMPACTION = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Opens the history of runs kept in `directory`: append-only JSON Lines segment files, one run or
 * update per line, with an index in memory rebuilt on open. Each process writes to a segment of
 * its own, so the app and the CLI can append at the same time. A torn last line (a write cut by
 * a crash) is skipped and reported. A file that is mostly unreadable is moved to `corrupt/` with
 * a message and is never emptied. Full records stay on disk and are read by offset when asked for.
 */
export async function openHistoryStore(options: HistoryStoreOptions) {
  const { directory } = options;
  const isDurable = options.isDurable ?? true;
  const maxSegmentBytes = options.maxSegmentBytes ?? DEFAULT_MAX_SEGMENT_BYTES;
  const now = options.now ?? (() => new Date());

  const segments = new Map<string, Segment>();
  const entries = new Map<string, Entry>();
  /** Entries in ascending time, deleted ones included until compaction drops them. */
  let order: Entry[] = [];
  const problems: string[] = [];
  let deadLines = 0;
  let liveCount = 0;
  let retention = await readRetention();
  let writer: { name: string; handle: FileHandle; size: number } | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  await refresh({ isOpening: true });
  const isCompactedOnOpen = options.isCompactedOnOpen ?? true;
  if (isCompactedOnOpen && deadLines > Math.max(MIN_DEAD_LINES_FOR_COMPACTION, entries.size)) {
    await compact();
  }
  await applyRetention();

  /** Runs file work one step at a time, in call order, so lines never interleave. */
  function serialize<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  /** Reads segments that are new or grew since the last read, such as a CLI run's segment. */
  async function refresh({ isOpening = false } = {}): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(directory)).filter((name) => SEGMENT_PATTERN.test(name)).sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // An unreadable folder leaves history empty with a message, so the app still starts.
      if (code !== 'ENOENT') {
        problems.push(`History folder ${directory} could not be read (${code ?? String(error)}).`);
      }
      return;
    }
    for (const name of names) await readSegment(name, isOpening);
  }

  async function readSegment(name: string, isOpening: boolean): Promise<void> {
    const segment = segments.get(name) ?? { readBytes: 0 };
    segments.set(name, segment);
    const path = join(directory, name);
    let bytes: Buffer;
    try {
      // A stat is cheaper than an open, and most segments have not grown since the last read.
      if ((await stat(path)).size <= segment.readBytes) return;
      const handle = await open(path, 'r');
      try {
        const { size } = await handle.stat();
        if (size <= segment.readBytes) return;
        bytes = Buffer.alloc(size - segment.readBytes);
        await handle.read(bytes, 0, bytes.length, segment.readBytes);
      } finally {
        await handle.close();
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Another process's compaction may remove a segment between listing and reading.
      if (code === 'ENOENT') segments.delete(name);
      else problems.push(`History file ${name} could not be read (${code ?? String(error)}).`);
      return;
    }

    const { lines, completeBytes, tornTailBytes } = splitSegmentLines(bytes, segment.readBytes);
    const decoded = lines.map((line) => ({ line, value: decodeHistoryLine(line.text) }));
    const unreadable = decoded.filter((item) => item.value === undefined).length;
    if (isOpening && unreadable > 0 && unreadable * 2 > lines.length) {
      await moveAside(name, `${unreadable} of its ${lines.length} lines are not history records`);
      return;
    }
    if (unreadable > 0) {
      problems.push(`History file ${name}: skipped ${unreadable} unreadable line(s).`);
    }
    for (const { line, value } of decoded) {
      if (value) applyLine(value, name, line.offset, line.length);
    }

    segment.readBytes += completeBytes;
    if (tornTailBytes > 0 && isOpening && segment.reportedTornAt !== segment.readBytes) {
      segment.reportedTornAt = segment.readBytes;
      problems.push(
        `History file ${name}: skipped an incomplete last line (${tornTailBytes} bytes), the run being written when the app or CLI stopped.`,
      );
    }
  }

  async function moveAside(name: string, reason: string): Promise<void> {
    const target = join(directory, CORRUPT_DIRECTORY, `${name}.${now().getTime()}`);
    await mkdir(join(directory, CORRUPT_DIRECTORY), { recursive: true });
    await rename(join(directory, name), target);
    segments.delete(name);
    problems.push(
      `History file ${name} was moved to ${target} because ${reason}. The runs in it are not shown; the file is kept for inspection.`,
    );
  }

  function applyLine(line: HistoryLine, segment: string, offset: number, length: number): void {
    switch (line.type) {
      case 'run': {
        const previous = entries.get(line.record.id);
        const { summary, searchText } = summarizeRecord(line.record);
        if (previous) {
          // A copy written by compaction replaces the original, whose file may still exist.
          if (previous.isDeleted) liveCount++;
          Object.assign(previous, {
            summary,
            searchText,
            segment,
            offset,
            length,
            isDeleted: false,
          });
          deadLines++;
          return;
        }
        const entry = new Entry(summary, searchText, segment, offset, length, false);
        entries.set(summary.id, entry);
        insertInOrder(entry);
        liveCount++;
        return;
      }
      case 'delete':
      case 'restore':
        for (const id of line.ids) {
          const entry = entries.get(id);
          const isDeleted = line.type === 'delete';
          if (!entry || entry.isDeleted === isDeleted) continue;
          entry.isDeleted = isDeleted;
          liveCount += isDeleted ? -1 : 1;
        }
        deadLines += line.type === 'delete' ? line.ids.length + 1 : 1;
        return;
      case 'pin': {
        const entry = entries.get(line.id);
        if (entry) entry.summary.pinned = line.pinned;
        deadLines++;
        return;
      }
    }
  }

  function insertInOrder(entry: Entry): void {
    const last = order.at(-1);
    if (!last || last.summary.time <= entry.summary.time) {
      order.push(entry);
      return;
    }
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (order[middle]!.summary.time <= entry.summary.time) low = middle + 1;
      else high = middle;
    }
    order.splice(low, 0, entry);
  }

  /** Names a new segment so that it sorts after every segment known to this process. */
  function nextSegmentName(): string {
    const newest = [...segments.keys()].sort().at(-1);
    const newestTime = newest === undefined ? 0 : Number(newest.slice(5, 18));
    const time = Math.max(now().getTime(), newestTime + 1);
    return `runs-${String(time).padStart(13, '0')}-${randomBytes(4).toString('hex')}.jsonl`;
  }

  /**
   * Appends lines to this process's segment, starting a new segment past the size limit, and
   * flushes them once. With `isRetentionApplied`, a delete line for the runs the retention limits
   * no longer allow follows in the same flush.
   */
  function appendLines(lines: HistoryLine[], { isRetentionApplied = false } = {}): Promise<void> {
    return serialize(async () => {
      // Another process's compaction may have replaced this segment, and lines appended to a
      // removed file would be lost.
      const isReplaced = writer && !(await exists(join(directory, writer.name)));
      if (writer && (writer.size >= maxSegmentBytes || isReplaced)) {
        await writer.handle.close();
        writer = undefined;
      }
      if (!writer) {
        await mkdir(directory, { recursive: true });
        const name = nextSegmentName();
        const handle = await open(join(directory, name), 'a');
        writer = { name, handle, size: 0 };
        segments.set(name, { readBytes: 0 });
      }

      const active = writer;
      async function write(line: HistoryLine) {
        const bytes = Buffer.from(encodeHistoryLine(line), 'utf8');
        // One write per line, so a crash cuts at most this line.
        await active.handle.appendFile(bytes);
        applyLine(line, active.name, active.size, bytes.length - 1);
        active.size += bytes.length;
        segments.get(active.name)!.readBytes = active.size;
      }
      for (const line of lines) await write(line);
      const expiredIds = isRetentionApplied ? findExpiredIds() : [];
      if (expiredIds.length > 0) await write({ type: 'delete', ids: expiredIds });
      if (isDurable) await active.handle.datasync();
    });
  }

  /** Appends one run, then deletes what the retention limits no longer allow. */
  async function append(record: HistoryRecord): Promise<void> {
    await appendLines([{ type: 'run', record }], { isRetentionApplied: true });
  }

  /** Returns one page of runs that match `filter`, newest first, and how many match in all. */
  function list(query: HistoryFilter & { offset?: number; limit?: number }): HistoryPage {
    const offset = Math.max(0, query.offset ?? 0);
    const limit = Math.max(0, query.limit ?? 100);
    const filter: HistoryFilter = {
      phase: query.phase,
      appId: query.appId,
      keyLastFour: query.keyLastFour,
      from: normalizeTime(query.from),
      to: normalizeTime(query.to),
    };
    const words = searchWords(query.search);
    const page: HistorySummary[] = [];
    const isUnfiltered =
      words.length === 0 && Object.values(filter).every((value) => value === undefined);
    if (isUnfiltered) {
      // The newest page is read from the end without visiting every run.
      let skipped = 0;
      for (let index = order.length - 1; index >= 0 && page.length < limit; index--) {
        const entry = order[index]!;
        if (entry.isDeleted) continue;
        if (skipped < offset) skipped++;
        else page.push({ ...entry.summary });
      }
      return { total: liveCount, entries: page };
    }

    let total = 0;
    for (let index = order.length - 1; index >= 0; index--) {
      const entry = order[index]!;
      if (entry.isDeleted || !matchesFilter(entry, filter, words)) continue;
      if (total >= offset && page.length < limit) page.push({ ...entry.summary });
      total++;
    }
    return { total, entries: page };
  }

  /** Lists the workflows and keys found in history, for the filter menus. */
  function listFacets() {
    const workflows = new Map<string, string>();
    const keys = new Map<string, string>();
    for (const entry of entries.values()) {
      if (entry.isDeleted) continue;
      const { appId, workflowName, key } = entry.summary;
      if (!workflows.get(appId)) workflows.set(appId, workflowName);
      if (key) keys.set(key.lastFour, key.label);
    }
    return {
      workflows: [...workflows].map(([appId, name]) => ({ appId, name })),
      keys: [...keys].map(([lastFour, label]) => ({ label, lastFour })),
    };
  }

  /** Reads one run in full from its segment, or returns undefined when it is not in history. */
  async function get(id: string): Promise<HistoryRecord | undefined> {
    const entry = entries.get(id);
    if (!entry || entry.isDeleted) return undefined;
    const line = await readEntryLine(entry);
    if (line?.type !== 'run') return undefined;
    return { ...line.record, pinned: entry.summary.pinned };
  }

  async function readEntryLine(entry: Entry): Promise<HistoryLine | undefined> {
    const handle = await open(join(directory, entry.segment), 'r');
    try {
      const bytes = Buffer.alloc(entry.length);
      await handle.read(bytes, 0, entry.length, entry.offset);
      return decodeHistoryLine(bytes.toString('utf8'));
    } finally {
      await handle.close();
    }
  }

  /** Marks runs deleted. They can be restored until the next compaction. */
  async function remove(ids: string[]): Promise<number> {
    const live = ids.filter((id) => entries.get(id)?.isDeleted === false);
    if (live.length > 0) await appendLines([{ type: 'delete', ids: live }]);
    return live.length;
  }

  async function restore(ids: string[]): Promise<number> {
    const deleted = ids.filter((id) => entries.get(id)?.isDeleted === true);
    if (deleted.length > 0) await appendLines([{ type: 'restore', ids: deleted }]);
    return deleted.length;
  }

  async function pin(id: string, pinned: boolean): Promise<boolean> {
    const entry = entries.get(id);
    if (!entry || entry.isDeleted) return false;
    await appendLines([{ type: 'pin', id, pinned }]);
    return true;
  }

  /** Deletes every run, or every unpinned run, and compacts the files. Returns how many went. */
  async function clear({ keepPinned }: { keepPinned: boolean }): Promise<number> {
    const ids = order
      .filter((entry) => !entry.isDeleted && !(keepPinned && entry.summary.pinned))
      .map((entry) => entry.summary.id);
    if (ids.length > 0) await appendLines([{ type: 'delete', ids }]);
    await compact();
    return ids.length;
  }

  function getRetention(): Retention {
    return { ...retention };
  }

  async function setRetention(next: Retention): Promise<void> {
    retention = retentionSchema.parse(next);
    await serialize(async () => {
      await mkdir(directory, { recursive: true });
      const path = join(directory, RETENTION_FILE);
      await writeFileAtomically(path, `${JSON.stringify(retention)}\n`);
    });
    await applyRetention();
  }

  async function readRetention(): Promise<Retention> {
    const path = join(directory, RETENTION_FILE);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return defaultRetention;
    }
    const parsed = retentionSchema.safeParse(safeJsonParse(text));
    if (parsed.success) return parsed.data;
    problems.push(
      `${path} is not a valid retention setting; the default is used until it is saved again.`,
    );
    return defaultRetention;
  }

  /** Deletes the oldest unpinned runs beyond the count limit and those older than the age limit. */
  async function applyRetention(): Promise<void> {
    const ids = findExpiredIds();
    if (ids.length > 0) await appendLines([{ type: 'delete', ids }]);
  }

  /** Lists the oldest unpinned runs beyond the count limit and those older than the age limit. */
  function findExpiredIds(): string[] {
    let excess = retention.maxRuns === null ? 0 : liveCount - retention.maxRuns;
    const cutoff =
      retention.maxAgeDays === null
        ? undefined
        : new Date(now().getTime() - retention.maxAgeDays * DAY_MS).toISOString();
    const ids: string[] = [];
    for (const entry of order) {
      if (entry.isDeleted || entry.summary.pinned) continue;
      const isTooOld = cutoff !== undefined && entry.summary.time < cutoff;
      if (!isTooOld && excess <= 0) break;
      ids.push(entry.summary.id);
      excess--;
    }
    return ids;
  }

  /**
   * Rewrites the live runs into one new segment and removes the segments it replaces. The new
   * segment is complete on disk before any old one is removed, so a crash in between leaves
   * duplicates, which the next open reads as one run each.
   * NOTE: a segment that another process is still appending to when it is replaced loses the
   * lines appended after this read. The CLI appends one run and exits, so the window is small.
   */
  function compact(): Promise<void> {
    return serialize(async () => {
      // Later updates must land in a segment named after the compacted one, because segments are
      // read in name order and an update read before its run would be lost.
      await writer?.handle.close();
      writer = undefined;
      const replaced = [...segments.keys()];
      const replacedSet = new Set(replaced);
      const live = order.filter((entry) => !entry.isDeleted);
      const name = nextSegmentName();
      const temporaryPath = join(directory, `${name}.tmp`);

      const moved: { entry: Entry; offset: number; length: number }[] = [];
      if (live.length > 0) {
        await mkdir(directory, { recursive: true });
        const handle = await open(temporaryPath, 'w');
        try {
          let size = 0;
          for (const entry of live) {
            const line = await readEntryLine(entry);
            if (line?.type !== 'run') continue;
            const record = { ...line.record, pinned: entry.summary.pinned };
            const bytes = Buffer.from(encodeHistoryLine({ type: 'run', record }), 'utf8');
            await handle.write(bytes);
            moved.push({ entry, offset: size, length: bytes.length - 1 });
            size += bytes.length;
          }
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporaryPath, join(directory, name));
        segments.set(name, { readBytes: moved.reduce((sum, item) => sum + item.length + 1, 0) });
      }

      for (const old of replaced) {
        await rm(join(directory, old), { force: true });
        segments.delete(old);
      }
      for (const { entry, offset, length } of moved) {
        Object.assign(entry, { segment: name, offset, length });
      }
      order = order.filter((entry) => !(entry.isDeleted && replacedSet.has(entry.segment)));
      for (const [id, entry] of entries) {
        if (entry.isDeleted && replacedSet.has(entry.segment)) entries.delete(id);
      }
      deadLines = 0;
    });
  }

  async function close(): Promise<void> {
    await serialize(async () => {
      await writer?.handle.close();
      writer = undefined;
    });
  }

  return {
    append,
    list,
    listFacets,
    get,
    delete: remove,
    restore,
    pin,
    clear,
    getRetention,
    setRetention,
    refresh: () => serialize(() => refresh()),
    compact,
    close,
    /** Messages about skipped lines and moved files since the store opened, for the UI. */
    problems: problems as readonly string[],
  };
}

export type HistoryStore = Awaited<ReturnType<typeof openHistoryStore>>;

function normalizeTime(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporaryPath = `${path}.tmp`;
  const handle = await open(temporaryPath, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporaryPath, path);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
