import { UsageError } from './cli-io.ts';

/**
 * Reads the API key from `HATZ_API_KEY`. A key is never taken from an argument, because arguments
 * show up in shell history and process lists.
 */
export function readApiKey(env: Record<string, string | undefined>): string {
  const apiKey = env.HATZ_API_KEY?.trim();
  if (!apiKey) {
    throw new UsageError(
      'HATZ_API_KEY is not set. Export your Hatz API key in it, or use hatz-practice-key against the emulator.',
    );
  }
  return apiKey;
}
