/** The first thing that keeps the inputs text from being one JSON object, in plain words. */
export interface InputsSyntaxProblem {
  message: string;
  /**
   * 1-based line and column in UTF-16 code units, as Monaco counts them, and the 0-based offset.
   * Absent when unknown.
   */
  location?: TextLocation;
  /** Number of characters the problem covers from `location.offset`; 1 when not stated. */
  length?: number;
  fix?: TextFix;
}

export interface TextLocation {
  line: number;
  column: number;
  offset: number;
}

/** An edit that repairs a problem: replace `length` characters at `offset` with `text`. */
export interface TextFix {
  /** The edit's name, as a quick-fix menu shows it. */
  title: string;
  offset: number;
  length: number;
  text: string;
}

/*
 * `JSON.parse` decides whether the text is valid, but its messages differ between engines and
 * speak of tokens and positions. When it fails, a small scanner walks the text to find the same
 * first error and name the usual causes: trailing commas, single or curly quotes, unquoted names,
 * comments, lone backslashes in Windows paths, Python's True/None.
 */

/** Deeper nesting than this is left to `JSON.parse`, so the recursive scanner cannot overflow. */
const MAX_SCAN_DEPTH = 500;
const MAX_QUOTED_WORD_LENGTH = 40;

const JSON_WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const CURLY_DOUBLE_QUOTES = new Set(['\u201C', '\u201D', '\u201E', '\u201F', '\u2033']);
const CURLY_SINGLE_QUOTES = new Set(['\u2018', '\u2019', '\u201A', '\u201B', '\u2032']);
const INVISIBLE_CHARACTERS = /[\s\u200B-\u200D\u2060\uFEFF]/u;
const WORD_CHARACTER = /[\p{L}\p{N}_$\-.+]/u;
const VALID_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u']);

/** Returns the first syntax problem of the inputs text, or null when it is one JSON object. */
export function findInputsSyntaxProblem(text: string): InputsSyntaxProblem | null {
  if (text.trim() === '') {
    return { message: 'The inputs are empty. Write {} to send no inputs.' };
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return (
      scanForProblem(text) ?? {
        message: `The inputs are not valid JSON: ${describeError(error)}`,
      }
    );
  }

  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const start = text.length - text.trimStart().length;
    return {
      message: 'The inputs must be one object in curly braces, such as {"topic": "cats"}.',
      location: locate(text, start),
    };
  }
  return null;
}

function scanForProblem(text: string): InputsSyntaxProblem | null {
  try {
    new JsonScanner(text).scanDocument();
  } catch (stop) {
    if (stop instanceof ScanStop) {
      return stop.problem;
    }
    if (stop instanceof ScanTooDeep) {
      return null;
    }
    throw stop;
  }
  return null;
}

