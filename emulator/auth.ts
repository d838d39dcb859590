import type { IncomingHttpHeaders } from 'node:http';

import { HttpError } from './http-error.ts';
import type { EmulatorOptions } from './options.ts';

/** Key that the emulator always accepts, so the practice sandbox works without a real key. */
export const PRACTICE_KEY = 'hatz-practice-key';

export interface Authentication {
  /** True for a key in `forbiddenKeys`, which may not run workflows or list apps. */
  isForbidden: boolean;
}

/** Returns every key that the emulator accepts under `options`, forbidden keys included. */
export function acceptedKeys(options: Pick<EmulatorOptions, 'keys' | 'forbiddenKeys'>): string[] {
  return [PRACTICE_KEY, ...options.keys, ...options.forbiddenKeys];
}

/**
 * Checks the `X-API-Key` header and throws HttpError 401 unless it contains an accepted key. Hatz
 * reserves `Authorization` for its session tokens and rejects a key sent as Bearer, so any
 * `Authorization` header fails too. A key in the query string is never read.
 */
export function authenticate(
  headers: IncomingHttpHeaders,
  options: Pick<EmulatorOptions, 'keys' | 'forbiddenKeys'>,
): Authentication {
  if (headers.authorization !== undefined) {
    throw new HttpError(
      401,
      'The Authorization header is not accepted; send the API key in the X-API-Key header only.',
      { loc: ['header', 'authorization'], type: 'authorization_not_accepted' },
    );
  }

  const key = headers['x-api-key'];
  if (typeof key !== 'string' || key === '') {
    throw new HttpError(401, 'Missing API key; send it in the X-API-Key header.', {
      loc: ['header', 'x-api-key'],
      type: 'missing',
    });
  }
  if (!acceptedKeys(options).includes(key)) {
    throw new HttpError(401, 'Invalid API key.', {
      loc: ['header', 'x-api-key'],
      type: 'invalid_key',
    });
  }
  return { isForbidden: options.forbiddenKeys.includes(key) };
}
