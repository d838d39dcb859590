import { isBlank, lineBreakLength, WordCollector, type ShellWords } from './shell-words.ts';

const OPERATORS = new Set(['&', '|', '<', '>']);

/**
 * Splits a Windows cmd command line into words in the two steps Windows takes. First cmd reads
 * the line: outside its own quotes, ^ escapes the next character, ^ at a line end continues the
 * line, and &, |, < and > end the command. Then the C runtime's argument parser splits what cmd
 * passed on: "…" quotes, "" inside quotes is one ", and backslashes before a quote pair up. An
 * escaped ^" therefore quotes for the C runtime only, which is how Chrome's "Copy as cURL (cmd)"
 * quotes every word (`escapeStringWin` in Chrome DevTools' NetworkLogView).
 */
export function splitCmdWords(text: string): ShellWords {
  const collector = new WordCollector();
  const commandLine = readAsCmd(text, collector);
  splitArguments(commandLine, collector);
  return collector.finish();
}

/** Applies cmd's own reading and returns the command line it passes to the program. */
function readAsCmd(text: string, collector: WordCollector): string {
  let commandLine = '';
  let isQuoted = false;
  let index = 0;

  while (index < text.length) {
    const character = text[index] ?? '';

    if (character === '^' && !isQuoted) {
      const breakLength = lineBreakLength(text, index + 1);
      // An escaped quote reaches the program but does not change cmd's own quote state.
      if (breakLength === 0) commandLine += text[index + 1] ?? '';
      index += 1 + Math.max(breakLength, 1);
      continue;
    }
    if (character === '"') isQuoted = !isQuoted;
    if (!isQuoted && OPERATORS.has(character)) {
      collector.noteOperator(character);
      break;
    }
    if (character === '%') {
      const variable = /^%[A-Za-z_][A-Za-z0-9_]*%/.exec(text.slice(index, index + 80));
      if (variable) collector.noteVariable(variable[0]);
    }
    commandLine += character;
    index += 1;
  }
  return commandLine;
}

/** Splits a command line into arguments as the C runtime's parser does. */
function splitArguments(commandLine: string, collector: WordCollector): void {
  let isQuoted = false;
  let index = 0;

  while (index < commandLine.length) {
    const character = commandLine[index] ?? '';

    if (character === '\\') {
      index = readBackslashes(commandLine, index, collector);
    } else if (character === '"') {
      if (isQuoted && commandLine[index + 1] === '"') {
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
    } else {
      collector.append(character);
      index += 1;
    }
  }
  if (isQuoted) collector.noteUnclosed('double');
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
