import { z } from 'zod';

/** The request of a channel that takes no arguments: an empty object and nothing else. */
export const emptyRequest = z.object({}).strict();
