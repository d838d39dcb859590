import { z } from 'zod';

import { MAX_BODY_PIECE_LENGTH } from '../body-shelf.ts';

export const bodyChannels = {
  /** Reads characters `start` to `end` of a body held in the main process. */
  'bodies.read': {
    request: z
      .object({
        id: z.string().max(100),
        start: z.number().int().nonnegative(),
        end: z.number().int().nonnegative(),
      })
      .strict()
      .refine(({ start, end }) => end >= start && end - start <= MAX_BODY_PIECE_LENGTH, {
        message: `end must be at least start and at most ${MAX_BODY_PIECE_LENGTH} characters after it`,
      }),
    /** `text` is null when the body is no longer held, because newer large bodies took its place. */
    reply: z.object({ text: z.string().nullable() }),
  },
} as const;
