import { isBlank, lineBreakLength, WordCollector, type ShellWords } from './shell-words.ts';

const OPERATORS = new Set(['&', '|', '<', '>']);

/**
 * Splits a Windows cmd command line into words as cmd and the C runtime's argument parser do
 * together: ^ escapes the next character outside quotes and ^ at a line end continues the line,
 * "…" quotes, "" inside quotes is one ", and \" is a literal ". Backslashes before a quote pair up.
 */
export function splitCmdWords(text: string): ShellWords {
  const collector = new WordCollector();
  let isQuoted = false;
  let index = 0;

  while (index < text.length) {
    const character = text[index] ?? '';

    if (character === '^' && !isQuoted) {
      const breakLength = lineBreakLength(text, index + 1);
      if (breakLength > 0) index += 1 + breakLength;
      else {
        const next = text[index + 1];
        if (next !== undefined) collector.append(next);
        index += 2;
      }
    } else if (character === '\\') {
      index = readBackslashes(text, index, collector);
    } else if (character === '"') {
      if (isQuoted && text[index + 1] === '"') {
        collector.append('"');
        index += 2;
      } else {
        isQuoted = !isQuoted;
        collector.start();
        index += 1;
      }
    } else if (!isQuoted && isBlank(character)) {
      collector.end();
      index += 1;
    } else if (!isQuoted && OPERATORS.has(character)) {
      collector.noteOperator(character);
      break;
    } else {
      const variable =
        character === '%' ? /^%[A-Za-z_][A-Za-z0-9_]*%/.exec(text.slice(index, index + 80)) : null;
      if (variable) collector.noteVariable(variable[0]);
      collector.append(character);
      index += 1;
    }
  }
  if (isQuoted) collector.noteUnclosed('double');
  return collector.finish();
}

/** 2n backslashes before " are n backslashes and a quote mark; 2n+1 are n and a literal ". */
function readBackslashes(text: string, start: number, collector: WordCollector): number {
  let end = start;
  while (text[end] === '\\') end += 1;
  const count = end - start;
  if (text[end] !== '"') {
    collector.append('\\'.repeat(count));
    return end;
  }
  collector.append('\\'.repeat(Math.floor(count / 2)));
  if (count % 2 === 1) {
    collector.append('"');
    return end + 1;
  }
  return end;
}
