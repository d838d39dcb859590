import { HATZ_BASE_URL } from '../core/settings.ts';
import { UsageError } from './cli-io.ts';

/** Returns the base URL the key in HATZ_API_KEY is meant for: HATZ_BASE_URL, or Hatz's own. */
export function readKeyBaseUrl(env: Record<string, string | undefined>): string {
  return env.HATZ_BASE_URL || HATZ_BASE_URL;
}

/**
 * Rejects sending the key from HATZ_API_KEY to a server the user did not name. A pasted cURL
 * command or a kept run can point anywhere, and a support engineer replaying a customer's call
 * must not hand their own key to that host by accident. `--base-url` given explicitly confirms it.
 */
export function assertKeyDestination(options: {
  /** Base URL the request would go to. */
  target: string;
  /** Where that base URL came from, for the message, e.g. "The cURL command". */
  targetSource: string;
  /**
   * The other way out, which follows "To send your key there, pass --base-url URL;" in the
   * message, such as "to use the key in the command instead, unset HATZ_API_KEY".
   */
  otherFix: string;
  env: Record<string, string | undefined>;
}): void {
  const expectedOrigin = new URL(readKeyBaseUrl(options.env)).origin;
  const targetOrigin = new URL(options.target).origin;
  if (targetOrigin === expectedOrigin) return;

  throw new UsageError(
    `${options.targetSource} sends to ${targetOrigin}, but the key in HATZ_API_KEY is for ${expectedOrigin}. ` +
      `To send your key there, pass --base-url ${options.target}; ${options.otherFix}.`,
  );
}
