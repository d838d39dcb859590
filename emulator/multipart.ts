/*
 * A small multipart/form-data parser (RFC 7578) for the upload route. It reads the whole body
 * from memory and supports what browsers, curl and undici's FormData send: quoted or bare
 * parameters, CRLF line breaks and any bytes inside a part. It ignores `filename*`.
 */

export interface MultipartPart {
  name: string;
  /** Present for file parts, possibly empty. */
  fileName?: string;
  contentType?: string;
  data: Buffer;
}

/** Thrown for a body or Content-Type header that is not valid multipart/form-data. */
export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Returns the boundary of a multipart/form-data Content-Type, or throws MultipartError. */
export function parseBoundary(contentType: string | undefined): string {
  const { type, parameters } = parseHeaderValue(contentType ?? '');
  if (type !== 'multipart/form-data') {
    throw new MultipartError(
      `Content-Type must be multipart/form-data, got ${JSON.stringify(contentType ?? '')}.`,
    );
  }

  const boundary = parameters.get('boundary');
  // RFC 2046 limits a boundary to 1 to 70 characters.
  if (boundary === undefined || boundary.length === 0 || boundary.length > 70) {
    throw new MultipartError('The multipart/form-data Content-Type has no valid boundary.');
  }
  return boundary;
}

/** Splits a multipart/form-data body into its parts, or throws MultipartError if malformed. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const partDelimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];

  // Anything before the first delimiter is a preamble, which RFC 2046 says to ignore.
  let position = body.indexOf(delimiter);
  if (position === -1) throw new MultipartError('The multipart body has no opening boundary.');
  position += delimiter.length;

  for (;;) {
    if (body.subarray(position, position + 2).toString('latin1') === '--') return parts;
    if (!body.subarray(position, position + 2).equals(CRLF)) {
      throw new MultipartError('A multipart boundary is not followed by a line break.');
    }
    position += CRLF.length;

    const headerEnd = body.indexOf(HEADER_END, position);
    if (headerEnd === -1) throw new MultipartError('A multipart part has no end of headers.');
    const dataEnd = body.indexOf(partDelimiter, headerEnd + HEADER_END.length);
    if (dataEnd === -1) throw new MultipartError('The multipart body has no closing boundary.');

    const headers = parsePartHeaders(body.subarray(position, headerEnd).toString('utf8'));
    parts.push({ ...headers, data: body.subarray(headerEnd + HEADER_END.length, dataEnd) });
    position = dataEnd + partDelimiter.length;
  }
}

function parsePartHeaders(text: string): Omit<MultipartPart, 'data'> {
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    if (name === 'content-type') contentType = value;
  }

  const { type, parameters } = parseHeaderValue(disposition ?? '');
  if (type !== 'form-data') {
    throw new MultipartError('A multipart part has no Content-Disposition: form-data header.');
  }
  const name = parameters.get('name');
  if (name === undefined) throw new MultipartError('A multipart part has no name parameter.');

  const fileName = parameters.get('filename');
  return {
    name,
    ...(fileName === undefined ? {} : { fileName }),
    ...(contentType === undefined ? {} : { contentType }),
  };
}

/**
 * Splits a header value such as `form-data; name="file"; filename="a;b.txt"` into its lowercased
 * type and its parameters. Quoted values may contain semicolons and backslash escapes. The first
 * occurrence of a parameter wins.
 */
function parseHeaderValue(value: string): { type: string; parameters: Map<string, string> } {
  const parameters = new Map<string, string>();
  const firstSemicolon = value.indexOf(';');
  const type = (firstSemicolon === -1 ? value : value.slice(0, firstSemicolon)).trim();
  let index = firstSemicolon === -1 ? value.length : firstSemicolon + 1;

  while (index < value.length) {
    const nameEnd = findFirst(value, ['=', ';'], index);
    const name = value.slice(index, nameEnd).trim().toLowerCase();
    if (value[nameEnd] !== '=') {
      index = nameEnd + 1;
      continue;
    }

    const parsed = readParameterValue(value, nameEnd + 1);
    if (name !== '' && !parameters.has(name)) parameters.set(name, parsed.value);
    index = parsed.next;
  }
  return { type: type.toLowerCase(), parameters };
}

/** Reads a bare or quoted parameter value at `start`. `next` is the index after its semicolon. */
function readParameterValue(text: string, start: number): { value: string; next: number } {
  let index = start;
  while (text[index] === ' ' || text[index] === '\t') index += 1;

  if (text[index] !== '"') {
    const end = findFirst(text, [';'], index);
    return { value: text.slice(index, end).trim(), next: end + 1 };
  }

  let value = '';
  index += 1;
  while (index < text.length && text[index] !== '"') {
    if (text[index] === '\\' && index + 1 < text.length) index += 1;
    value += text[index];
    index += 1;
  }
  return { value, next: findFirst(text, [';'], index) + 1 };
}

/** Returns the index of the first of `characters` at or after `start`, or `text.length`. */
function findFirst(text: string, characters: string[], start: number): number {
  for (let index = start; index < text.length; index += 1) {
    if (characters.includes(text[index] ?? '')) return index;
  }
  return text.length;
}
