/** Words of a command line after the shell's quoting is removed, and what could not be read. */
export interface ShellWords {
  words: string[];
  notes: string[];
}

export type ShellDialect = 'bash' | 'cmd' | 'powershell';

/** Collects words and notes while a splitter walks a command line. */
export class WordCollector {
  readonly words: string[] = [];
  readonly notes = new Set<string>();
  private word = '';
  private isInWord = false;

  append(text: string): void {
    this.word += text;
    this.isInWord = true;
  }

  /** Marks a word as started, so a pair of empty quotes still makes an empty word. */
  start(): void {
    this.isInWord = true;
  }

  end(): void {
    if (this.isInWord) this.words.push(this.word);
    this.word = '';
    this.isInWord = false;
  }

  get hasWord(): boolean {
    return this.isInWord;
  }

  finish(): ShellWords {
    this.end();
    return { words: this.words, notes: [...this.notes] };
  }

  noteOperator(operator: string): void {
    this.notes.add(
      `Everything from "${operator}" on was ignored, because it starts another command or a redirection.`,
    );
  }

  noteVariable(name: string): void {
    this.notes.add(
      `${name} is a shell variable; it was kept as written, because the app does not run the shell.`,
    );
  }

  noteUnclosed(quote: string): void {
    this.notes.add(`A ${quote} quote is never closed; the text up to the end was read as quoted.`);
  }
}

export function isBlank(character: string): boolean {
  return character === ' ' || character === '\t' || character === '\n' || character === '\r';
}

/** Measures a line break at `index` (LF or CRLF), returning its length or 0. */
export function lineBreakLength(text: string, index: number): number {
  if (text[index] === '\n') return 1;
  if (text[index] === '\r' && text[index + 1] === '\n') return 2;
  return 0;
}
