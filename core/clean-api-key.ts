import type { Result } from './schemas.ts';

/** A pasted key after cleaning, with what was removed in words the user reads. */
export interface CleanedApiKey {
  apiKey: string;
  /** Each removal, such as `a leading "Bearer "`; empty when the paste was already clean. */
  removed: string[];
}

export const MAX_API_KEY_LENGTH = 4096;

const QUOTES = new Set(['"', "'", '`', '\u201c', '\u201d', '\u2018', '\u2019']);
/** Header names and schemes that people copy along with the key, matched case-insensitively. */
const PREFIXES: Array<{ pattern: RegExp; description: string }> = [
  { pattern: /^x-api-key\s*[:=]\s*/i, description: 'a leading "x-api-key:"' },
  { pattern: /^authorization\s*:\s*/i, description: 'a leading "Authorization:"' },
  { pattern: /^bearer\s+/i, description: 'a leading "Bearer "' },
];
/** Layers of quotes and prefixes peeled off at most, so a hostile paste cannot loop for long. */
const MAX_LAYERS = 8;

/**
 * Removes what people paste along with a key by mistake: surrounding spaces, a trailing line
 * break, quotes, and a leading `x-api-key:`, `Authorization:` or `Bearer `. Returns an
 * `invalid-input` failure naming the reason when what remains cannot be a key: empty, too long,
 * or containing a space, a control character or a character that HTTP headers cannot carry.
 * NOTE: the Hatz API reference does not state the key's alphabet, so any printable ASCII
 * character is accepted inside a key.
 */
export function cleanApiKey(pasted: string): Result<CleanedApiKey> {
  const removed = new Set<string>();
  let text = pasted;

  for (let layer = 0; layer < MAX_LAYERS; layer++) {
    const before = text;
    text = trimWhitespace(text, removed);
    text = stripQuotes(text, removed);
    text = stripPrefix(text, removed);
    if (text === before) break;
  }

  const reason = findKeyProblem(text);
  if (reason) return { ok: false, failure: { kind: 'invalid-input', message: reason } };
  return { ok: true, value: { apiKey: text, removed: [...removed] } };
}

function trimWhitespace(text: string, removed: Set<string>): string {
  const trimmed = text.trim();
  if (trimmed === text) return text;

  const trailing = text.slice(text.trimEnd().length);
  if (/[\r\n]/.test(trailing)) removed.add('a trailing line break');
  if (/[^\r\n]/.test(trailing) || text.trimStart() !== text) removed.add('surrounding spaces');
  return trimmed;
}

function stripQuotes(text: string, removed: Set<string>): string {
  let result = text;
  if (result.length > 0 && QUOTES.has(result[0]!)) result = result.slice(1);
  if (result.length > 0 && QUOTES.has(result.at(-1)!)) result = result.slice(0, -1);
  if (result !== text) removed.add('quotes');
  return result;
}

function stripPrefix(text: string, removed: Set<string>): string {
  for (const { pattern, description } of PREFIXES) {
    const match = pattern.exec(text);
    if (match) {
      removed.add(description);
      return text.slice(match[0].length);
    }
  }
  return text;
}

/** Describes why `apiKey` cannot be a key, or returns undefined when it can. */
function findKeyProblem(apiKey: string): string | undefined {
  if (apiKey === '') {
    return 'The API key is empty. Copy the key from Hatz (Settings, API keys) and paste it again.';
  }
  if (apiKey.length > MAX_API_KEY_LENGTH) {
    return `The API key is ${apiKey.length} characters long, more than ${MAX_API_KEY_LENGTH}; paste the key alone.`;
  }

  for (const [index, character] of [...apiKey].entries()) {
    const position = index + 1;
    if (/\s/.test(character)) {
      return `The API key contains a space or line break at position ${position}; a key has none. Paste the key alone.`;
    }
    const code = character.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) {
      return `The API key contains a control character (U+${hex(code)}) at position ${position}; copy the key again from Hatz.`;
    }
    if (code > 0x7e) {
      return `The API key contains "${character}" (U+${hex(code)}) at position ${position}, which a key cannot contain; copy the key again from Hatz.`;
    }
  }
  return undefined;
}

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}
