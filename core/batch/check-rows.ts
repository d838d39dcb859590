import { readInputKind, type InputKind } from '../input-kind.ts';
import { isRecord } from '../json.ts';
import type { UserInput } from '../schemas.ts';
import type { BatchRow, RowsTable } from './batch-schemas.ts';

/** A JSON number literal, also with a leading `+`, a leading `.` or a trailing `.` as people type. */
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/**
 * Builds each row's inputs from the columns assigned to inputs, and lists what stops the row from
 * being sent: a required input that is empty, a number or yes/no value that cannot be read without
 * guessing, or a nested value. Empty cells of optional inputs are left out of the inputs.
 */
export function checkRows(
  table: RowsTable,
  assignments: Record<string, string | null>,
  inputs: readonly UserInput[],
): BatchRow[] {
  const assigned = Object.entries(assignments).filter(
    (entry): entry is [string, string] => entry[1] !== null,
  );

  return table.records.map((record, index) => {
    const problems = record.problem ? [record.problem] : [];
    const fields: string[] = [];
    const filled = new Set<string>();
    for (const [column, inputName] of assigned) {
      const input = inputs.find((candidate) => candidate.variableName === inputName);
      const converted = convertValue(
        record.values[column],
        input ? readInputKind(input.variableType) : 'text',
      );
      if (converted.kind === 'empty') continue;
      if (converted.kind === 'problem') {
        problems.push(`"${inputName}" (column "${column}") ${converted.message}`);
        continue;
      }
      filled.add(inputName);
      fields.push(`${JSON.stringify(inputName)}:${converted.json}`);
    }
    if (!record.problem) problems.push(...describeMissing(inputs, filled));

    return {
      rowNumber: index + 1,
      line: record.line,
      inputsText: `{${fields.join(',')}}`,
      problems,
    };
  });
}

/**
 * Checks inputs JSON that a user fixed by hand: it must be an object, fill every required input,
 * and give numbers and yes/no inputs values of their type.
 */
export function checkInputsText(inputsText: string, inputs: readonly UserInput[]): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(inputsText);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return [`The inputs are not valid JSON: ${reason}.`];
  }
  if (!isRecord(parsed))
    return ['The inputs must be a JSON object such as {"company_name": "Acme"}.'];

  const problems: string[] = [];
  const filled = new Set<string>();
  for (const [name, value] of Object.entries(parsed)) {
    const input = inputs.find((candidate) => candidate.variableName === name);
    const converted = convertValue(value, input ? readInputKind(input.variableType) : 'text');
    if (converted.kind === 'problem') problems.push(`"${name}" ${converted.message}`);
    else if (converted.kind === 'value') filled.add(name);
    if (converted.kind === 'value' && converted.json !== JSON.stringify(value)) {
      problems.push(`"${name}" must be ${converted.json}, not ${JSON.stringify(value)}.`);
    }
  }
  problems.push(...describeMissing(inputs, filled));
  return problems;
}

function describeMissing(inputs: readonly UserInput[], filled: Set<string>): string[] {
  return inputs
    .filter((input) => input.required && !filled.has(input.variableName))
    .map((input) => `Required input "${input.variableName}" is empty.`);
}

type Converted =
  { kind: 'empty' } | { kind: 'value'; json: string } | { kind: 'problem'; message: string };

/** Converts a cell or JSON value to the JSON text sent for an input of `kind`. */
function convertValue(value: unknown, kind: InputKind): Converted {
  if (value === undefined || value === null) return { kind: 'empty' };
  if (typeof value === 'string' && value.trim() === '') return { kind: 'empty' };
  if (typeof value === 'object') {
    const shape = Array.isArray(value) ? 'a list' : 'an object';
    return {
      kind: 'problem',
      message: `is ${shape}; inputs take text, a number or true/false. Write it as text.`,
    };
  }

  if (kind === 'number') return convertNumber(value);
  if (kind === 'boolean') return convertBoolean(value);
  return { kind: 'value', json: JSON.stringify(value) };
}

function convertNumber(value: unknown): Converted {
  if (typeof value === 'number' && Number.isFinite(value))
    return { kind: 'value', json: String(value) };
  const text = typeof value === 'string' ? value.trim() : '';
  if (typeof value !== 'string' || !NUMBER_TEXT.test(text)) {
    return {
      kind: 'problem',
      message: `must be a number; ${JSON.stringify(value)} is not one. Write digits with a dot for decimals, such as 12 or 2.5.`,
    };
  }
  // The digits are sent as written, so a long number reaches Hatz without rounding.
  let json = text
    .replace(/^\+/, '')
    .replace(/^(-?)\./, '$10.')
    .replace(/\.(?=$|[eE])/, '');
  json = json.replace(/^(-?)0+(?=\d)/, '$1');
  return { kind: 'value', json };
}

function convertBoolean(value: unknown): Converted {
  if (typeof value === 'boolean') return { kind: 'value', json: String(value) };
  const word = String(value).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return { kind: 'value', json: 'true' };
  if (FALSE_WORDS.has(word)) return { kind: 'value', json: 'false' };
  return {
    kind: 'problem',
    message: `must be true or false; ${JSON.stringify(value)} is neither. Write true, false, yes or no.`,
  };
}
