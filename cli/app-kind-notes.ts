import type { WorkflowSummary } from '../core/schemas.ts';

/**
 * Describes, for a warning before sending, that the item looks like a plain app, which the
 * webhook does not run. The kind comes from `guessItemKind`, a guess, so the run is not blocked.
 */
export function describeAppWarning(item: WorkflowSummary): string {
  return (
    `Warning: "${item.name}" (${item.id}) looks like an app, not a workflow, because it lists no ` +
    'steps; this is a guess, as Hatz documents no type field. The webhook (POST /v1/workflows/run) ' +
    'runs workflows only and will likely reply "not found". Apps run through ' +
    'POST /v1/app/{app_id}/query, which hatz-tester does not send. Sending anyway.'
  );
}

/** Adds to a "workflow not found" failure that GET /app/{id} had read the id as an app. */
export function describeAppNotFound(item: WorkflowSummary): string {
  return `The id ${item.id} is "${item.name}", which GET /app/{id} read as an app, not a workflow; the webhook does not run apps.`;
}
