import { readInputKind, type InputKind } from '../../core/input-kind.ts';
import type { WorkflowSummary } from '../../core/schemas.ts';

interface DeclaredInputsTableProps {
  workflow: WorkflowSummary;
}

const TYPE_NAMES: Record<InputKind, string> = {
  text: 'Text',
  'long-text': 'Long text',
  number: 'Number',
  boolean: 'Yes/no',
  file: 'File id',
  unknown: 'Other',
};

/** Lists the inputs a workflow declares, in the order Hatz shows them in its own form. */
export function DeclaredInputsTable({ workflow }: DeclaredInputsTableProps) {
  const inputs = [...workflow.inputs].sort((first, second) => first.position - second.position);

  if (inputs.length === 0) {
    return (
      <p className="muted">
        {workflow.name} declares no inputs, so {'{}'} is all it needs.
      </p>
    );
  }

  return (
    <div className="inputs-table-wrapper">
      <table className="inputs-table">
        <caption>Inputs declared by {workflow.name}</caption>
        <thead>
          <tr>
            <th scope="col">Input</th>
            <th scope="col">Variable name</th>
            <th scope="col">Type</th>
          </tr>
        </thead>
        <tbody>
          {inputs.map((input) => (
            <tr key={`${input.position}-${input.variableName}`}>
              <td>
                <span className="input-display-name">
                  {input.displayName}{' '}
                  <span className={input.required ? 'badge badge-required' : 'badge'}>
                    {input.required ? 'required' : 'optional'}
                  </span>
                </span>
                {input.description && (
                  <span className="input-description">{input.description}</span>
                )}
              </td>
              <td>
                <code>{input.variableName}</code>
              </td>
              <td>
                {TYPE_NAMES[readInputKind(input.variableType)]}
                <span className="input-description">{input.variableType}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
