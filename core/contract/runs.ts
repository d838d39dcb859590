import { z } from 'zod';

import { resultSchema, runSnapshotSchema } from '../schemas.ts';

const MAX_INPUTS_TEXT_LENGTH = 5 * 1024 * 1024;

export const runChannels = {
  'runs.start': {
    request: z
      .object({
        appId: z.string().max(200),
        inputsText: z.string().max(MAX_INPUTS_TEXT_LENGTH),
        isDraft: z.boolean(),
        /** The workflow's name, kept in history so runs can be found by it. */
        workflowName: z.string().max(500).optional(),
      })
      .strict(),
    reply: resultSchema(z.object({ runId: z.string() })),
  },
  'runs.cancel': {
    request: z.object({ runId: z.string().max(100) }).strict(),
    reply: z.object({ cancelled: z.boolean() }),
  },
} as const;

export const runEvents = {
  /** A full snapshot of a run after each change. */
  'runs.update': runSnapshotSchema,
} as const;
