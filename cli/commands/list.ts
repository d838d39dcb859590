import type { WorkflowSummary } from '../../core/schemas.ts';
import { EXIT_OK, exitCodeByFailure } from '../exit-codes.ts';
import {
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  createCommandClient,
  parseCommandArgs,
  type CommandIo,
} from '../command-options.ts';
import { writeFailure } from '../write-failure.ts';

const HELP = `Usage: hatz-tester list [--search TEXT] [options]

Lists the workflows and apps the key can see, with their app ids and inputs (* = required).

Options:
  --search TEXT        only names that contain TEXT, ignoring case
${CONNECTION_HELP}
`;

/** `hatz-tester list`: prints the workflows the key can see. */
export async function runListCommand(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    ...CONNECTION_OPTIONS,
    search: { type: 'string' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }

  const { client } = await createCommandClient(values, io);
  const { result } = await client.listWorkflows({ search: values.search?.trim() || undefined });
  if (!result.ok) {
    writeFailure(io, result.failure, values.json === true);
    return exitCodeByFailure[result.failure.kind];
  }

  io.stdout.write(values.json ? formatJson(result.value) : formatText(result.value));
  return EXIT_OK;
}

function formatJson(workflows: WorkflowSummary[]): string {
  const items = workflows.map((workflow) => ({
    id: workflow.id,
    name: workflow.name,
    kind: workflow.kind,
    description: workflow.description,
    inputs: workflow.inputs.map((input) => ({
      variable_name: input.variableName,
      variable_type: input.variableType,
      required: input.required,
    })),
  }));
  return `${JSON.stringify({ workflows: items }, null, 2)}\n`;
}

function formatText(workflows: WorkflowSummary[]): string {
  if (workflows.length === 0) return 'No workflows found.\n';
  const lines = workflows.map((workflow) => {
    const inputs = workflow.inputs
      .map((input) => `${input.variableName}${input.required ? '*' : ''}`)
      .join(', ');
    return `${workflow.id}  ${workflow.kind.padEnd(8)}  ${workflow.name}${inputs ? `  (${inputs})` : ''}`;
  });
  return `${lines.join('\n')}\n`;
}
