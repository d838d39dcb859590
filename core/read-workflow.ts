import { isRecord } from './json.ts';
import type { UserInput, WorkflowSummary } from './schemas.ts';

/** Reads one item of `GET /v1/app/list` or `GET /v1/app/{id}`. Items without an id are skipped. */
export function readWorkflow(item: unknown): WorkflowSummary | undefined {
  if (!isRecord(item) || typeof item.id !== 'string') return undefined;

  const inputs = Array.isArray(item.user_inputs) ? item.user_inputs.map(readUserInput) : [];
  return {
    id: item.id,
    name: typeof item.name === 'string' ? item.name : item.id,
    description: typeof item.description === 'string' ? item.description : '',
    kind: guessItemKind(item),
    inputs: inputs
      .filter((input): input is UserInput => input !== undefined)
      .sort((a, b) => a.position - b.position),
  };
}

/**
 * Guesses whether an item is a workflow or a plain app: workflows list `steps`, apps do not.
 * NOTE: this is a guess; Hatz does not document a type field. Every caller that tells apps from
 * workflows goes through this function, so a documented field can replace it in one place.
 */
export function guessItemKind(item: Record<string, unknown>): WorkflowSummary['kind'] {
  return Array.isArray(item.steps) ? 'workflow' : 'app';
}

function readUserInput(entry: unknown, index: number): UserInput | undefined {
  if (!isRecord(entry) || typeof entry.variable_name !== 'string') return undefined;

  return {
    variableName: entry.variable_name,
    displayName: typeof entry.display_name === 'string' ? entry.display_name : entry.variable_name,
    description: typeof entry.description === 'string' ? entry.description : '',
    variableType: typeof entry.variable_type === 'string' ? entry.variable_type : 'unknown',
    required: entry.required === true,
    position: typeof entry.position === 'number' ? entry.position : index,
    objectId: typeof entry.object_id === 'string' ? entry.object_id : undefined,
  };
}
