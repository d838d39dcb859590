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
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

import {
  comparePlaces,
  Entry,
  insertInOrder,
  isLaterUpdate,
  mergeIntoOrder,
  resolveEntryState,
  type LineUpdate,
  type PendingUpdates,
} from './history/history-entries.ts';
import { decodeHistoryLine, encodeHistoryLine, type HistoryLine } from './history/history-line.ts';
import type { HistoryRecord } from './history/history-record.ts';
import {
  matchesFilter,
  searchWords,
  summarizeRecord,
  type HistoryFilter,
  type HistorySummary,
} from './history/history-summary.ts';
import { defaultRetention, retentionSchema, type Retention } from './history/retention.ts';
import {
  BLOCK_BYTES,
  laterTime,
  readSegmentBounds,
  writeSegmentBounds,
  type SegmentBlock,
} from './history/segment-bounds.ts';
import { splitSegmentLines, type SegmentLine } from './history/segment-lines.ts';

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
  /**
   * Resolves as soon as the newest 200 live runs and every update to them are indexed, and
   * indexes the older runs in the background, in slices that return to the event loop every few
   * milliseconds. Until `isIndexComplete()` is true, an unfiltered `list` within those 200 runs
   * is exact, while `total`, other pages, searches, filters and `listFacets` cover only the runs
   * indexed so far. `get`, `pin`, `delete`, `restore`, `clear`, `compact` and retention wait for
   * the full index when they need it. Default false: the whole index is built before the store
   * resolves.
   */
  isIndexedInBackground?: boolean;
  now?: () => Date;
}

export interface HistoryPage {
  /** Runs that match. While `isIndexComplete()` is false, only those indexed so far. */
  total: number;
  entries: HistorySummary[];
}

interface Segment {
  /** Bytes from the start of the file to the end of the last complete line read or known. */
  readBytes: number;
  /** Offset of a torn last line already reported, so it is reported once. */
  reportedTornAt?: number;
  /** Closed blocks of the first `readBytes` bytes, for the sidecar file. */
  blocks: SegmentBlock[];
  /** Latest run time in the bytes after the last closed block. */
  openBlockMaxTime: string | null;
}

/** A block that the sidecar file describes and that is not read yet. */
interface PendingBlock {
  segment: string;
  start: number;
  end: number;
  maxTime: string | null;
}

/** Thrown inside background indexing when the store is closed, to stop it. */
class IndexingStopped extends Error {}

const SEGMENT_PATTERN = /^runs-\d{13}-[0-9a-f]{8}\.jsonl$/;
const DEFAULT_MAX_SEGMENT_BYTES = 8 * 1024 * 1024;
const RETENTION_FILE = 'retention.json';
const CORRUPT_DIRECTORY = 'corrupt';
/** Update lines and deleted runs tolerated before opening compacts the history. */
const MIN_DEAD_LINES_FOR_COMPACTION = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Newest live runs known in full before a store indexed in the background resolves: four pages
 * of the app's History view, which shows 50 runs a page.
 */
export const FIRST_RUNS_BEFORE_OPEN = 200;
/** Maximum time that background indexing runs between two returns to the event loop. */
const MAX_SLICE_MS = 8;
/** Delay after a write before the sidecar file is updated, so a burst of runs writes it once. */
const BOUNDS_SAVE_DELAY_MS = 1000;

/**
 * Opens the history of runs kept in `directory`: append-only JSON Lines segment files, one run or
 * update per line, with an index in memory built on open. Each process writes to a segment of
 * its own, so the app and the CLI can append at the same time. A torn last line (a write cut by
 * a crash) is skipped and reported. A file that is mostly unreadable is moved to `corrupt/` with
 * a message and is never emptied. Full records stay on disk and are read by offset when asked for.
 *
 * The sidecar file `segment-bounds.json` stores the latest run time of each block of about
 * 512 KiB of each segment. With it, opening reads only the bytes written after it and the newest
 * blocks, until the newest runs are known in full, because no unread block can hold a later run.
 * The file contains no run data and is ignored when missing, stale, corrupt or of another version.
 */
