import { parseTree, type Node, type ParseError } from 'jsonc-parser';

import { describeHowToFill, emptyValueFor, readInputKind } from './input-kind.ts';
import { checkValueType } from './inputs-lint/check-value-type.ts';
import { findSimilarName } from './inputs-lint/find-similar-name.ts';
import { findInputsSyntaxProblem, locate, type TextFix } from './inputs-syntax.ts';
import type { UserInput } from './schemas.ts';

export type { TextFix } from './inputs-syntax.ts';

export type InputsLintRule =
  | 'syntax'
  | 'not-object'
  | 'empty-text'
  | 'duplicate-key'
  | 'missing-required'
  | 'misspelled-key'
  | 'undeclared-key'
  | 'wrong-type'
  | 'empty-required';

/** One problem in an inputs JSON text, placed where an editor can mark it. */
export interface InputsLintProblem {
  rule: InputsLintRule;
  /** Errors stop a run; warnings are shown but do not. */
  severity: 'error' | 'warning';
  message: string;
  /** 0-based offset and length in UTF-16 code units. */
  offset: number;
  length: number;
  /** 1-based, as editors show them. */
  line: number;
  column: number;
  fix?: TextFix;
  /** The declared input the problem belongs to, so a form can show it beside that field. */
  inputName?: string;
}

/*
 * jsonc-parser reads past syntax errors, so names and values are still checked in a text that
 * has, say, a trailing comma. Comments and trailing commas are accepted here only to keep reading:
 * the syntax check reports them as errors.
 */
const TOLERANT_PARSE = {
  disallowComments: false,
  allowTrailingComma: true,
  allowEmptyContent: true,
};
const MAX_NESTING = 200;

/**
 * Lints an inputs JSON text against a workflow's declared inputs: JSON syntax in plain words,
 * then each name and value. `inputs` is null when the workflow is not known, which leaves only
 * the syntax and duplicate-name checks. Problems are sorted by position.
 */
export function lintInputs(text: string, inputs: readonly UserInput[] | null): InputsLintProblem[] {
  const problems: InputsLintProblem[] = [];
  const add = (problem: Omit<InputsLintProblem, 'line' | 'column'>) => {
    const offset = Math.min(problem.offset, text.length);
    const length = Math.min(problem.length, text.length - offset);
    const { line, column } = locate(text, offset);
    problems.push({ ...problem, offset, length, line, column });
  };

  const parseErrors: ParseError[] = [];
  // jsonc-parser recurses once per nesting level, so a hostile depth would overflow the stack.
  const root = isNestedTooDeeply(text) ? undefined : parseTree(text, parseErrors, TOLERANT_PARSE);
  const isEmpty = text.trim() === '';
  const syntax = isEmpty ? null : findInputsSyntaxProblem(text);

  if (isEmpty) {
    add({
      rule: 'empty-text',
      severity: 'warning',
      message: 'The inputs are empty, so {} is sent.',
      offset: 0,
      length: 0,
    });
  } else if (syntax) {
    const isNotObject = parseErrors.length === 0 && root !== undefined && root.type !== 'object';
    add({
      rule: isNotObject ? 'not-object' : 'syntax',
      severity: 'error',
      message: syntax.message,
      offset: syntax.location?.offset ?? parseErrors[0]?.offset ?? 0,
      length: syntax.location ? (syntax.length ?? 1) : (parseErrors[0]?.length ?? 0),
      fix: syntax.fix,
    });
  }

  if (root !== undefined) findDuplicateNames(root, add);
  if (inputs !== null && (isEmpty || root?.type === 'object')) {
    lintDeclaredInputs({ text, root, inputs, hasSyntaxError: syntax !== null, add });
  }

  return problems.sort((first, second) => first.offset - second.offset);
}

/** True when any problem stops a run. */
export function hasLintErrors(problems: readonly InputsLintProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

type AddProblem = (problem: Omit<InputsLintProblem, 'line' | 'column'>) => void;

function findDuplicateNames(node: Node, add: AddProblem): void {
  // An explicit stack rather than recursion, so a deeply nested text cannot overflow.
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === undefined) break;
    if (current.type === 'object') {
      const seen = new Set<string>();
      for (const property of current.children ?? []) {
        const keyNode = property.children?.[0];
        if (keyNode === undefined || typeof keyNode.value !== 'string') continue;
        if (seen.has(keyNode.value)) {
          add({
            rule: 'duplicate-key',
            severity: 'error',
            message: `The name "${keyNode.value}" appears twice in the same object. Only the last value would be sent, so remove one of them.`,
            offset: keyNode.offset,
            length: keyNode.length,
          });
        }
        seen.add(keyNode.value);
      }
    }
    for (const child of current.children ?? []) stack.push(child);
  }
}

interface DeclaredInputsCheck {
  text: string;
  root: Node | undefined;
  inputs: readonly UserInput[];
  hasSyntaxError: boolean;
  add: AddProblem;
}

