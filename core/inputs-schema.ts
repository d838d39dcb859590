import { readInputKind, type InputKind } from './input-kind.ts';
import type { UserInput } from './schemas.ts';

/** The subset of JSON Schema (draft 7) that the inputs schema uses. */
export interface InputsJsonSchema {
  $schema: string;
  type: 'object';
  properties: Record<string, InputPropertySchema>;
  required: string[];
  additionalProperties: boolean;
}

interface InputPropertySchema {
  type: 'string' | 'number' | 'boolean';
  title: string;
  description: string;
  /** Monaco's JSON language service shows this in hovers instead of `description`. */
  markdownDescription: string;
  /**
   * Offered as the value when an input is completed in the editor. Numbers and yes/no inputs get
   * null, as in the inputs template, so no made-up 0 or false is sent unnoticed.
   */
  default: string | null;
}

const DEFAULT_BY_TYPE: Record<InputPropertySchema['type'], string | null> = {
  string: '',
  number: null,
  boolean: null,
};

const TYPE_BY_KIND: Record<InputKind, InputPropertySchema['type']> = {
  text: 'string',
  'long-text': 'string',
  unknown: 'string',
  file: 'string',
  number: 'number',
  boolean: 'boolean',
};

/**
 * Generates a JSON Schema for a workflow's inputs object from its `user_inputs`, for completion
 * and hovers in the editor. Names the workflow does not declare stay allowed, because the lint
 * marks them as warnings in plain words instead.
 */
export function buildInputsJsonSchema(inputs: readonly UserInput[]): InputsJsonSchema {
  const properties: Record<string, InputPropertySchema> = {};
  const sorted = [...inputs].sort((first, second) => first.position - second.position);
  for (const input of sorted) {
    const type = TYPE_BY_KIND[readInputKind(input.variableType)];
    const requirement = input.required ? 'Required' : 'Optional';
    const summary = `${input.displayName}: ${requirement}, type ${input.variableType}.`;
    const description = input.description ? `${summary} ${input.description}` : summary;
    properties[input.variableName] = {
      type,
      title: input.displayName,
      description,
      markdownDescription: description,
      default: DEFAULT_BY_TYPE[type],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties,
    required: sorted.filter((input) => input.required).map((input) => input.variableName),
    additionalProperties: true,
  };
}
