import type { Node } from 'jsonc-parser';

import { describeExpectedValue, readInputKind } from '../input-kind.ts';
import type { TextFix } from '../inputs-syntax.ts';
import type { UserInput } from '../schemas.ts';

/** A value that does not fit its input's type. */
export interface ValueTypeProblem {
  severity: 'error' | 'warning';
  message: string;
  fix?: TextFix;
}

/**
 * Checks one value against its declared input. Text written as a number, or a number or yes/no
 * written as text, is a warning with a fix, because Hatz may convert it. A value of the wrong
 * shape (object, list, or text where a number belongs) is an error.
 */
export function checkValueType(
  input: UserInput,
  value: Node,
  text: string,
): ValueTypeProblem | undefined {
  const kind = readInputKind(input.variableType);
  const label = `${input.displayName} (${input.variableName})`;
  const expected = describeExpectedValue(kind);
  const raw = text.slice(value.offset, value.offset + value.length);

  // Empty text means "not filled in", as the template writes it for text inputs. The lint
  // reports a required input left empty before this check runs.
  if (value.type === 'string' && String(value.value).trim() === '') return undefined;
  if (value.type === 'object' || value.type === 'array') {
    const shape = value.type === 'object' ? 'an object { }' : 'a list [ ]';
    return { severity: 'error', message: `${label} takes ${expected}, not ${shape}.` };
  }
  if (value.type === 'null') {
    return {
      severity: 'warning',
      message: `${label} is null, which sends no value. Replace null with ${expected}, or remove the line.`,
    };
  }

  switch (kind) {
    case 'text':
    case 'long-text':
    case 'unknown':
    case 'file':
      if (value.type === 'string') return undefined;
      return {
        severity: kind === 'file' ? 'error' : 'warning',
        message: `${label} takes ${expected}, so ${raw} should be written as "${raw}".`,
        fix: replaceWith(value, JSON.stringify(raw), `Write "${raw}" as text`),
      };
    case 'number':
      if (value.type === 'number') return undefined;
      if (value.type === 'string' && isJsonNumber(String(value.value).trim())) {
        const number = String(value.value).trim();
        return {
          severity: 'warning',
          message: `${label} takes a number, but ${raw} is text. Remove the double quotes.`,
          fix: replaceWith(value, number, `Write ${number} as a number`),
        };
      }
      return { severity: 'error', message: `${label} takes a number, not ${raw}.` };
    case 'boolean': {
      if (value.type === 'boolean') return undefined;
      const word = String(value.value).trim().toLowerCase();
      if (value.type === 'string' && (word === 'true' || word === 'false')) {
        return {
          severity: 'warning',
          message: `${label} takes true or false, but ${raw} is text. Remove the double quotes.`,
          fix: replaceWith(value, word, `Write ${word} without quotes`),
        };
      }
      return { severity: 'error', message: `${label} takes true or false, not ${raw}.` };
    }
  }
}

function replaceWith(node: Node, text: string, title: string): TextFix {
  return { title, offset: node.offset, length: node.length, text };
}

function isJsonNumber(text: string): boolean {
  return /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text);
}
