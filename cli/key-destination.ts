import { HATZ_BASE_URL } from '../core/settings.ts';
import { UsageError } from './cli-io.ts';

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
  env: Record<string, string | undefined>;
}): void {
  const expected = options.env.HATZ_BASE_URL || HATZ_BASE_URL;
  const targetOrigin = new URL(options.target).origin;
  if (targetOrigin === new URL(expected).origin) return;

  throw new UsageError(
    `${options.targetSource} sends to ${targetOrigin}, but the key in HATZ_API_KEY is for ${new URL(expected).origin}. ` +
      `To send your key there, pass --base-url ${options.target}; to use the key in the command instead, unset HATZ_API_KEY.`,
  );
}
