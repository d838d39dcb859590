import { isRecord, tryParseJson } from './json.ts';

const MAX_MESSAGE_LENGTH = 500;

/**
 * Extracts the server's error text from a reply body. Hatz does not document its error bodies, so
 * this tries FastAPI's `detail` (a string or a list of `{loc, msg}`), then `error.message`, then
 * `message`, and otherwise returns the body itself, with HTML tags removed.
 */
export function readErrorBody(body: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;

  const parsed = tryParseJson(trimmed);
  if (isRecord(parsed)) {
    const fromFields =
      readDetail(parsed.detail) ?? readMessage(parsed.error) ?? readString(parsed.message);
    if (fromFields) return shorten(fromFields);
  }
  if (typeof parsed === 'string') return shorten(parsed);

  return shorten(
    trimmed
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** Returns the input names that a "missing required inputs" error names, in FastAPI or text form. */
export function readMissingInputs(body: string, message: string): string[] {
  const parsed = tryParseJson(body.trim());
  if (isRecord(parsed) && Array.isArray(parsed.detail)) {
    const names = parsed.detail
      .filter(isRecord)
      .filter((entry) => /missing|required/i.test(String(entry.msg ?? entry.type ?? '')))
      .map((entry) => (Array.isArray(entry.loc) ? entry.loc.at(-1) : undefined))
      .filter((name): name is string => typeof name === 'string' && name !== 'inputs');
    if (names.length > 0) return names;
  }

  const listed = /missing required inputs?\s*[:\-]\s*(.+)$/i.exec(message);
  if (!listed?.[1]) return [];
  return listed[1]
    .split(',')
    .map((name) => name.trim().replace(/^['"`]|['"`.]$/g, ''))
    .filter((name) => name !== '');
}

function readDetail(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail;
  if (!Array.isArray(detail)) return undefined;

  const parts = detail.filter(isRecord).map((entry) => {
    const location = Array.isArray(entry.loc) ? entry.loc.join('.') : '';
    const message = readString(entry.msg) ?? '';
    return location ? `${location}: ${message}` : message;
  });
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function readMessage(error: unknown): string | undefined {
  if (typeof error === 'string') return error;
  return isRecord(error) ? readString(error.message) : undefined;
}

function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function shorten(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}
