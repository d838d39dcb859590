import { z } from 'zod';

import { MAX_API_KEY_LENGTH } from '../clean-api-key.ts';
import { resultSchema } from '../schemas.ts';
import { emptyRequest } from './empty-request.ts';

/** The key and server the app sends requests with. The key itself never leaves the main process. */
export const connectionInfoSchema = z.object({
  baseUrl: z.string(),
  /** The active stored key, or null for none and for the practice sandbox. */
  key: z.object({ id: z.string(), label: z.string(), lastFour: z.string() }).nullable(),
  isSandbox: z.boolean(),
  /** Reason the active key is kept for this session only, or why stored keys could not be read. */
  storageWarning: z.string().optional(),
});
export type ConnectionInfo = z.infer<typeof connectionInfoSchema>;

export const connectionChannels = {
  'connection.get': { request: emptyRequest, reply: connectionInfoSchema },
  'connection.useSandbox': { request: emptyRequest, reply: resultSchema(connectionInfoSchema) },
  'connection.saveKey': {
    request: z
      .object({
        // Twice the key's limit, so a key with pasted extras reaches the cleaning rules.
        apiKey: z
          .string()
          .min(1)
          .max(MAX_API_KEY_LENGTH * 2),
        baseUrl: z.string().url().max(2048),
        label: z.string().max(100).optional(),
      })
      .strict(),
    reply: resultSchema(connectionInfoSchema),
  },
  'connection.forgetKey': { request: emptyRequest, reply: connectionInfoSchema },
} as const;
