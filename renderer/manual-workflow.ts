import { explainFailure } from '../core/explain-failure.ts';
import type { WorkflowSummary } from '../core/schemas.ts';

/**
 * Creates a placeholder for a workflow that could not be read, so a run can still be sent to its
 * app id. It declares no inputs, so only the JSON syntax is checked.
 */
export function createManualWorkflow(appId: string): WorkflowSummary {
  return { id: appId, name: `App ${appId}`, description: '', kind: 'workflow', inputs: [] };
}

/** Reads a workflow by app id, or returns a placeholder when the key cannot read it. */
export async function loadWorkflowById(
  appId: string,
): Promise<{ workflow: WorkflowSummary; problem?: string; fix?: string }> {
  try {
    const result = await window.hatz.inputs.getWorkflow({ appId });
    if (result.ok) return { workflow: result.value.workflow };
    const explanation = explainFailure(result.failure);
    return {
      workflow: createManualWorkflow(appId),
      problem: `Its declared inputs could not be read (${explanation.title}), so only the JSON syntax is checked.`,
      fix: explanation.fix,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      workflow: createManualWorkflow(appId),
      problem: `Its declared inputs could not be read: ${message}`,
      fix: 'Try again. If it keeps failing, restart the app.',
    };
  }
}
