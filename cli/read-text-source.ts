import { readFile } from 'node:fs/promises';

import { UsageError } from './cli-io.ts';

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Reads a whole text file, or standard input when `path` is `-`. A leading byte-order mark, which
 * Windows Notepad writes, is dropped: it is file encoding, not part of the text.
 */
export async function readTextSource(path: string, option: string): Promise<string> {
  const text = await readRawTextSource(path, option);
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

async function readRawTextSource(path: string, option: string): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `Cannot read ${option} "${path}" (${code ?? String(error)}). Check the path.`,
    );
  }
}

/** Reads the inputs text from `--inputs` or `--inputs-file`; undefined when neither is given. */
export async function readInputsOption(
  inline: string | undefined,
  file: string | undefined,
): Promise<string | undefined> {
  if (inline !== undefined && file !== undefined) {
    throw new UsageError('Pass either --inputs or --inputs-file, not both.');
  }
  if (file !== undefined) return readTextSource(file, '--inputs-file');
  return inline;
}
