import { randomUUID } from 'node:crypto';

import type { EmulatorOptions, JobOutputField } from './options.ts';
import type { SampleApp, SampleJobOutcome, SampleJobPlan, SampleStep } from './sample-workflows.ts';

/** A started job. Its outcome is decided at start, and the reply reveals it once the job ends. */
export interface Job {
  id: string;
  appId: string;
  isDraft: boolean;
  createdAtMs: number;
  plan: SampleJobPlan;
  steps: SampleStep[];
  outcome: SampleJobOutcome;
}

/** The practice sandbox may run for days, so the oldest jobs are forgotten past this count. */
const MAX_STORED_JOBS = 10_000;

/** Jobs of workflow runs. Their state follows from the time since creation, not from timers. */
export class JobStore {
  readonly #jobs = new Map<string, Job>();

  /** Starts a job of `app`, which must have a job plan, and returns it. */
  create(params: {
    app: SampleApp & { job: SampleJobPlan };
    inputs: Record<string, unknown>;
    isDraft: boolean;
    fileName: (fileId: string) => string | undefined;
    nowMs: number;
  }): Job {
    const { app, inputs, isDraft, fileName, nowMs } = params;
    const job: Job = {
      id: randomUUID(),
      appId: app.record.id,
      isDraft,
      createdAtMs: nowMs,
      plan: app.job,
      steps: app.record.steps ?? [],
      outcome: app.job.produceOutcome(inputs, { fileName }),
    };

    this.#jobs.set(job.id, job);
    if (this.#jobs.size > MAX_STORED_JOBS) {
      const oldestId = this.#jobs.keys().next().value;
      if (oldestId !== undefined) this.#jobs.delete(oldestId);
    }
    return job;
  }

  /** Returns the job with this id, compared case-insensitively as UUIDs are. */
  find(jobId: string): Job | undefined {
    return this.#jobs.get(jobId.toLowerCase());
  }
}

/**
 * Builds the job reply at time `nowMs`: `{"id", "status", <output field>, "error", "created_at",
 * "completed_at"}`, with the status word and the output field chosen by the options.
 */
export function formatJobReply(
  job: Job,
  nowMs: number,
  options: Pick<EmulatorOptions, 'jobTimeScale' | 'jobStatusWords' | 'jobOutputField'>,
): Record<string, unknown> {
  const elapsedMs = nowMs - job.createdAtMs;
  const pendingEndMs = job.plan.pendingMs * options.jobTimeScale;
  const durationMs = job.plan.durationMs * options.jobTimeScale;

  let state: 'pending' | 'running' | SampleJobOutcome['state'] = job.outcome.state;
  if (elapsedMs < pendingEndMs) state = 'pending';
  else if (elapsedMs < durationMs) state = 'running';

  const isEnded = state === 'complete' || state === 'failed';
  const outputs =
    state === 'complete' && job.outcome.state === 'complete'
      ? formatOutputs(options.jobOutputField, job.steps, job.outcome.stepOutputs)
      : null;

  return {
    id: job.id,
    status: options.jobStatusWords[state],
    [options.jobOutputField]: outputs,
    error: state === 'failed' && job.outcome.state === 'failed' ? job.outcome.error : null,
    created_at: new Date(job.createdAtMs).toISOString(),
    completed_at: isEnded ? new Date(job.createdAtMs + durationMs).toISOString() : null,
  };
}

function formatOutputs(field: JobOutputField, steps: SampleStep[], stepOutputs: string[]): unknown {
  const finalOutput = stepOutputs.at(-1) ?? '';
  switch (field) {
    case 'result':
      return { output: finalOutput };
    case 'output':
      return finalOutput;
    case 'outputs':
      return stepOutputs.map((output, index) => ({
        step_id: steps[index]?.id ?? null,
        display_name: steps[index]?.display_name ?? null,
        output,
      }));
    case 'step_outputs':
      return Object.fromEntries(
        stepOutputs.map((output, index) => [steps[index]?.id ?? `step_${index}`, output]),
      );
    case 'data':
      return { output: finalOutput };
    default:
      // Options are live, so a caller may have set a field that the type does not list.
      return { output: finalOutput };
  }
}
