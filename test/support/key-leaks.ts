import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Reads every file under `directory` as Latin-1, so a key written anywhere in it is found, even
 * inside bytes that are not valid UTF-8.
 */
export async function readTree(directory: string): Promise<string> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  const contents = await Promise.all(
    files.map((entry) => readFile(join(entry.parentPath, entry.name), 'latin1')),
  );
  return contents.join('\n');
}

/**
 * Returns the forms in which a key could be written: as is, and base64 and base64url at each of
 * the three byte alignments.
 */
export function keyLeakPatterns(apiKey: string): string[] {
  const patterns = [apiKey];
  for (const prefix of ['', 'x', 'xx']) {
    const encoded = Buffer.from(prefix + apiKey);
    // The first characters depend on the prefix and the last on what follows, so both are cut.
    patterns.push(encoded.toString('base64').slice(4, -4));
    patterns.push(encoded.toString('base64url').slice(4, -4));
  }
  return patterns;
}
