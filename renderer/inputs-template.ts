import { emptyValueFor, readInputKind } from '../core/input-kind.ts';
import type { UserInput } from '../core/schemas.ts';

/**
 * Builds the starting inputs text for a workflow: every declared input in `position` order with
 * the empty value of its kind. Text and file inputs get `""`, and number and yes/no inputs get
 * `null`, so a typed number or true is not wrapped in quotes. The text is written by hand, because
 * `JSON.stringify` of an object lists integer-like keys such as "2" first and loses the order.
 */
export function buildInputsTemplate(inputs: readonly UserInput[]): string {
  const emptyValueByName = new Map<string, string>();
  const sortedInputs = [...inputs].sort((first, second) => first.position - second.position);
  for (const input of sortedInputs) {
    // The first of two inputs with one name wins, as the name's first position does.
    if (emptyValueByName.has(input.variableName)) continue;
    emptyValueByName.set(input.variableName, emptyValueFor(readInputKind(input.variableType)));
  }
  if (emptyValueByName.size === 0) return '{}';

  const lines = [...emptyValueByName].map(
    ([name, emptyValue]) => `  ${JSON.stringify(name)}: ${emptyValue}`,
  );
  return `{\n${lines.join(',\n')}\n}`;
}

/** Tells whether replacing `text` with a new template would lose nothing the user typed. */
export function isUntouchedInputsText(text: string, previousTemplate: string): boolean {
  const trimmed = text.trim();
  return trimmed === '' || trimmed === previousTemplate.trim();
}
