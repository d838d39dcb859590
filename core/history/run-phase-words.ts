import type { RunPhase } from '../schemas.ts';

/** Each run phase in words, as the history list, its status filter and the CLI show it. */
export const RUN_PHASE_WORDS: Record<RunPhase, string> = {
  sending: 'sending',
  following: 'following the job',
  started: 'started, not followed',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** Phases a kept run ends in, in the order the status filters list them. */
export const ENDED_RUN_PHASES = ['completed', 'started', 'failed', 'cancelled'] as const;
