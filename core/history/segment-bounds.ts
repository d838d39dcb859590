import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

/**
 * Sidecar file with the latest run time of each block of each segment. It contains no run data,
 * only facts derived from the segments, so it can be deleted at any time and is rebuilt after
 * the next full read.
 */
export const SEGMENT_BOUNDS_FILE = 'segment-bounds.json';
const SEGMENT_BOUNDS_VERSION = 1;

/**
 * Bytes after which a block of a segment is closed at the next line end. Smaller blocks let
 * opening read less before the newest page is known, and make the sidecar file larger.
 */
export const BLOCK_BYTES = 512 * 1024;

/** A block of a segment: its bytes end at `end`, right after a line break. */
export interface SegmentBlock {
  end: number;
  /** Latest run time in the block as an ISO 8601 string, or null when the block has no run. */
  maxTime: string | null;
}

const boundsFileSchema = z.object({
  version: z.literal(SEGMENT_BOUNDS_VERSION),
  segments: z.record(
    z.string(),
    z.array(z.tuple([z.number().int().positive(), z.string().nullable()])),
  ),
});

/**
 * Reads the blocks of every segment from the sidecar file. Returns an empty map when the file is
 * missing, unreadable, from another version or malformed, so the caller reads every segment in
 * full, as without the file.
 */
export async function readSegmentBounds(directory: string): Promise<Map<string, SegmentBlock[]>> {
  const bounds = new Map<string, SegmentBlock[]>();
  let text: string;
  try {
    text = await readFile(join(directory, SEGMENT_BOUNDS_FILE), 'utf8');
  } catch {
    return bounds;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bounds;
  }
  const parsed = boundsFileSchema.safeParse(value);
  if (!parsed.success) return bounds;
  for (const [name, tuples] of Object.entries(parsed.data.segments)) {
    const blocks = tuples.map(([end, maxTime]) => ({ end, maxTime }));
    const isIncreasing = blocks.every(
      (block, index) => index === 0 || block.end > blocks[index - 1]!.end,
    );
    if (isIncreasing && blocks.length > 0) bounds.set(name, blocks);
  }
  return bounds;
}

/**
 * Replaces the sidecar file through a temporary file of this process, so a reader never sees a
 * partial file and two processes never write the same temporary file. It is not flushed to disk,
 * because a file lost or emptied by a power cut is only read as missing.
 */
export async function writeSegmentBounds(
  directory: string,
  bounds: Map<string, SegmentBlock[]>,
): Promise<void> {
  const segments: Record<string, [number, string | null][]> = {};
  for (const [name, blocks] of bounds) {
    segments[name] = blocks.map((block) => [block.end, block.maxTime]);
  }
  const path = join(directory, SEGMENT_BOUNDS_FILE);
  const temporaryPath = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  const text = `${JSON.stringify({ version: SEGMENT_BOUNDS_VERSION, segments })}\n`;
  try {
    await writeFile(temporaryPath, text);
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

/** Returns the later of two run times, where null means no run. */
export function laterTime(first: string | null, second: string | null): string | null {
  if (first === null) return second;
  if (second === null) return first;
  return second > first ? second : first;
}
