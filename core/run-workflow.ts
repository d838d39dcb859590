import { abortableSleep } from './abortable-sleep.ts';
import { explainFailure } from './explain-failure.ts';
import type { HatzClient } from './hatz-client.ts';
import type { RunRequest } from './run-body.ts';
import type { Failure, FailureKind, JobSnapshot, RunSnapshot } from './schemas.ts';

export interface RunWorkflowOptions extends RunRequest {
  client: HatzClient;
  runId: string;
  /** Aborting cancels the run; the outcome is then the `cancelled` phase, not an error. */
  signal?: AbortSignal;
  /** Receives a full snapshot after every change, for the UI and the CLI's progress line. */
  onUpdate?: (snapshot: RunSnapshot) => void;
  /** False stops after the run request, without following the job. */
  follow?: boolean;
}

/** Failures while polling that may pass, so following goes on until too many come in a row. */
const TRANSIENT_POLL_FAILURES = new Set<FailureKind>([
  'network',
  'timeout',
  'server-error',
  'rate-limited',
  'unexpected-body',
  'job-not-found',
]);

/**
 * Runs a workflow and follows its job to the end: sends `POST /workflows/run`, then polls the
 * job-status endpoint with backoff until the job completes or fails, the job timeout passes, or
 * the signal aborts. Resolves with the final snapshot and never rejects.
 */
export async function runWorkflow(options: RunWorkflowOptions): Promise<RunSnapshot> {
  const { client, signal } = options;
  const settings = client.settings;
  const startTime = Date.now();
  const snapshot: RunSnapshot = {
    runId: options.runId,
    appId: options.appId.trim(),
    phase: 'sending',
    timeline: [],
  };
  const update = (changes: Partial<RunSnapshot>, label?: string) => {
    Object.assign(snapshot, changes);
    if (label) snapshot.timeline = [...snapshot.timeline, { at: new Date().toISOString(), label }];
    // A shallow copy is enough: changes replace the nested objects instead of mutating them, and
    // a deep copy would clone a reply body of tens of megabytes on every poll.
    options.onUpdate?.({ ...snapshot });
  };
  const end = (failure: Failure, label: string) => {
    const phase = failure.kind === 'cancelled' ? 'cancelled' : 'failed';
    update({ phase, failure }, label);
    return snapshot;
  };

  update({}, 'Checking and sending the run request');
  const started = await client.startRun(options, signal);
  update({ exchange: started.exchange });
  if (!started.result.ok) return end(started.result.failure, endLabel(started.result.failure));

  const { jobId } = started.result.value;
  update(
    { jobId, phase: options.follow === false ? 'started' : 'following' },
    `Job ${jobId} started`,
  );
  if (options.follow === false) return snapshot;

  let wait = settings.pollInitialMs;
  let failuresInRow = 0;
  let lastStatus = '';
  for (;;) {
    const remaining = startTime + settings.jobTimeoutMs - Date.now();
    if (remaining <= 0) {
      return end(
        { kind: 'timeout', phase: 'job', afterMs: settings.jobTimeoutMs },
        'Stopped waiting: job timeout',
      );
    }
    await abortableSleep(Math.min(wait, remaining), signal);
    if (signal?.aborted) return end({ kind: 'cancelled' }, 'Cancelled');
    wait = Math.min(wait * settings.pollBackoff, settings.pollMaxMs);

    const polled = await client.getJob(jobId, signal);
    if (!polled.result.ok) {
      const failure = polled.result.failure;
      failuresInRow++;
      if (failure.kind === 'cancelled') return end(failure, 'Cancelled');
      if (!TRANSIENT_POLL_FAILURES.has(failure.kind) || failuresInRow > settings.maxPollFailures) {
        return end(failure, `Stopped following: ${explainFailure(failure).title}`);
      }
      if (failure.kind === 'rate-limited' && failure.retryAfterSeconds !== undefined) {
        wait = Math.max(wait, failure.retryAfterSeconds * 1000);
      }
      update({}, `Job status check failed (${explainFailure(failure).title}); retrying`);
      continue;
    }

    failuresInRow = 0;
    const job: JobSnapshot = polled.result.value;
    const label =
      job.rawStatus !== lastStatus ? `Job ${job.rawStatus || 'status unknown'}` : undefined;
    lastStatus = job.rawStatus;
    if (job.state === 'completed') {
      update({ job, phase: 'completed' }, label ?? 'Job completed');
      return snapshot;
    }
    if (job.state === 'failed') {
      update({ job });
      return end(
        {
          kind: 'job-failed',
          jobId,
          jobError: job.jobError,
          requestId: polled.exchange?.requestId,
        },
        label ?? 'Job failed',
      );
    }
    update({ job }, label);
  }
}

function endLabel(failure: Failure): string {
  if (failure.kind === 'cancelled') return 'Cancelled';
  // An invalid request never leaves the app, so the label must not say it failed on the way.
  if (failure.kind === 'invalid-input') return 'Not sent: the request is invalid';
  return `Run request failed: ${explainFailure(failure).title}`;
}
