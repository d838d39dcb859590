import type { Failure } from './schemas.ts';

/** A failure in plain words: what happened, why it matters, and what to try next. */
export interface FailureExplanation {
  title: string;
  detail: string;
  fix: string;
}

/** Explains a failure in words a non-developer understands; the UI and the CLI both use it. */
export function explainFailure(failure: Failure): FailureExplanation {
  switch (failure.kind) {
    case 'invalid-key':
      return {
        title: 'API key refused',
        detail:
          'Hatz answered 401: the key is missing, wrong or expired, or was sent as a Bearer token.',
        fix: 'Copy the key again from Hatz (Settings, API keys) and paste it without extra spaces.',
      };
    case 'forbidden':
      return {
        title: 'Permission denied',
        detail: 'The key is valid, but its user may not use this workflow, model or feature.',
        fix: "Ask a Hatz admin to give the key's user access, or use a key of a user who has it.",
      };
    case 'unknown-workflow':
      return {
        title: 'Workflow not found',
        detail: `No workflow ${failure.appId ? `with id ${failure.appId} ` : ''}is visible to this key.`,
        fix: 'Copy the app id from the workflow\'s "Run via Webhook" panel, and check that the key belongs to a user who can see it.',
      };
    case 'missing-input':
      return {
        title: 'Required input missing',
        detail:
          failure.inputs.length > 0
            ? `The workflow needs ${failure.inputs.map((name) => `"${name}"`).join(', ')}.`
            : 'The workflow needs an input that was not sent.',
        fix: 'Add each missing input to the inputs, spelled exactly as its variable name, including case.',
      };
    case 'bad-request':
      return {
        title: 'Request rejected',
        detail:
          'Hatz could not use the request: the body may not be valid JSON, or app_id is missing.',
        fix: 'Check the inputs for trailing commas or single quotes, and that an app id is set.',
      };
    case 'rate-limited':
      return {
        title: 'Rate limited or out of credits',
        detail:
          failure.retryAfterSeconds === undefined
            ? "Hatz answered 429: too many requests, or the monthly credits or a role's credit cap are used up."
            : `Hatz answered 429 and asks to wait ${failure.retryAfterSeconds} s before trying again.`,
        fix: "Wait and try again; if it persists, ask a Hatz admin about the workspace's credits.",
      };
    case 'server-error':
      return {
        title: 'Hatz failed',
        detail: `Hatz answered ${failure.status ?? 'with a server error'}: the failure is on their side.`,
        fix: 'Try again in a minute; if it persists, send Hatz support the request id shown here.',
      };
    case 'network':
      return {
        title: 'Could not reach the server',
        detail: `The request did not get a reply: ${failure.message}${failure.code ? ` (${failure.code})` : ''}.`,
        fix: 'Check the base URL, the network connection, and any proxy or firewall between you and Hatz.',
      };
    case 'timeout':
      return failure.phase === 'request'
        ? {
            title: 'Request timed out',
            detail: `No complete reply arrived within ${formatSeconds(failure.afterMs)}.`,
            fix: 'Try again, or raise the request timeout in the settings.',
          }
        : {
            title: 'Job still running',
            detail: `The job had not ended after ${formatSeconds(failure.afterMs)}; it may still run and use credits.`,
            fix: 'Check the job later, or raise the job timeout in the settings.',
          };
    case 'unexpected-body':
      return {
        title: 'Unexpected reply',
        detail: `The server's reply could not be read: ${failure.message}.`,
        fix: 'Check that the base URL points at the Hatz API, and look at the raw reply below.',
      };
    case 'redirect-blocked':
      return {
        title: 'Redirect not followed',
        detail: `The server redirected the request to ${failure.location}, another origin. The app does not send the API key there.`,
        fix: 'Set the base URL to the address the server redirects to, if you trust it, and send again.',
      };
    case 'invalid-input':
      return {
        title: 'Request not sent',
        detail: failure.message,
        fix: 'Correct the value named above and send again.',
      };
    case 'job-failed':
      return {
        title: 'Workflow failed',
        detail: failure.jobError
          ? `The job ended with an error: ${failure.jobError}`
          : 'The job ended with an error and no message.',
        fix: 'Open the workflow in Hatz Workshop to see which step failed. Steps that ran still used credits.',
      };
    case 'job-not-found':
      return {
        title: 'Job not found',
        detail: `The job-status endpoint answered 404 for job ${failure.jobId}.`,
        fix: 'Check the job-status path in the settings; the default is /workflows/{job_id}.',
      };
    case 'cancelled':
      return {
        title: 'Cancelled',
        detail: 'The app stopped waiting. A job that had started may still run and use credits.',
        fix: 'Send again when ready.',
      };
  }
}

function formatSeconds(milliseconds: number): string {
  return `${Math.round(milliseconds / 100) / 10} s`;
}