function lintDeclaredInputs({ text, root, inputs, hasSyntaxError, add }: DeclaredInputsCheck) {
  const byName = new Map(inputs.map((input) => [input.variableName, input]));
  const names = inputs.map((input) => input.variableName);
  const properties = (root?.children ?? []).filter((property) => property.type === 'property');
  const givenNames = new Set(
    properties.map((property) => property.children?.[0]?.value).filter(isString),
  );

  // A declared name that a misspelled key already points to is not reported missing as well.
  const suggestedNames = new Set<string>();
  for (const property of properties) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode === undefined || typeof keyNode.value !== 'string') continue;
    const key = keyNode.value;
    const input = byName.get(key);

    if (input === undefined) {
      const suggested = lintUndeclaredName({ key, keyNode, names, givenNames, add });
      if (suggested !== undefined) suggestedNames.add(suggested);
      continue;
    }
    if (valueNode === undefined) continue;

    // A required input left as the template wrote it (empty text or null) is reported as empty,
    // with how to fill it in, rather than as a value of the wrong type.
    if (input.required && isEmptyValue(valueNode)) {
      const raw = text.slice(valueNode.offset, valueNode.offset + valueNode.length);
      const howToFill = describeHowToFill(readInputKind(input.variableType), raw);
      add({
        rule: 'empty-required',
        inputName: key,
        severity: 'error',
        message: `${input.displayName} (${input.variableName}) is required but empty. ${capitalize(howToFill)}.`,
        offset: valueNode.offset,
        length: valueNode.length,
      });
      continue;
    }

    const typeProblem = checkValueType(input, valueNode, text);
    if (typeProblem) {
      add({
        rule: 'wrong-type',
        inputName: key,
        ...typeProblem,
        offset: valueNode.offset,
        length: valueNode.length,
      });
    }
  }

  // A text with a syntax error may have lost members while being read, so "missing" would mislead.
  if (hasSyntaxError) return;
  for (const input of inputs) {
    const name = input.variableName;
    if (!input.required || givenNames.has(name) || suggestedNames.has(name)) continue;
    add({
      rule: 'missing-required',
      inputName: name,
      severity: 'error',
      message: describeMissingInput(input),
      offset: root?.offset ?? 0,
      length: root ? 1 : 0,
      fix: buildAddInputFix(text, root, input),
    });
  }
}

interface UndeclaredName {
  key: string;
  keyNode: Node;
  names: readonly string[];
  givenNames: ReadonlySet<string>;
  add: AddProblem;
}

/** Reports a key the workflow does not declare, and returns the declared name it suggests. */
function lintUndeclaredName({ key, keyNode, names, givenNames, add }: UndeclaredName) {
  const location = { offset: keyNode.offset, length: keyNode.length };
  const similar = findSimilarName(key, names);

  if (similar && givenNames.has(similar.name)) {
    add({
      rule: 'misspelled-key',
      severity: 'error',
      message: `"${key}" looks like the input "${similar.name}", which is already given. Hatz matches names exactly, so remove one of them.`,
      ...location,
    });
    return undefined;
  }
  if (similar) {
    const reason = similar.isCaseOnly
      ? `differs from the input "${similar.name}" only in capital letters`
      : `is not an input of this workflow. Did you mean "${similar.name}"?`;
    add({
      rule: 'misspelled-key',
      inputName: similar.name,
      severity: 'error',
      message: similar.isCaseOnly
        ? `"${key}" ${reason}. Hatz matches names exactly, so its value would not reach the input.`
        : `"${key}" ${reason} Hatz matches names exactly.`,
      ...location,
      fix: {
        title: `Rename to "${similar.name}"`,
        ...location,
        text: JSON.stringify(similar.name),
      },
    });
    return similar.name;
  }
  // NOTE: whether Hatz ignores or rejects a name the workflow does not declare is not documented.
  add({
    rule: 'undeclared-key',
    severity: 'warning',
    message: `"${key}" is not an input of this workflow, so the workflow does not use it.${describeNames(names)}`,
    ...location,
  });
  return undefined;
}

function describeNames(names: readonly string[]): string {
  if (names.length === 0) return ' This workflow declares no inputs.';
  return ` Its inputs are ${names.map((name) => `"${name}"`).join(', ')}.`;
}

function describeMissingInput(input: UserInput): string {
  const kind = readInputKind(input.variableType);
  const emptyValue = emptyValueFor(kind);
  const label = `${input.displayName} (${input.variableName})`;
  const member = `"${input.variableName}": ${emptyValue}`;
  return `The required input ${label} is missing. Add ${member}, then ${describeHowToFill(kind, emptyValue)}.`;
}

/** Tells whether a value is null or text of only spaces, the forms of "not filled in". */
function isEmptyValue(value: Node): boolean {
  if (value.type === 'null') return true;
  return value.type === 'string' && String(value.value).trim() === '';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Inserts the missing input after the last member, or fills an empty object or empty text. */
function buildAddInputFix(text: string, root: Node | undefined, input: UserInput): TextFix {
  const emptyValue = emptyValueFor(readInputKind(input.variableType));
  const member = `${JSON.stringify(input.variableName)}: ${emptyValue}`;
  const title = `Add "${input.variableName}"`;
  const last = root?.children?.at(-1);
  if (root === undefined) {
    return { title, offset: 0, length: text.length, text: `{\n  ${member}\n}` };
  }
  if (last === undefined) {
    return { title, offset: root.offset, length: root.length, text: `{\n  ${member}\n}` };
  }
  return { title, offset: last.offset + last.length, length: 0, text: `,\n  ${member}` };
}

/** Tells whether brackets outside strings nest deeper than `MAX_NESTING`. */
function isNestedTooDeeply(text: string): boolean {
  let depth = 0;
  let isInString = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (isInString) {
      if (character === '\\') index += 1;
      else if (character === '"') isInString = false;
    } else if (character === '"') isInString = true;
    else if (character === '{' || character === '[') {
      depth += 1;
      if (depth > MAX_NESTING) return true;
    } else if (character === '}' || character === ']') depth -= 1;
  }
  return false;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
