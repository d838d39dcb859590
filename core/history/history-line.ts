import { HISTORY_FORMAT_VERSION, readHistoryRecord, type HistoryRecord } from './history-record.ts';

/**
 * One line of a history segment file. Runs are appended whole; deletes, restores and pins are
 * appended as small update lines, so no line is ever rewritten in place.
 */
export type HistoryLine =
  | { type: 'run'; record: HistoryRecord }
  | { type: 'delete'; ids: string[] }
  | { type: 'restore'; ids: string[] }
  | { type: 'pin'; id: string; pinned: boolean };

/** Encodes a line as one line of JSON with its newline. */
export function encodeHistoryLine(line: HistoryLine): string {
  return `${JSON.stringify({ format: HISTORY_FORMAT_VERSION, ...line })}\n`;
}

/**
 * Decodes one line. Lines of format 0 are bare run records. Lines of a newer format are read
 * the same way, so a history written by a newer version still opens as far as it is understood.
 * Returns undefined for a line that is not JSON or has no known shape.
 */
export function decodeHistoryLine(text: string): HistoryLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;

  if (raw.format === undefined) {
    const record = readHistoryRecord(raw);
    return record ? { type: 'run', record } : undefined;
  }
  switch (raw.type) {
    case 'run': {
      const record = readHistoryRecord(raw.record);
      return record ? { type: 'run', record } : undefined;
    }
    case 'delete':
    case 'restore':
      return isStringArray(raw.ids) ? { type: raw.type, ids: raw.ids } : undefined;
    case 'pin':
      return typeof raw.id === 'string' && typeof raw.pinned === 'boolean'
        ? { type: 'pin', id: raw.id, pinned: raw.pinned }
        : undefined;
    default:
      return undefined;
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
