import { z } from 'zod';

import { workflowSummarySchema } from '../core/schemas.ts';

const STORAGE_KEY = 'hatz-tester.unsent-run';

const unsentRunSchema = z.object({
  workflow: workflowSummarySchema.nullable(),
  inputsText: z.string(),
  isDraft: z.boolean(),
});

/** The Run view's request before it is sent, kept so that closing the app loses no typing. */
export type UnsentRun = z.infer<typeof unsentRunSchema>;

/** Returns the run kept by `saveUnsentRun`, or null when there is none or it cannot be read. */
export function loadUnsentRun(): UnsentRun | null {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === null) return null;
    const parsed = unsentRunSchema.safeParse(JSON.parse(saved));
    return parsed.success ? parsed.data : null;
  } catch {
    // Storage that is disabled or contains damaged JSON only means there is nothing to restore.
    return null;
  }
}

/**
 * Keeps the unsent run in the window's local storage, which lives in the app's own data
 * directory. Returns false when it does not fit (browsers allow about 5 MB per origin).
 */
export function saveUnsentRun(run: UnsentRun): boolean {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(run));
    return true;
  } catch {
    return false;
  }
}
