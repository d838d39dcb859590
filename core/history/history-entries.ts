import type { HistorySummary, IndexedSummary } from './history-summary.ts';

/**
 * An update line's place in history: segment name, then byte offset. Segments are named so that
 * a later name contains later lines, so the latest update by place wins whatever order lines are
 * read in.
 */
export interface LinePlace {
  segment: string;
  offset: number;
}

/** A pin, delete or restore line's effect on one run, with where the line is. */
export interface LineUpdate extends LinePlace {
  value: boolean;
}

/** Updates read before the run they refer to, kept until the run is read. */
export interface PendingUpdates {
  pinUpdate: LineUpdate | undefined;
  deleteUpdate: LineUpdate | undefined;
}

/** A run in the index. A class, so every entry has one shape and scans over 100,000 stay fast. */
export class Entry implements IndexedSummary, PendingUpdates, LinePlace {
  pinUpdate: LineUpdate | undefined = undefined;
  /** The latest delete or restore line, as `value` true for delete. */
  deleteUpdate: LineUpdate | undefined = undefined;
  isDeleted = false;

  constructor(
    public summary: HistorySummary,
    public searchText: string,
    /** Segment and offset of the latest copy of the run line. */
    public segment: string,
    public offset: number,
    public length: number,
    /** `pinned` as written in the run line, before later pin lines. */
    public recordPinned: boolean,
  ) {}
}

/** Compares two places in history: negative when `first` comes before `second`. */
export function comparePlaces(first: LinePlace, second: LinePlace): number {
  if (first.segment !== second.segment) return first.segment < second.segment ? -1 : 1;
  return first.offset - second.offset;
}

/**
 * Sets an entry's `pinned` and `isDeleted` from its latest updates. An update placed before the
 * run line has no effect, because a later copy of a run, such as compaction writes, carries the
 * state of its time. Returns the change in live runs: -1, 0 or 1.
 */
export function resolveEntryState(entry: Entry): number {
  const { pinUpdate, deleteUpdate } = entry;
  entry.summary.pinned =
    pinUpdate !== undefined && comparePlaces(pinUpdate, entry) > 0
      ? pinUpdate.value
      : entry.recordPinned;
  const isDeleted =
    deleteUpdate !== undefined && comparePlaces(deleteUpdate, entry) > 0 && deleteUpdate.value;
  if (isDeleted === entry.isDeleted) return 0;
  entry.isDeleted = isDeleted;
  return isDeleted ? -1 : 1;
}

/** Returns whether `update` should replace `current`, because it is placed later. */
export function isLaterUpdate(current: LineUpdate | undefined, update: LineUpdate): boolean {
  return current === undefined || comparePlaces(update, current) > 0;
}

/** Orders entries by run time, for `order` arrays. */
function isEarlier(first: Entry, second: Entry): boolean {
  return first.summary.time < second.summary.time;
}

/** Inserts an entry into entries sorted by ascending time, after those of the same time. */
export function insertInOrder(order: Entry[], entry: Entry): void {
  const last = order.at(-1);
  if (!last || !isEarlier(entry, last)) {
    order.push(entry);
    return;
  }
  let low = 0;
  let high = order.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isEarlier(entry, order[middle]!)) high = middle;
    else low = middle + 1;
  }
  order.splice(low, 0, entry);
}

/**
 * Returns `order` with `added` merged in by time. A few entries are inserted one by one, and a
 * batch is sorted and merged in one pass, because inserting thousands of older runs one by one
 * at the front of 100,000 would move the array thousands of times.
 */
export function mergeIntoOrder(order: Entry[], added: Entry[]): Entry[] {
  if (added.length <= 16) {
    for (const entry of added) insertInOrder(order, entry);
    return order;
  }
  added.sort((first, second) => {
    if (first.summary.time === second.summary.time) return 0;
    return first.summary.time < second.summary.time ? -1 : 1;
  });
  const merged: Entry[] = new Array<Entry>(order.length + added.length);
  let orderIndex = 0;
  let addedIndex = 0;
  for (let index = 0; index < merged.length; index++) {
    const next =
      addedIndex < added.length &&
      (orderIndex >= order.length || !isEarlier(order[orderIndex]!, added[addedIndex]!))
        ? added[addedIndex++]!
        : order[orderIndex++]!;
    merged[index] = next;
  }
  return merged;
}
