/** The editor and check of one declared input, derived from its `variable_type`. */
export type InputKind = 'text' | 'long-text' | 'number' | 'boolean' | 'file' | 'unknown';

/*
 * `short_answer` and `file_upload` (`file_input` on older pages) are in the Hatz API reference.
 * NOTE: the other type names below are guesses at what Hatz may send. Any other name is shown as a
 * text box with its raw type name.
 */
const KIND_BY_TYPE: Record<string, InputKind> = {
  short_answer: 'text',
  text: 'text',
  long_answer: 'long-text',
  paragraph: 'long-text',
  long_text: 'long-text',
  number: 'number',
  integer: 'number',
  boolean: 'boolean',
  checkbox: 'boolean',
  yes_no: 'boolean',
  file_upload: 'file',
  file_input: 'file',
};

export function readInputKind(variableType: string): InputKind {
  return KIND_BY_TYPE[variableType] ?? 'unknown';
}

/** Describes the JSON value an input of this kind takes, in words for messages. */
export function describeExpectedValue(kind: InputKind): string {
  switch (kind) {
    case 'text':
    case 'long-text':
    case 'unknown':
      return 'text in double quotes';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'file':
      return 'a file id in double quotes, from uploading the file';
  }
}

/**
 * Returns the JSON text that marks an input of this kind as not filled in, for the inputs
 * template and the fix that adds a missing input. Text kinds take empty text, typed between the
 * quotes. Number and yes/no inputs take null, which a typed value replaces without quotes, so no
 * made-up 0 or false is sent by accident. The lint reports both while the input is required.
 */
export function emptyValueFor(kind: InputKind): '""' | 'null' {
  return kind === 'number' || kind === 'boolean' ? 'null' : '""';
}

/**
 * Describes how to fill in an empty value of this kind in the JSON text, as a clause without a
 * capital or full stop. `raw` is the empty value as written, such as `""` or `null`.
 */
export function describeHowToFill(kind: InputKind, raw: string): string {
  switch (kind) {
    case 'number':
      return `replace ${raw} with a number, without quotes`;
    case 'boolean':
      return `replace ${raw} with true or false, without quotes`;
    case 'file':
      return raw === '""'
        ? 'upload the file in the Form view, or paste its file id between the quotes'
        : `upload the file in the Form view, or replace ${raw} with its file id in double quotes`;
    default:
      return raw === '""'
        ? 'type a value between the quotes'
        : `replace ${raw} with text in double quotes`;
  }
}
