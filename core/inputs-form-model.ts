import { applyEdits, findNodeAtLocation, modify, parseTree, type Node } from 'jsonc-parser';

import { readInputKind, type InputKind } from './input-kind.ts';
import type { UserInput } from './schemas.ts';

/** One declared input as a form field shows it. */
export interface FormField {
  input: UserInput;
  kind: InputKind;
  /**
   * The value as the field shows it: text unquoted, null (not filled in) as empty, numbers and
   * everything else as written.
   */
  display: string;
  /** True when the value is `true`, for yes/no fields. */
  isChecked: boolean;
  isPresent: boolean;
  /** True when the value is null, which the template writes for number and yes/no inputs. */
  isNull: boolean;
}

/** The inputs text read as form fields, or the reason the form cannot show it. */
export type FormModel =
  { ok: true; fields: FormField[]; otherNames: string[] } | { ok: false; reason: string };

/*
 * The form edits the JSON text in place, one value at a time, through jsonc-parser's edits. So
 * everything the form does not show (names the workflow does not declare, their order, spacing,
 * and numbers longer than JavaScript can hold) stays exactly as written.
 */

/** Reads the declared inputs out of an inputs text, in `position` order. */
export function readFormModel(text: string, inputs: readonly UserInput[]): FormModel {
  const root = text.trim() === '' ? undefined : parseTree(text);
  if (root !== undefined && root.type !== 'object') {
    return {
      ok: false,
      reason: 'The inputs are not one JSON object, so the form cannot show them.',
    };
  }

  const declared = new Set(inputs.map((input) => input.variableName));
  const fields = [...inputs]
    .sort((first, second) => first.position - second.position)
    .map((input) => readField(text, root, input));
  const otherNames = (root?.children ?? [])
    .map((property) => property.children?.[0]?.value)
    .filter((name): name is string => typeof name === 'string' && !declared.has(name));
  return { ok: true, fields, otherNames };
}

function readField(text: string, root: Node | undefined, input: UserInput): FormField {
  const kind = readInputKind(input.variableType);
  const node = root ? findNodeAtLocation(root, [input.variableName]) : undefined;
  if (node === undefined) {
    return { input, kind, display: '', isChecked: false, isPresent: false, isNull: false };
  }

  const isNull = node.type === 'null';
  let display = text.slice(node.offset, node.offset + node.length);
  if (node.type === 'string') display = String(node.value);
  if (isNull) display = '';
  return { input, kind, display, isChecked: node.value === true, isPresent: true, isNull };
}

/**
 * Sets one input's value to `json`, a JSON value as text, or removes the input when `json` is
 * undefined. Returns the new inputs text, or undefined when the text is not an object that can be
 * edited (a syntax error the JSON view must fix first).
 */
export function writeInputValue(
  text: string,
  name: string,
  json: string | undefined,
): string | undefined {
  const source = text.trim() === '' ? '{}' : text;
  const root = parseTree(source);
  if (root?.type !== 'object') return undefined;
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol };

  const node = findNodeAtLocation(root, [name]);
  if (json === undefined) {
    return node
      ? applyEdits(source, modify(source, [name], undefined, { formattingOptions }))
      : source;
  }
  if (node) return replaceNode(source, node, json);

  // jsonc-parser inserts the member with good layout. Its placeholder value is then replaced by
  // the exact text, because a JavaScript number cannot carry a 20-digit number.
  const inserted = applyEdits(source, modify(source, [name], 0, { formattingOptions }));
  const insertedRoot = parseTree(inserted);
  const placeholder = insertedRoot ? findNodeAtLocation(insertedRoot, [name]) : undefined;
  return placeholder ? replaceNode(inserted, placeholder, json) : undefined;
}

function replaceNode(text: string, node: Node, json: string): string {
  return text.slice(0, node.offset) + json + text.slice(node.offset + node.length);
}

/** Turns what a field contains into the JSON text to store, or undefined to remove the input. */
export function encodeFieldValue(kind: InputKind, value: string | boolean): string | undefined {
  if (typeof value === 'boolean') return String(value);
  if (kind === 'number') {
    const trimmed = value.trim();
    if (trimmed === '') return undefined;
    return /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(trimmed)
      ? trimmed
      : JSON.stringify(value);
  }
  if (kind === 'file' && value.trim() === '') return undefined;
  return JSON.stringify(value);
}
