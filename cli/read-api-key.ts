import { UsageError } from './cli-io.ts';

/**
 * Reads the API key from `HATZ_API_KEY`. A key is never taken from an argument, because arguments
 * show up in shell history and process lists.
 */
export function readApiKey(env: Record<string, string | undefined>): string {
  const apiKey = env.HATZ_API_KEY?.trim();
  if (!apiKey)
    throw new UsageError(
      describeMissingKey(env.HATZ_API_KEY, 'use hatz-practice-key against the emulator'),
    );
  return apiKey;
}

/**
 * Describes why `HATZ_API_KEY` gives no key: it is not set, or it is set but empty or only spaces,
 * which a script that exports an unset variable produces. `alternative` is the other way to give
 * a key that the command offers.
 */
export function describeMissingKey(value: string | undefined, alternative: string): string {
  const problem =
    value === undefined
      ? 'HATZ_API_KEY is not set.'
      : `HATZ_API_KEY is set but ${value === '' ? 'empty' : 'contains only spaces'}.`;
  return `${problem} Export your Hatz API key in it, or ${alternative}.`;
}