export async function openHistoryStore(options: HistoryStoreOptions) {
  const { directory } = options;
  const isDurable = options.isDurable ?? true;
  const maxSegmentBytes = options.maxSegmentBytes ?? DEFAULT_MAX_SEGMENT_BYTES;
  const isCompactedOnOpen = options.isCompactedOnOpen ?? true;
  const now = options.now ?? (() => new Date());

  const segments = new Map<string, Segment>();
  const entries = new Map<string, Entry>();
  /** Entries in ascending time, deleted ones included until compaction drops them. */
  let order: Entry[] = [];
  /** Entries created since they were last merged into `order`. */
  let newEntries: Entry[] = [];
  /** Updates for runs not read yet, while the index is incomplete. */
  const pendingUpdates = new Map<string, PendingUpdates>();
  /** Unread blocks, latest place first. */
  let pendingBlocks: PendingBlock[] = [];
  const problems: string[] = [];
  let deadLines = 0;
  let liveCount = 0;
  let retention = await readRetention();
  let writer: { name: string; handle: FileHandle; size: number } | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let isIndexComplete = false;
  let isClosing = false;
  let areBoundsChanged = false;
  let boundsTimer: NodeJS.Timeout | undefined;
  let sliceStartTime = performance.now();
  let resolveIndexed: () => void = () => undefined;
  const indexed = new Promise<void>((resolve) => {
    resolveIndexed = resolve;
  });
  let backgroundIndexing: Promise<void> = Promise.resolve();

  await openSegments();
  if (options.isIndexedInBackground) {
    while (pendingBlocks.length > 0 && !hasNewestRunsInFull()) {
      await readPendingBlock(pendingBlocks[0]!, { isSliced: false });
    }
    backgroundIndexing = indexInBackground();
  } else {
    while (pendingBlocks.length > 0) await readPendingBlock(pendingBlocks[0]!, { isSliced: false });
    await finishIndex();
  }

  /** Runs file work one step at a time, in call order, so lines never interleave. */
  function serialize<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  async function indexInBackground(): Promise<void> {
    try {
      while (pendingBlocks.length > 0) {
        await readPendingBlock(pendingBlocks[0]!, { isSliced: true });
      }
      await finishIndex();
    } catch (error) {
      // A closed store stays incomplete, and waiters go on with what is indexed.
      if (error instanceof IndexingStopped) return;
      const reason = error instanceof Error ? error.message : String(error);
      problems.push(`History in ${directory} could not be indexed in full: ${reason}`);
      isIndexComplete = true;
    } finally {
      resolveIndexed();
    }
  }

  /** Marks the index complete, then compacts, applies retention and saves the sidecar file. */
  async function finishIndex(): Promise<void> {
    isIndexComplete = true;
    pendingUpdates.clear();
    resolveIndexed();
    if (isCompactedOnOpen && deadLines > Math.max(MIN_DEAD_LINES_FOR_COMPACTION, entries.size)) {
      await compact();
    }
    await applyRetention();
    await saveBounds();
  }

  /** Waits for the full index when `entry` is missing or may still change as indexing goes on. */
  async function findSettledEntry(id: string): Promise<Entry | undefined> {
    const entry = entries.get(id);
    if (isIndexComplete || (entry && isSettled(entry))) return entry;
    await indexed;
    return entries.get(id);
  }

  /** Returns whether every line placed after the entry's run line has been read. */
  function isSettled(entry: Entry): boolean {
    const latest = pendingBlocks[0];
    return latest === undefined || comparePlaces({ ...latest, offset: latest.end }, entry) <= 0;
  }

  /** Returns the latest run time that an unread block may hold, or null when none may. */
  function findUnreadMaxTime(): string | null {
    let maxTime: string | null = null;
    for (const block of pendingBlocks) maxTime = laterTime(maxTime, block.maxTime);
    return maxTime;
  }

  /** Returns whether no unread line can add, remove or change the entry. */
  function isKnownInFull(entry: Entry, unreadMaxTime: string | null): boolean {
    const isLater = unreadMaxTime === null || entry.summary.time > unreadMaxTime;
    return isLater && isSettled(entry);
  }

  function hasNewestRunsInFull(): boolean {
    const unreadMaxTime = findUnreadMaxTime();
    let count = 0;
    for (let index = order.length - 1; index >= 0; index--) {
      const entry = order[index]!;
      if (!isKnownInFull(entry, unreadMaxTime)) return false;
      if (!entry.isDeleted) count++;
      if (count >= FIRST_RUNS_BEFORE_OPEN) return true;
    }
    return false;
  }

  /**
   * Lists the segments, takes the blocks that the sidecar file describes as read later, and
   * reads every byte that it does not describe.
   */
  async function openSegments(): Promise<void> {
    const names = await listSegmentNames();
    if (names.length === 0) return;
    const bounds = await readSegmentBounds(directory);
    for (const name of names) {
      const segment: Segment = { readBytes: 0, blocks: [], openBlockMaxTime: null };
      segments.set(name, segment);
      const blocks = bounds.get(name);
      if (blocks && (await endsWithLineBreak(name, blocks.at(-1)!.end))) {
        let start = 0;
        for (const block of blocks) {
          pendingBlocks.push({ segment: name, start, end: block.end, maxTime: block.maxTime });
          start = block.end;
        }
        // The last block stays open, so bytes written after it extend it.
        segment.blocks = blocks.slice(0, -1);
        segment.openBlockMaxTime = blocks.at(-1)!.maxTime;
        segment.readBytes = blocks.at(-1)!.end;
      } else {
        areBoundsChanged = true;
      }
      await readSegment(name, true);
    }
    pendingBlocks.sort((first, second) =>
      comparePlaces(
        { segment: second.segment, offset: second.start },
        { segment: first.segment, offset: first.start },
      ),
    );
  }

  async function listSegmentNames(): Promise<string[]> {
    try {
      return (await readdir(directory)).filter((name) => SEGMENT_PATTERN.test(name)).sort();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // An unreadable folder leaves history empty with a message, so the app still starts.
      if (code !== 'ENOENT') {
        problems.push(`History folder ${directory} could not be read (${code ?? String(error)}).`);
      }
      return [];
    }
  }

  /** Returns whether the byte before `end` is a line break, as a block's last byte must be. */
  async function endsWithLineBreak(name: string, end: number): Promise<boolean> {
    try {
      const handle = await open(join(directory, name), 'r');
      try {
        const byte = Buffer.alloc(1);
        const { bytesRead } = await handle.read(byte, 0, 1, end - 1);
        return bytesRead === 1 && byte[0] === 10;
      } finally {
        await handle.close();
      }
    } catch {
      return false;
    }
  }

  /** Reads segments that are new or grew since the last read, such as a CLI run's segment. */
  async function refresh(): Promise<void> {
    for (const name of await listSegmentNames()) {
      if (!segments.has(name)) {
        segments.set(name, { readBytes: 0, blocks: [], openBlockMaxTime: null });
      }
      await readSegment(name, false);
    }
  }

  /** Reads bytes `start` to `end` of a segment, or to its end without `end`. */
  async function readSegmentBytes(
    name: string,
    start: number,
    end?: number,
  ): Promise<Buffer | undefined> {
    const path = join(directory, name);
    try {
      // A stat is cheaper than an open, and most segments have not grown since the last read.
      if (end === undefined && (await stat(path)).size <= start) return undefined;
      const handle = await open(path, 'r');
      try {
        const stop = end ?? (await handle.stat()).size;
        if (stop <= start) return undefined;
        const bytes = Buffer.alloc(stop - start);
        const { bytesRead } = await handle.read(bytes, 0, bytes.length, start);
        return bytes.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Another process's compaction may remove a segment between listing and reading.
      if (code === 'ENOENT') forgetSegment(name);
      else problems.push(`History file ${name} could not be read (${code ?? String(error)}).`);
      return undefined;
    }
  }

  /**
   * Reads the bytes of a segment after `readBytes`. On open, a segment read from its start that
   * is mostly unreadable is moved aside, and a torn last line is reported.
   */
  async function readSegment(name: string, isOpening: boolean): Promise<void> {
    const segment = segments.get(name);
    if (!segment) return;
    const startOffset = segment.readBytes;
    const bytes = await readSegmentBytes(name, startOffset);
    if (!bytes) return;

    const { lines, completeBytes, tornTailBytes } = splitSegmentLines(bytes, startOffset);
    const decoded = lines.map((line) => decodeHistoryLine(line.text));
    const unreadable = decoded.filter((value) => value === undefined).length;
    // A segment whose start was read before was readable then, so new bytes never move it.
    const isWholeFile = isOpening && startOffset === 0;
    if (isWholeFile && unreadable > 0 && unreadable * 2 > lines.length) {
      await moveAside(name, `${unreadable} of its ${lines.length} lines are not history records`);
      return;
    }
    if (unreadable > 0) {
      problems.push(`History file ${name}: skipped ${unreadable} unreadable line(s).`);
    }
    for (let index = 0; index < lines.length; index++) {
      const value = decoded[index];
      if (!value) continue;
      const line = lines[index]!;
      const time = applyLine(value, name, line.offset, line.length);
      addToBlocks(segment, line.offset + line.length + 1, time);
    }

    mergeNewEntries();
    segment.readBytes += completeBytes;
    if (completeBytes > 0) areBoundsChanged = true;
    if (tornTailBytes > 0 && isOpening && segment.reportedTornAt !== segment.readBytes) {
      segment.reportedTornAt = segment.readBytes;
      problems.push(
        `History file ${name}: skipped an incomplete last line (${tornTailBytes} bytes), the run being written when the app or CLI stopped.`,
      );
    }
  }

  /**
   * Reads one block that the sidecar file describes. Slices yield to the event loop, and stop
   * when the store closes.
   */
  async function readPendingBlock(
    block: PendingBlock,
    { isSliced }: { isSliced: boolean },
  ): Promise<void> {
    const name = block.segment;
    // One byte more at the front shows whether the block starts right after a line break.
    const readStart = block.start === 0 ? 0 : block.start - 1;
    const bytes = await readSegmentBytes(name, readStart, block.end);
    if (!segments.has(name)) return;
    if (!bytes || bytes.length !== block.end - readStart) {
      problems.push(`History file ${name} is shorter than when it was last read; it is skipped.`);
      dropPendingBlocks(name);
      return;
    }
    if (block.start > 0 && bytes[0] !== 10) {
      // The sidecar file is wrong about this segment, so its unread start is read as one block.
      const rest = pendingBlocks.filter((other) => other.segment === name);
      const maxTime = rest.reduce<string | null>(
        (time, other) => laterTime(time, other.maxTime),
        null,
      );
      dropPendingBlocks(name);
      pendingBlocks.unshift({ segment: name, start: 0, end: block.end, maxTime });
      areBoundsChanged = true;
      return;
    }

    const body = block.start === 0 ? bytes : bytes.subarray(1);
    const { lines } = splitSegmentLines(body, block.start);
    const decoded: (HistoryLine | undefined)[] = [];
    for (const line of lines) {
      decoded.push(decodeHistoryLine(line.text));
      if (isSliced) await yieldWhenSliceIsLong();
    }
    const unreadable = decoded.filter((value) => value === undefined).length;
    if (unreadable > 0 && unreadable * 2 > lines.length) {
      await moveAside(name, `${unreadable} of ${lines.length} lines are not history records`);
      return;
    }
    if (unreadable > 0) {
      problems.push(`History file ${name}: skipped ${unreadable} unreadable line(s).`);
    }
    await applyBlockLines(block, lines, decoded, isSliced);
    mergeNewEntries();
    const index = pendingBlocks.indexOf(block);
    if (index !== -1) pendingBlocks.splice(index, 1);
  }

  async function applyBlockLines(
    block: PendingBlock,
    lines: SegmentLine[],
    decoded: (HistoryLine | undefined)[],
    isSliced: boolean,
  ): Promise<void> {
    for (let index = 0; index < lines.length; index++) {
      const value = decoded[index];
      const line = lines[index]!;
      if (value) {
        const time = applyLine(value, block.segment, line.offset, line.length);
        if (time !== null && block.maxTime !== null && time > block.maxTime) {
          raiseBlockMaxTime(block, time);
        }
      }
      if (isSliced) await yieldWhenSliceIsLong();
    }
  }

  /**
   * Corrects a sidecar bound that a run in its block exceeds, so the next open trusts the right
   * time.
   * NOTE: a newest page listed before this block was read may have missed that run. Only a
   * sidecar file edited or damaged outside this code can be wrong this way.
   */
  function raiseBlockMaxTime(block: PendingBlock, time: string): void {
    block.maxTime = time;
    const segment = segments.get(block.segment);
    if (!segment) return;
    const closed = segment.blocks.find((other) => other.end === block.end);
    if (closed) closed.maxTime = laterTime(closed.maxTime, time);
    else segment.openBlockMaxTime = laterTime(segment.openBlockMaxTime, time);
    areBoundsChanged = true;
  }

  /** Returns to the event loop once the current slice of indexing has run long enough. */
  async function yieldWhenSliceIsLong(): Promise<void> {
    if (performance.now() - sliceStartTime < MAX_SLICE_MS) return;
    mergeNewEntries();
    await yieldToEventLoop();
    if (isClosing) throw new IndexingStopped();
    sliceStartTime = performance.now();
  }

  /** Records a line that ends at `lineEnd` in the segment's blocks for the sidecar file. */
  function addToBlocks(segment: Segment, lineEnd: number, time: string | null): void {
    segment.openBlockMaxTime = laterTime(segment.openBlockMaxTime, time);
    const blockStart = segment.blocks.at(-1)?.end ?? 0;
    if (lineEnd - blockStart < BLOCK_BYTES) return;
    segment.blocks.push({ end: lineEnd, maxTime: segment.openBlockMaxTime });
    segment.openBlockMaxTime = null;
  }

  function dropPendingBlocks(name: string): void {
    pendingBlocks = pendingBlocks.filter((block) => block.segment !== name);
  }

  function forgetSegment(name: string): void {
    segments.delete(name);
    dropPendingBlocks(name);
    areBoundsChanged = true;
  }

  async function moveAside(name: string, reason: string): Promise<void> {
    const target = join(directory, CORRUPT_DIRECTORY, `${name}.${now().getTime()}`);
    await mkdir(join(directory, CORRUPT_DIRECTORY), { recursive: true });
    await rename(join(directory, name), target);
    forgetSegment(name);
    // Runs already read from the file's later bytes would point into a file that is gone.
    dropEntriesOf(name);
    problems.push(
      `History file ${name} was moved to ${target} because ${reason}. The runs in it are not shown; the file is kept for inspection.`,
    );
  }

  function dropEntriesOf(name: string): void {
    mergeNewEntries();
    let isAnyDropped = false;
    for (const [id, entry] of entries) {
      if (entry.segment !== name) continue;
      entries.delete(id);
      if (!entry.isDeleted) liveCount--;
      isAnyDropped = true;
    }
    if (isAnyDropped) order = order.filter((entry) => entry.segment !== name);
  }

  /**
   * Applies one line found at `offset` of `segment`, in any order of reading. Returns the run's
   * time for a run line, and null for an update line.
   */
  function applyLine(
    line: HistoryLine,
    segment: string,
    offset: number,
    length: number,
  ): string | null {
    switch (line.type) {
      case 'run':
        applyRunLine(line.record, segment, offset, length);
        return line.record.time;
      case 'delete':
      case 'restore': {
        const isDeleted = line.type === 'delete';
        for (const id of line.ids) {
          applyUpdate(id, 'deleteUpdate', { segment, offset, value: isDeleted });
        }
        deadLines += isDeleted ? line.ids.length + 1 : 1;
        return null;
      }
      case 'pin':
        applyUpdate(line.id, 'pinUpdate', { segment, offset, value: line.pinned });
        deadLines++;
        return null;
    }
  }

  function applyRunLine(record: HistoryRecord, segment: string, offset: number, length: number) {
    const previous = entries.get(record.id);
    const place = { segment, offset };
    if (previous) {
      // The same line read twice, after a sidecar file misplaced a block, changes nothing.
      if (comparePlaces(place, previous) === 0) return;
      deadLines++;
      // A copy written by compaction replaces the original, whose file may still exist. When
      // the original is read after the copy, it is only a dead line.
      if (comparePlaces(place, previous) < 0) return;
      const { summary, searchText } = summarizeRecord(record);
      Object.assign(previous, {
        summary,
        searchText,
        segment,
        offset,
        length,
        recordPinned: record.pinned,
      });
      liveCount += resolveEntryState(previous);
      return;
    }
    const { summary, searchText } = summarizeRecord(record);
    const entry = new Entry(summary, searchText, segment, offset, length, record.pinned);
    const pending = pendingUpdates.get(record.id);
    if (pending) {
      entry.pinUpdate = pending.pinUpdate;
      entry.deleteUpdate = pending.deleteUpdate;
      pendingUpdates.delete(record.id);
    }
    entries.set(record.id, entry);
    newEntries.push(entry);
    liveCount++;
    liveCount += resolveEntryState(entry);
  }

  function applyUpdate(id: string, field: keyof PendingUpdates, update: LineUpdate): void {
    const entry = entries.get(id);
    let target: PendingUpdates | undefined = entry;
    if (!target && !isIndexComplete) {
      target = pendingUpdates.get(id) ?? { pinUpdate: undefined, deleteUpdate: undefined };
      pendingUpdates.set(id, target);
    }
    if (!target || !isLaterUpdate(target[field], update)) return;
    target[field] = update;
    if (entry) liveCount += resolveEntryState(entry);
  }

  function mergeNewEntries(): void {
    if (newEntries.length === 0) return;
    order = mergeIntoOrder(order, newEntries);
    newEntries = [];
  }

  /** Names a new segment so that it sorts after every segment known to this process. */
  function nextSegmentName(): string {
    const newest = [...segments.keys()].sort().at(-1);
    const newestTime = newest === undefined ? 0 : Number(newest.slice(5, 18));
    const time = Math.max(now().getTime(), newestTime + 1);
    return `runs-${String(time).padStart(13, '0')}-${randomBytes(4).toString('hex')}.jsonl`;
  }

  /**
   * Returns whether an update line would land before the run it changes if written to
   * `writerName`, as when the app pins a run from a newer CLI segment. Such an update has no
   * effect, so it must go to a new segment.
   */
  function updatesLaterSegment(line: HistoryLine, writerName: string): boolean {
    if (line.type === 'run') return false;
    const ids = line.type === 'pin' ? [line.id] : line.ids;
    return ids.some((id) => (entries.get(id)?.segment ?? '') > writerName);
  }

  async function closeWriter({ isSynced }: { isSynced: boolean }): Promise<void> {
    if (!writer) return;
    const { handle } = writer;
    writer = undefined;
    if (isSynced && isDurable) await handle.datasync();
    await handle.close();
  }

  /**
   * Appends lines to this process's segment, starting a new segment past the size limit, and
   * flushes them once. With `isRetentionApplied`, a delete line for the runs the retention limits
   * no longer allow follows in the same flush, once the index is complete.
   */
  function appendLines(lines: HistoryLine[], { isRetentionApplied = false } = {}): Promise<void> {
    return serialize(async () => {
      // Another process's compaction may have replaced this segment, and lines appended to a
      // removed file would be lost.
      const isReplaced = writer && !(await exists(join(directory, writer.name)));
      if (writer && (writer.size >= maxSegmentBytes || isReplaced)) {
        await closeWriter({ isSynced: false });
      }

      async function write(line: HistoryLine) {
        if (writer && updatesLaterSegment(line, writer.name)) {
          await closeWriter({ isSynced: true });
        }
        if (!writer) {
          await mkdir(directory, { recursive: true });
          const name = nextSegmentName();
          const handle = await open(join(directory, name), 'a');
          writer = { name, handle, size: 0 };
          segments.set(name, { readBytes: 0, blocks: [], openBlockMaxTime: null });
        }
        const active = writer;
        const bytes = Buffer.from(encodeHistoryLine(line), 'utf8');
        // One write per line, so a crash cuts at most this line.
        await active.handle.appendFile(bytes);
        const time = applyLine(line, active.name, active.size, bytes.length - 1);
        mergeNewEntries();
        active.size += bytes.length;
        const segment = segments.get(active.name)!;
        segment.readBytes = active.size;
        addToBlocks(segment, active.size, time);
        areBoundsChanged = true;
      }
      for (const line of lines) await write(line);
      const expiredIds = isRetentionApplied && isIndexComplete ? findExpiredIds() : [];
      if (expiredIds.length > 0) await write({ type: 'delete', ids: expiredIds });
      if (isDurable) await writer?.handle.datasync();
      scheduleBoundsSave();
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

  /**
   * Lists the workflows and keys found in history, for the filter menus. While the index is
   * incomplete, only those of the runs indexed so far.
   */
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

  /**
   * Reads one run in full from its segment, or returns undefined when it is not in history. Waits
   * for the full index when the run is not indexed yet.
   */
  async function get(id: string): Promise<HistoryRecord | undefined> {
    const entry = await findSettledEntry(id);
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

  /** Waits for the full index when any of `ids` is not indexed or may still change. */
  async function settleEntries(ids: string[]): Promise<void> {
    if (isIndexComplete) return;
    const isAnyUnsettled = ids.some((id) => {
      const entry = entries.get(id);
      return !entry || !isSettled(entry);
    });
    if (isAnyUnsettled) await indexed;
  }

  /** Marks runs deleted. They can be restored until the next compaction. */
  async function remove(ids: string[]): Promise<number> {
    await settleEntries(ids);
    const live = ids.filter((id) => entries.get(id)?.isDeleted === false);
    if (live.length > 0) await appendLines([{ type: 'delete', ids: live }]);
    return live.length;
  }

  async function restore(ids: string[]): Promise<number> {
    await settleEntries(ids);
    const deleted = ids.filter((id) => entries.get(id)?.isDeleted === true);
    if (deleted.length > 0) await appendLines([{ type: 'restore', ids: deleted }]);
    return deleted.length;
  }

  async function pin(id: string, pinned: boolean): Promise<boolean> {
    const entry = await findSettledEntry(id);
    if (!entry || entry.isDeleted) return false;
    await appendLines([{ type: 'pin', id, pinned }]);
    return true;
  }

  /** Deletes every run, or every unpinned run, and compacts the files. Returns how many went. */
  async function clear({ keepPinned }: { keepPinned: boolean }): Promise<number> {
    await indexed;
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
    await indexed;
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
   * duplicates, which the next open reads as one run each. Waits for the full index first.
   * NOTE: a segment that another process is still appending to when it is replaced loses the
   * lines appended after this read. The CLI appends one run and exits, so the window is small.
   */
  async function compact(): Promise<void> {
    await indexed;
    await serialize(async () => {
      // Later updates must land in a segment named after the compacted one, because an update
      // placed before its run has no effect.
      await closeWriter({ isSynced: false });
      const replaced = [...segments.keys()];
      const replacedSet = new Set(replaced);
      const live = order.filter((entry) => !entry.isDeleted);
      const name = nextSegmentName();
      const temporaryPath = join(directory, `${name}.tmp`);

      const moved: { entry: Entry; offset: number; length: number }[] = [];
      const compacted: Segment = { readBytes: 0, blocks: [], openBlockMaxTime: null };
      if (live.length > 0) {
        await mkdir(directory, { recursive: true });
        const handle = await open(temporaryPath, 'w');
        try {
          for (const entry of live) {
            const line = await readEntryLine(entry);
            if (line?.type !== 'run') continue;
            const record = { ...line.record, pinned: entry.summary.pinned };
            const bytes = Buffer.from(encodeHistoryLine({ type: 'run', record }), 'utf8');
            await handle.write(bytes);
            moved.push({ entry, offset: compacted.readBytes, length: bytes.length - 1 });
            compacted.readBytes += bytes.length;
            addToBlocks(compacted, compacted.readBytes, record.time);
          }
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporaryPath, join(directory, name));
        segments.set(name, compacted);
      }

      for (const old of replaced) {
        await rm(join(directory, old), { force: true });
        segments.delete(old);
      }
      for (const { entry, offset, length } of moved) {
        // The copy carries the run's pin, and earlier update lines no longer apply to it.
        Object.assign(entry, { segment: name, offset, length, recordPinned: entry.summary.pinned });
        liveCount += resolveEntryState(entry);
      }
      order = order.filter((entry) => !(entry.isDeleted && replacedSet.has(entry.segment)));
      for (const [id, entry] of entries) {
        if (entry.isDeleted && replacedSet.has(entry.segment)) entries.delete(id);
      }
      deadLines = 0;
      areBoundsChanged = true;
    });
    await saveBounds();
  }

  function scheduleBoundsSave(): void {
    if (boundsTimer !== undefined || isClosing) return;
    boundsTimer = setTimeout(() => {
      boundsTimer = undefined;
      void saveBounds();
    }, BOUNDS_SAVE_DELAY_MS);
    boundsTimer.unref();
  }

  /** Writes the sidecar file when the segments changed since it was last written or read. */
  function saveBounds(): Promise<void> {
    return serialize(async () => {
      if (!areBoundsChanged || segments.size === 0) return;
      areBoundsChanged = false;
      const bounds = new Map<string, SegmentBlock[]>();
      for (const [name, segment] of segments) {
        const blocks = [...segment.blocks];
        const lastEnd = blocks.at(-1)?.end ?? 0;
        if (segment.readBytes > lastEnd) {
          blocks.push({ end: segment.readBytes, maxTime: segment.openBlockMaxTime });
        }
        if (blocks.length > 0) bounds.set(name, blocks);
      }
      try {
        await writeSegmentBounds(directory, bounds);
      } catch {
        // The file only speeds up opening, and a missing one is rebuilt, so a failed write such
        // as on a full disk is retried at the next save.
        areBoundsChanged = true;
      }
    });
  }

  async function close(): Promise<void> {
    isClosing = true;
    clearTimeout(boundsTimer);
    boundsTimer = undefined;
    await backgroundIndexing;
    await saveBounds();
    await serialize(() => closeWriter({ isSynced: false }));
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
    /**
     * Resolves once every run is indexed and the retention limits are applied, at once for a
     * store opened without background indexing.
     */
    whenIndexed: () => backgroundIndexing,
    /** Returns whether every run is indexed, so totals, searches and filters are final. */
    isIndexComplete: () => isIndexComplete,
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
