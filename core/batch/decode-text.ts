import type { Result } from '../schemas.ts';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/**
 * Decodes a file's bytes, picking UTF-16 LE or BE from a byte-order mark and UTF-8 otherwise. The
 * mark itself is dropped. Bytes that are not valid in the chosen encoding are a failure, because a
 * replacement character sent to a workflow would change the input without anyone noticing.
 */
export function decodeText(bytes: Uint8Array): Result<DecodedText> {
  const encoding = detectEncoding(bytes);
  try {
    // TextDecoder drops the byte-order mark of its own encoding unless `ignoreBOM` is set.
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return { ok: true, value: { text, encoding } };
  } catch {
    // Spreadsheet programs often save CSV as Windows-1252 or Latin-1, which is not valid UTF-8.
    const fix =
      encoding === 'utf-8'
        ? 'It may be Latin-1 or Windows-1252. Save it as "CSV UTF-8" (or UTF-16 with a byte-order mark) and use it again.'
        : 'Save the file again as UTF-8 and use it again.';
    return {
      ok: false,
      failure: {
        kind: 'invalid-input',
        message: `The file is not valid ${encoding.toUpperCase()} text. ${fix}`,
      },
    };
  }
}

function detectEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}
