import type { UserInput } from '../schemas.ts';
import type { ColumnMapping } from './batch-schemas.ts';

/** Edits allowed between a column name and an input name for a spelling suggestion. */
const MAX_SPELLING_DISTANCE = 2;

/**
 * Maps column names to the workflow's inputs. Hatz matches input names exactly and with case, so
 * only exact names are assigned. A column that matches by case, by spelling (separators, the
 * display name, or up to two typing errors) is left unassigned with a suggestion.
 */
export function mapColumns(
  columns: readonly string[],
  inputs: readonly UserInput[],
): ColumnMapping {
  const assignments: Record<string, string | null> = {};
  const suggestions: ColumnMapping['suggestions'] = [];
  const extraColumns: string[] = [];
  const inputNames = new Set(inputs.map((input) => input.variableName));

  for (const column of columns) {
    if (inputNames.has(column)) {
      assignments[column] = column;
      continue;
    }
    assignments[column] = null;
    const suggestion = suggestInput(column, inputs);
    if (suggestion) suggestions.push({ column, ...suggestion });
    else extraColumns.push(column);
  }

  return {
    assignments,
    suggestions,
    missingRequired: findMissingRequired(assignments, inputs),
    extraColumns,
  };
}

/** Returns the required inputs that no column is assigned to, in form order. */
export function findMissingRequired(
  assignments: Record<string, string | null>,
  inputs: readonly UserInput[],
): string[] {
  const assigned = new Set(Object.values(assignments));
  return [...inputs]
    .sort((left, right) => left.position - right.position)
    .filter((input) => input.required && !assigned.has(input.variableName))
    .map((input) => input.variableName);
}

function suggestInput(
  column: string,
  inputs: readonly UserInput[],
): { input: string; reason: 'case' | 'spelling' } | undefined {
  const lower = column.trim().toLowerCase();
  const byCase = inputs.find((input) => input.variableName.toLowerCase() === lower);
  if (byCase) return { input: byCase.variableName, reason: 'case' };

  const key = spellingKey(column);
  if (key === '') return undefined;
  const bySeparators = inputs.find(
    (input) => spellingKey(input.variableName) === key || spellingKey(input.displayName) === key,
  );
  if (bySeparators) return { input: bySeparators.variableName, reason: 'spelling' };

  let best: { input: string; distance: number } | undefined;
  for (const input of inputs) {
    const distance = editDistance(key, spellingKey(input.variableName));
    // Short names are too easy to confuse, so a typing error needs a name of 4 or more letters.
    if (distance > MAX_SPELLING_DISTANCE || key.length < 4) continue;
    if (!best || distance < best.distance) best = { input: input.variableName, distance };
  }
  return best ? { input: best.input, reason: 'spelling' } : undefined;
}

/** Lower case letters and digits only, so "Company Name", "company-name" and "companyName" meet. */
function spellingKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const substitution = previous[j - 1]! + (left[i - 1] === right[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[right.length]!;
}
