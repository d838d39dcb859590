import { z } from 'zod';

/** How long history keeps runs. Pinned runs are kept regardless of the limits. */
export const retentionSchema = z.object({
  /** Most runs kept; the oldest unpinned runs beyond it are deleted. Null keeps any number. */
  maxRuns: z.number().int().min(1).max(10_000_000).nullable(),
  /** Age in days after which unpinned runs are deleted. Null keeps runs of any age. */
  maxAgeDays: z.number().min(1).max(36_500).nullable(),
});
export type Retention = z.infer<typeof retentionSchema>;

export const defaultRetention: Retention = { maxRuns: 100_000, maxAgeDays: null };
