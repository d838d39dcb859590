import { isBlank, lineBreakLength, WordCollector, type ShellWords } from './shell-words.ts';

const OPERATORS = new Set([';', '|', '>', '<']);
const BACKTICK_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * Splits a PowerShell command line into words: '…' literal with '' for ', "…" with `x escapes
 * and "" for ", and a backtick at a line end continuing the line. A leading & (the call
 * operator) is dropped. Variables are kept as written.
 */
export function splitPowerShellWords(text: string): ShellWords {
  const collector = new WordCollector();
  let index = 0;

  while (index < text.length) {
    const character = text[index] ?? '';

    if (character === '`') {
      const breakLength = lineBreakLength(text, index + 1);
      if (breakLength > 0) index += 1 + breakLength;
      else {
        const next = text[index + 1];
        if (next !== undefined) collector.append(next);
        index += 2;
      }
    } else if (character === "'") {
      index = readSingleQuoted(text, index + 1, collector);
    } else if (character === '"') {
      index = readDoubleQuoted(text, index + 1, collector);
    } else if (isBlank(character)) {
      collector.end();
      index += 1;
    } else if (character === '#' && !collector.hasWord) {
      const lineEnd = text.indexOf('\n', index);
      index = lineEnd === -1 ? text.length : lineEnd;
    } else if (character === '&' && !collector.hasWord && collector.words.length === 0) {
      index += 1;
    } else if (OPERATORS.has(character)) {
      collector.noteOperator(character);
      break;
    } else {
      noteVariableAt(text, index, collector);
      collector.append(character);
      index += 1;
    }
  }
  return collector.finish();
}

function readSingleQuoted(text: string, start: number, collector: WordCollector): number {
  collector.start();
  let index = start;
  while (index < text.length) {
    const character = text[index] ?? '';
    if (character === "'") {
      if (text[index + 1] !== "'") return index + 1;
      collector.append("'");
      index += 2;
      continue;
    }
    collector.append(character);
    index += 1;
  }
  collector.noteUnclosed('single');
  return index;
}

function readDoubleQuoted(text: string, start: number, collector: WordCollector): number {
  collector.start();
  let index = start;
  while (index < text.length) {
    const character = text[index] ?? '';
    const next = text[index + 1];
    if (character === '"') {
      if (next !== '"') return index + 1;
      collector.append('"');
      index += 2;
      continue;
    }
    if (character === '`' && next !== undefined) {
      const breakLength = lineBreakLength(text, index + 1);
      collector.append(breakLength > 0 ? '' : (BACKTICK_ESCAPES[next] ?? next));
      index += 1 + Math.max(breakLength, 1);
      continue;
    }
    noteVariableAt(text, index, collector);
    collector.append(character);
    index += 1;
  }
  collector.noteUnclosed('double');
  return index;
}

function noteVariableAt(text: string, index: number, collector: WordCollector): void {
  if (text[index] !== '$') return;
  const variable = /^\$(env:)?[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(index, index + 80));
  if (variable) collector.noteVariable(variable[0]);
}
