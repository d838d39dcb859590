import type { UserInput } from '../core/schemas.ts';

/**
 * Builds the starting inputs text for a workflow: every declared input in `position` order with an
 * empty string value. The text is written by hand rather than with `JSON.stringify` on an object,
 * because objects list integer-like keys such as "2" first and would lose the declared order.
 */
export function buildInputsTemplate(inputs: readonly UserInput[]): string {
  const names = [...inputs]
    .sort((first, second) => first.position - second.position)
    .map((input) => input.variableName);
  const uniqueNames = [...new Set(names)];
  if (uniqueNames.length === 0) return '{}';

  const lines = uniqueNames.map((name) => `  ${JSON.stringify(name)}: ""`);
  return `{\n${lines.join(',\n')}\n}`;
}

/** Tells whether replacing `text` with a new template would lose nothing the user typed. */
export function isUntouchedInputsText(text: string, previousTemplate: string): boolean {
  const trimmed = text.trim();
  return trimmed === '' || trimmed === previousTemplate.trim();
}
