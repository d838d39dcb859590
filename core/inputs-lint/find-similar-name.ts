/** The declared input name a key most resembles, and whether only capitals differ. */
export interface SimilarName {
  name: string;
  /** True when the two differ only in capital letters. */
  isCaseOnly: boolean;
}

/**
 * Finds the declared name that `key` most likely means: the same name in other capitals or
 * without separators (`Company Name`, `companyName`), or one a few typing mistakes away. Returns
 * undefined when no name is close enough to suggest.
 */
export function findSimilarName(key: string, names: readonly string[]): SimilarName | undefined {
  const lowerKey = key.toLowerCase();
  const caseOnly = names.find((name) => name !== key && name.toLowerCase() === lowerKey);
  if (caseOnly !== undefined) return { name: caseOnly, isCaseOnly: true };

  const squashedKey = squash(key);
  const sameLetters = names.find((name) => squashedKey !== '' && squash(name) === squashedKey);
  if (sameLetters !== undefined) return { name: sameLetters, isCaseOnly: false };

  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const lowerName = name.toLowerCase();
    const limit = allowedDistance(Math.max(lowerName.length, lowerKey.length));
    if (Math.abs(lowerName.length - lowerKey.length) > limit) continue;
    const distance = measureEditDistance(lowerKey, lowerName, limit);
    if (distance <= limit && (best === undefined || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best ? { name: best.name, isCaseOnly: false } : undefined;
}

/** Lower case without spaces, dashes or underscores, so `Company-Name` meets `company_name`. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]/g, '');
}

/** Short names get fewer allowed mistakes, so `id` does not suggest `ip`. */
function allowedDistance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 10) return 2;
  return 3;
}

/**
 * Counts insertions, deletions, substitutions and swaps of two neighbours (optimal string
 * alignment distance). Stops early once every path exceeds `limit`, so a long key stays cheap.
 */
export function measureEditDistance(first: string, second: string, limit: number): number {
  const rows = first.length + 1;
  const columns = second.length + 1;
  let previousPrevious = new Array<number>(columns).fill(0);
  let previous = Array.from({ length: columns }, (_, index) => index);

  for (let row = 1; row < rows; row += 1) {
    const current = new Array<number>(columns).fill(0);
    current[0] = row;
    let rowMinimum = current[0];
    for (let column = 1; column < columns; column += 1) {
      const cost = first[row - 1] === second[column - 1] ? 0 : 1;
      let value = Math.min(
        (previous[column] ?? 0) + 1,
        (current[column - 1] ?? 0) + 1,
        (previous[column - 1] ?? 0) + cost,
      );
      const isSwap =
        row > 1 &&
        column > 1 &&
        first[row - 1] === second[column - 2] &&
        first[row - 2] === second[column - 1];
      if (isSwap) value = Math.min(value, (previousPrevious[column - 2] ?? 0) + 1);
      current[column] = value;
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[columns - 1] ?? 0;
}
