import { z } from 'zod';

import { resultSchema } from '../schemas.ts';
import { emptyRequest } from './empty-request.ts';

const MAX_API_KEY_LENGTH = 4096;

/** The key and server the app sends requests with. The key itself never leaves the main process. */
export const connectionInfoSchema = z.object({
  baseUrl: z.string(),
  key: z.object({ label: z.string(), lastFour: z.string() }).nullable(),
  isSandbox: z.boolean(),
  /** Reason a stored key is kept for this session only, or could not be read. */
  storageWarning: z.string().optional(),
});
export type ConnectionInfo = z.infer<typeof connectionInfoSchema>;

export const connectionChannels = {
  'connection.get': { request: emptyRequest, reply: connectionInfoSchema },
  'connection.useSandbox': { request: emptyRequest, reply: resultSchema(connectionInfoSchema) },
  'connection.saveKey': {
    request: z
      .object({
        apiKey: z.string().min(1).max(MAX_API_KEY_LENGTH),
        baseUrl: z.string().url().max(2048),
      })
      .strict(),
    reply: resultSchema(connectionInfoSchema),
  },
  'connection.forgetKey': { request: emptyRequest, reply: connectionInfoSchema },
} as const;
