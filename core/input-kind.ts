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