/** Converts a 0-based offset into a 1-based line and column, counting CRLF as one line break. */
export function locate(text: string, offset: number): TextLocation {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index += 1) {
    if (text[index] === '\n') {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

class ScanStop {
  constructor(readonly problem: InputsSyntaxProblem) {}
}

class ScanTooDeep {}

type Closer = '}' | ']';

/** A recursive-descent walk over JSON text that stops with a `ScanStop` at the first error. */
class JsonScanner {
  private offset = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  scanDocument(): void {
    this.skipWhitespace();
    this.scanValue(null);
    this.skipWhitespace();
    if (this.offset < this.text.length) {
      this.fail(
        this.offset,
        'There is more text after the end of the inputs. Remove it, or move it inside the outer { }.',
      );
    }
  }

  private peek(): string | undefined {
    return this.text[this.offset];
  }

  private fail(offset: number, message: string, edit?: Omit<TextFix, 'offset'>): never {
    const fix = edit ? { ...edit, offset } : undefined;
    throw new ScanStop({
      message,
      location: locate(this.text, offset),
      length: edit && edit.length > 0 ? edit.length : 1,
      fix,
    });
  }

  private skipWhitespace(): void {
    while (this.offset < this.text.length) {
      const character = this.text[this.offset] ?? '';
      if (JSON_WHITESPACE.has(character)) {
        this.offset += 1;
        continue;
      }
      const next = this.text[this.offset + 1];
      if (character === '/' && (next === '/' || next === '*')) {
        this.fail(
          this.offset,
          'Comments (// or /* */) are not allowed in JSON. Remove this comment.',
          { title: 'Remove the comment', length: this.measureComment(next), text: '' },
        );
      }
      if (character === '\uFEFF' && this.offset === 0) {
        this.fail(
          this.offset,
          'The text starts with an invisible byte-order mark (U+FEFF), which some editors add when saving a file. Remove it.',
          { title: 'Remove the byte-order mark', length: 1, text: '' },
        );
      }
      if (character === '\u00A0') {
        this.fail(
          this.offset,
          'There is a non-breaking space (U+00A0) here, often pasted from a web page or document. Replace it with a normal space.',
          { title: 'Replace with a normal space', length: 1, text: ' ' },
        );
      }
      if (INVISIBLE_CHARACTERS.test(character)) {
        this.fail(
          this.offset,
          `There is an invisible special character (${describeCodePoint(character)}) here. ` +
            'Delete it and type a normal space if one is needed.',
          { title: 'Delete the invisible character', length: character.length, text: '' },
        );
      }
      return;
    }
  }

  /** Counts the characters of the comment at the current offset, up to its end. */
  private measureComment(kind: string | undefined): number {
    const start = this.offset;
    if (kind === '/') {
      const lineEnd = this.text.slice(start).search(/\r?\n/);
      return lineEnd === -1 ? this.text.length - start : lineEnd;
    }
    const close = this.text.indexOf('*/', start + 2);
    return close === -1 ? this.text.length - start : close + 2 - start;
  }

  /** `nameBefore` is the object name this value belongs to, so messages can quote it. */
  private scanValue(nameBefore: string | null): void {
    const character = this.peek();
    const start = this.offset;

    if (character === undefined) {
      this.fail(
        start,
        'The text ends where a value should be. Add a value, such as "" for empty text.',
      );
    }
    if (character === '{') {
      this.scanContainer('}');
      return;
    }
    if (character === '[') {
      this.scanContainer(']');
      return;
    }
    if (character === '"') {
      this.scanString();
      return;
    }
    this.rejectWrongQuote(character);
    if (character === '-' || character === '+' || character === '.' || isDigit(character)) {
      this.scanNumber();
      return;
    }
    if (WORD_CHARACTER.test(character)) {
      this.scanWord();
      return;
    }
    if (character === ',' || character === '}' || character === ']') {
      this.fail(
        start,
        nameBefore === null
          ? 'A value is missing here. Write "" for empty text.'
          : `A value is missing after "${shorten(nameBefore)}":. Write "" for empty text.`,
      );
    }
    this.fail(start, `The character ${describeCharacter(character)} is not allowed here.`);
  }

  private rejectWrongQuote(character: string): void {
    if (character === "'") {
      this.fail(
        this.offset,
        'This text is in single quotes (\'…\'). JSON needs double quotes ("…") around text and names.',
        this.findSingleQuotedFix(),
      );
    }
    if (CURLY_DOUBLE_QUOTES.has(character) || CURLY_SINGLE_QUOTES.has(character)) {
      this.fail(
        this.offset,
        `This is a curly quote (${character}). JSON needs straight double quotes ("). Word processors and chat apps often change them; type the quote again here.`,
        { title: 'Replace with a straight double quote', length: 1, text: '"' },
      );
    }
  }

  /** Rewrites '…' starting at the current offset as "…", when it closes on the same line. */
  private findSingleQuotedFix(): Omit<TextFix, 'offset'> | undefined {
    const start = this.offset;
    for (let index = start + 1; index < this.text.length; index += 1) {
      const character = this.text[index];
      if (character === '\n' || character === '\r') return undefined;
      if (character === "'" && this.text[index - 1] !== '\\') {
        const content = this.text.slice(start + 1, index).replace(/\\'/g, "'");
        return {
          title: 'Use double quotes',
          length: index + 1 - start,
          text: JSON.stringify(content),
        };
      }
    }
    return undefined;
  }

  private scanContainer(closer: Closer): void {
    const openOffset = this.offset;
    this.depth += 1;
    if (this.depth > MAX_SCAN_DEPTH) throw new ScanTooDeep();

    this.offset += 1;
    this.skipWhitespace();
    if (this.peek() === closer) {
      this.offset += 1;
      this.depth -= 1;
      return;
    }

    for (;;) {
      this.scanMember(closer, openOffset);
      this.skipWhitespace();

      const character = this.peek();
      if (character === ',') {
        const commaOffset = this.offset;
        this.offset += 1;
        this.skipWhitespace();
        if (this.peek() === '}' || this.peek() === ']') {
          this.fail(commaOffset, 'There is a comma after the last item. Remove this comma.', {
            title: 'Remove the comma',
            length: 1,
            text: '',
          });
        }
        continue;
      }
      if (character === closer) {
        this.offset += 1;
        this.depth -= 1;
        return;
      }
      this.rejectBadEnd(closer, openOffset, character);
      if (character === '"' && this.text[this.offset - 1] === '"') {
        this.fail(this.offset, 'There is one " too many here, or a comma is missing before it.');
      }
      this.fail(this.offset, 'A comma is missing before this. Add , after the value before it.');
    }
  }

  private scanMember(closer: Closer, openOffset: number): void {
    if (closer === ']') {
      this.scanValue(null);
      return;
    }

    const name = this.scanName(openOffset);
    this.skipWhitespace();
    const character = this.peek();
    if (character !== ':') {
      this.rejectBadEnd(closer, openOffset, character);
      this.fail(this.offset, `Add a colon (:) between the name "${shorten(name)}" and its value.`);
    }
    this.offset += 1;
    this.skipWhitespace();
    this.scanValue(name);
  }

  private scanName(openOffset: number): string {
    const character = this.peek();
    if (character === '"') return this.scanString();
    if (character === undefined) this.failUnclosed('}', openOffset);

    this.rejectWrongQuote(character);
    if (WORD_CHARACTER.test(character)) {
      const word = this.readWord();
      this.fail(
        this.offset - word.length,
        `The name ${shorten(word)} needs double quotes around it: "${shorten(word)}".`,
        { title: 'Add double quotes', length: word.length, text: JSON.stringify(word) },
      );
    }
    this.fail(this.offset, 'A name in double quotes should start here, such as "topic".');
  }

  private failUnclosed(closer: Closer, openOffset: number): never {
    const opener = closer === '}' ? '{' : '[';
    const { line } = locate(this.text, openOffset);
    this.fail(
      openOffset,
      `The ${opener} on line ${line} is never closed. Add ${closer} at the end.`,
    );
  }

  /** Fails when the text ends inside a container or closes it with the wrong bracket. */
  private rejectBadEnd(closer: Closer, openOffset: number, character: string | undefined): void {
    if (character === undefined) this.failUnclosed(closer, openOffset);
    if ((character === '}' || character === ']') && character !== closer) {
      const opener = closer === '}' ? '{' : '[';
      const { line } = locate(this.text, openOffset);
      this.fail(
        this.offset,
        `This ${character} does not match the ${opener} on line ${line}. Use ${closer} here.`,
      );
    }
  }

  private scanString(): string {
    const openOffset = this.offset;
    this.offset += 1;
    let value = '';

    for (;;) {
      const character = this.peek();
      if (character === undefined) {
        this.fail(openOffset, 'This text is never closed. Add " at its end.');
      }
      if (character === '"') {
        this.offset += 1;
        return value;
      }
      if (character === '\n' || character === '\r') {
        this.fail(
          openOffset,
          'This text is not closed before the end of its line. Add " at its end, or write \\n for a line break inside text.',
        );
      }
      if (character < ' ') {
        this.fail(
          this.offset,
          'A tab or other control character is inside this text. Write \\t for a tab, or delete it.',
        );
      }
      if (character === '\\') {
        this.scanEscape();
        value += '\\';
        continue;
      }
      value += character;
      this.offset += 1;
    }
  }

  private scanEscape(): void {
    const escaped = this.text[this.offset + 1];
    if (escaped === undefined || !VALID_ESCAPES.has(escaped)) {
      this.fail(
        this.offset,
        'A backslash (\\) inside text must be written twice, as in "C:\\\\Users", unless it starts \\n, \\t, \\" or \\uXXXX.',
      );
    }
    if (
      escaped === 'u' &&
      !/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.offset + 2, this.offset + 6))
    ) {
      this.fail(this.offset, '\\u must be followed by four hexadecimal digits, such as \\u00e9.');
    }
    this.offset += escaped === 'u' ? 6 : 2;
  }

  private scanNumber(): void {
    const start = this.offset;
    const word = this.readWord();

    if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(word)) return;

    if (/^-?(Infinity|NaN)$/.test(word)) {
      this.fail(start, `JSON has no ${word}. Put it in double quotes, or use null.`);
    }
    if (word.startsWith('+')) {
      this.fail(start, 'Numbers cannot start with +. Remove the + sign.');
    }
    if (/^-?0\d/.test(word)) {
      this.fail(
        start,
        `Numbers cannot start with 0, so ${shorten(word)} is not a number. Put it in double quotes to keep the zero, as "${shorten(word)}".`,
      );
    }
    if (/^-?\./.test(word)) {
      this.fail(start, 'A number cannot start with a decimal point. Write 0 before it, as in 0.5.');
    }
    if (/^-?\d+\.([eE]|$)/.test(word)) {
      this.fail(
        start,
        'A number cannot end with a decimal point. Add a digit after it, or remove it.',
      );
    }
    this.fail(
      start,
      `${shorten(word)} is neither a number nor text. Put it in double quotes if it is text: "${shorten(word)}".`,
    );
  }

  private scanWord(): void {
    const start = this.offset;
    const word = this.readWord();
    if (word === 'true' || word === 'false' || word === 'null') return;

    const lowerCase = word.toLowerCase();
    if (lowerCase === 'true' || lowerCase === 'false' || lowerCase === 'null') {
      this.fail(start, `Write ${lowerCase} in lower case. JSON knows only true, false and null.`, {
        title: `Write ${lowerCase}`,
        length: word.length,
        text: lowerCase,
      });
    }
    if (word === 'None' || word === 'undefined' || word === 'nil') {
      this.fail(start, `JSON has no ${word}. Write null, or put text in double quotes.`, {
        title: 'Write null',
        length: word.length,
        text: 'null',
      });
    }
    if (word === 'NaN' || word === 'Infinity') {
      this.fail(start, `JSON has no ${word}. Put it in double quotes, or use null.`);
    }
    this.fail(
      start,
      `The text ${shorten(word)} needs double quotes around it: "${shorten(word)}".`,
      { title: 'Add double quotes', length: word.length, text: JSON.stringify(word) },
    );
  }

  private readWord(): string {
    const start = this.offset;
    while (this.offset < this.text.length && WORD_CHARACTER.test(this.text[this.offset] ?? '')) {
      this.offset += 1;
    }
    return this.text.slice(start, this.offset);
  }
}

function isDigit(character: string): boolean {
  return character >= '0' && character <= '9';
}

function shorten(word: string): string {
  return word.length > MAX_QUOTED_WORD_LENGTH ? `${word.slice(0, MAX_QUOTED_WORD_LENGTH)}…` : word;
}

function describeCodePoint(character: string): string {
  const hex = (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex}`;
}

function describeCharacter(character: string): string {
  return character.trim() === '' || character < ' '
    ? describeCodePoint(character)
    : `"${character}"`;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
