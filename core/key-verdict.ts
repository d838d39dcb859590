import { z } from 'zod';

import { explainFailure, type FailureExplanation } from './explain-failure.ts';
import { failureSchema, type Failure } from './schemas.ts';

/**
 * Paths that verify a key with one cheap authenticated read. The Hatz API has no "who am I"
 * endpoint. `/app/list?limit=1` also shows whether the key can list any workflow.
 * NOTE: the credit cost of these reads is not documented, and it is assumed to be none.
 */
export const VERIFY_PATHS = ['/app/list?limit=1', '/chat/models'] as const;
export type VerifyPath = (typeof VERIFY_PATHS)[number];
export const DEFAULT_VERIFY_PATH: VerifyPath = '/app/list?limit=1';

/** Kind of result of one verification call. */
export const verdictKindSchema = z.enum([
  'valid',
  'invalid-key',
  'forbidden',
  'rate-limited',
  'server-error',
  'network',
  'timeout',
  'redirect-blocked',
  'unexpected-reply',
  'cancelled',
]);
export type VerdictKind = z.infer<typeof verdictKindSchema>;

/** The result of one verification, as kept with the key and shown in the verdict table. */
export const keyVerdictSchema = z.object({
  kind: verdictKindSchema,
  checkedAt: z.string(),
  /** Path below the base URL that was called, such as `/app/list?limit=1`. */
  path: z.string(),
  /** HTTP status of the reply, or null when none arrived. */
  status: z.number().int().nullable(),
  requestId: z.string().optional(),
  durationMs: z.number(),
  /** For a valid key checked with `/app/list`: whether it can list at least one workflow or app. */
  seesWorkflows: z.boolean().optional(),
  /** The failure behind every verdict but `valid`. */
  failure: failureSchema.optional(),
});
export type KeyVerdict = z.infer<typeof keyVerdictSchema>;

/** Maps the failure of a verification call to its verdict. */
export function verdictKindFromFailure(failure: Failure): VerdictKind {
  switch (failure.kind) {
    case 'invalid-key':
    case 'forbidden':
    case 'rate-limited':
    case 'server-error':
    case 'network':
    case 'timeout':
    case 'redirect-blocked':
    case 'cancelled':
      return failure.kind;
    case 'unknown-workflow':
    case 'missing-input':
    case 'bad-request':
    case 'unexpected-body':
    case 'invalid-input':
    case 'job-failed':
    case 'job-not-found':
      return 'unexpected-reply';
  }
}

/** Explains a verdict in plain words, with the next step to try. */
export function explainVerdict(verdict: KeyVerdict): FailureExplanation {
  const failure = verdict.failure;
  switch (verdict.kind) {
    case 'valid':
      return explainValid(verdict);
    case 'invalid-key':
      return {
        title: 'Key refused',
        detail: `Hatz answered 401: the key is wrong, expired or deleted, or was sent as a Bearer token.`,
        fix: 'Create a new key in Hatz (Settings, API keys) and use "Replace key" to paste it.',
      };
    case 'forbidden':
      return {
        title: 'Key lacks permission',
        detail: `Hatz answered 403 to ${verdict.path}: the key works, but its user may not do this.`,
        fix: "Ask a Hatz admin to give the key's user access, or use a key of a user who has it.",
      };
    case 'rate-limited':
      return {
        ...explainFailure(failure ?? { kind: 'rate-limited' }),
        title: 'Rate limited or out of credits',
      };
    case 'server-error':
      return {
        title: 'Hatz is failing',
        detail: `Hatz answered ${verdict.status ?? 'with a server error'}, so the key could not be checked. The failure is on their side.`,
        fix: `Try again in a few minutes. If it persists, send Hatz support the request id${verdict.requestId ? ` ${verdict.requestId}` : ''}.`,
      };
    case 'network':
      return {
        title: 'Could not tell: no connection',
        detail: `The check did not reach Hatz: ${failure?.kind === 'network' ? failure.message : 'the network failed'}.`,
        fix: describeNetworkFix(failure),
      };
    case 'timeout':
      return {
        title: 'Could not tell: timed out',
        detail: 'No complete reply arrived in time, so the key was neither accepted nor refused.',
        fix: 'Try again. If it keeps timing out, check the network, proxy and base URL.',
      };
    case 'redirect-blocked':
      return {
        title: 'Could not tell: redirected elsewhere',
        detail: `The server redirected the check to ${failure?.kind === 'redirect-blocked' ? failure.location : 'another origin'}. The key was not sent there.`,
        fix: "Check the key's base URL. Change it to the new address only if you trust that server.",
      };
    case 'unexpected-reply':
      return {
        title: 'Could not tell: unexpected reply',
        detail: `The server's reply to ${verdict.path} does not look like the Hatz API's${failure ? `: ${explainFailure(failure).detail}` : '.'}`,
        fix: "Check that the key's base URL points at the Hatz API, such as https://ai.hatz.ai/v1.",
      };
    case 'cancelled':
      return { title: 'Check cancelled', detail: 'The check was stopped.', fix: 'Verify again.' };
  }
}

function explainValid(verdict: KeyVerdict): FailureExplanation {
  if (verdict.seesWorkflows === false) {
    return {
      title: 'Key works, but sees no workflows',
      detail: 'Hatz accepted the key, and its user has no workflow or app that the key can see.',
      fix: "Share the workflows with the key's user in Hatz, or use a key of the user who owns them.",
    };
  }
  return {
    title: 'Key works',
    detail:
      verdict.seesWorkflows === true
        ? 'Hatz accepted the key, and it sees at least one workflow or app.'
        : 'Hatz accepted the key.',
    fix: 'Nothing to do.',
  };
}

function describeNetworkFix(failure: Failure | undefined): string {
  const code = failure?.kind === 'network' ? (failure.code ?? '') : '';
  if (/ENOTFOUND|EAI_AGAIN|NAME_NOT_RESOLVED/.test(code)) {
    return "Check the spelling of the key's base URL and that this computer can resolve names (DNS).";
  }
  if (/ECONNREFUSED|CONNECTION_REFUSED/.test(code)) {
    return 'Check the base URL and port, and that no firewall blocks the connection.';
  }
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return "A proxy may be replacing Hatz's certificate. Ask IT to trust it on this computer, or try another network.";
  }
  if (/PROXY/.test(code))
    return 'Check the proxy settings of this computer, or try another network.';
  return 'Check the network connection, the base URL and any proxy or firewall, then try again.';
}
