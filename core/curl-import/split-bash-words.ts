import { isBlank, lineBreakLength, WordCollector, type ShellWords } from './shell-words.ts';

const OPERATORS = new Set([';', '|', '&', '<', '>']);
const VARIABLE_START = /[A-Za-z_{(]/;

/**
 * Splits a bash command line into words: '…' literal, "…" with \ before $ ` " \, $'…' with C
 * escapes, and backslash line breaks. Variables are kept as written, because nothing is run, and
 * reading stops at the first operator (| ; & < >) outside quotes.
 */
export function splitBashWords(text: string): ShellWords {
  const collector = new WordCollector();
  let index = 0;

  while (index < text.length) {
    const character = text[index] ?? '';
    const next = text[index + 1];

    if (character === '\\') {
      const breakLength = lineBreakLength(text, index + 1);
      if (breakLength > 0) index += 1 + breakLength;
      else {
        if (next !== undefined) collector.append(next);
        index += 2;
      }
    } else if (character === "'") {
      index = readSingleQuoted(text, index + 1, collector);
    } else if (character === '$' && next === "'") {
      index = readAnsiCQuoted(text, index + 2, collector);
    } else if (character === '"') {
      index = readDoubleQuoted(text, index + 1, collector);
    } else if (isBlank(character)) {
      collector.end();
      index += 1;
    } else if (character === '#' && !collector.hasWord) {
      const lineEnd = text.indexOf('\n', index);
      index = lineEnd === -1 ? text.length : lineEnd;
    } else if (OPERATORS.has(character)) {
      collector.noteOperator(character);
      break;
    } else {
      if (character === '$' && next !== undefined && VARIABLE_START.test(next)) {
        collector.noteVariable(readVariableName(text, index));
      }
      collector.append(character);
      index += 1;
    }
  }
  return collector.finish();
}

function readSingleQuoted(text: string, start: number, collector: WordCollector): number {
  const end = text.indexOf("'", start);
  collector.start();
  if (end === -1) {
    collector.noteUnclosed('single');
    collector.append(text.slice(start));
    return text.length;
  }
  collector.append(text.slice(start, end));
  return end + 1;
}

function readDoubleQuoted(text: string, start: number, collector: WordCollector): number {
  collector.start();
  let index = start;
  while (index < text.length) {
    const character = text[index] ?? '';
    const next = text[index + 1];
    if (character === '"') return index + 1;
    if (character === '\\') {
      const breakLength = lineBreakLength(text, index + 1);
      if (breakLength > 0) {
        index += 1 + breakLength;
        continue;
      }
      if (next === '$' || next === '`' || next === '"' || next === '\\') {
        collector.append(next);
        index += 2;
        continue;
      }
    }
    if (character === '$' && next !== undefined && VARIABLE_START.test(next)) {
      collector.noteVariable(readVariableName(text, index));
    }
    collector.append(character);
    index += 1;
  }
  collector.noteUnclosed('double');
  return index;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** Reads bash's $'…' quoting, whose backslash escapes work as in C. */
function readAnsiCQuoted(text: string, start: number, collector: WordCollector): number {
  collector.start();
  let index = start;
  while (index < text.length) {
    const character = text[index] ?? '';
    if (character === "'") return index + 1;
    if (character !== '\\') {
      collector.append(character);
      index += 1;
      continue;
    }

    const escaped = text[index + 1] ?? '';
    const simple = SIMPLE_ESCAPES[escaped];
    if (simple !== undefined) {
      collector.append(simple);
      index += 2;
      continue;
    }
    const numeric = readNumericEscape(text, index + 1);
    if (numeric) {
      collector.append(numeric.text);
      index = numeric.end;
      continue;
    }
    collector.append(`\\${escaped}`);
    index += escaped === '' ? 1 : 2;
  }
  collector.noteUnclosed("$'");
  return index;
}

const NUMERIC_ESCAPES: Record<string, { digits: RegExp; radix: number }> = {
  x: { digits: /^[0-9a-fA-F]{1,2}/, radix: 16 },
  u: { digits: /^[0-9a-fA-F]{1,4}/, radix: 16 },
  U: { digits: /^[0-9a-fA-F]{1,8}/, radix: 16 },
};

/** Reads \xHH, \uHHHH, \UHHHHHHHH or \NNN (octal) at `start`, the character after the backslash. */
function readNumericEscape(text: string, start: number): { text: string; end: number } | undefined {
  const letter = text[start] ?? '';
  const hex = NUMERIC_ESCAPES[letter];
  const rest = text.slice(hex ? start + 1 : start, start + 10);
  const digits = hex ? hex.digits.exec(rest)?.[0] : /^[0-7]{1,3}/.exec(rest)?.[0];
  if (digits === undefined) return undefined;

  const codePoint = Number.parseInt(digits, hex ? hex.radix : 8);
  // Beyond U+10FFFF there is no character, so the escape stays as written.
  if (codePoint > 0x10ffff) return undefined;
  return {
    text: String.fromCodePoint(codePoint),
    end: (hex ? start + 1 : start) + digits.length,
  };
}

function readVariableName(text: string, start: number): string {
  return (
    /^\$(\{[^}]*\}?|\([^)]*\)?|[A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(start, start + 80))?.[0] ??
    '$'
  );
}
