import type { TestContext } from 'node:test';

import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import {
  PRACTICE_KEY,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../emulator/server.ts';

export const SEED_INPUTS = { company_name: 'Acme Corporation', industry: 'Technology' };

/** Starts an emulator on a free port and closes it when the test ends. */
export async function startTestEmulator(
  t: TestContext,
  options: Partial<EmulatorOptions> = {},
): Promise<RunningEmulator> {
  const emulator = await startEmulator({ jobTimeScale: 0.01, ...options });
  t.after(() => emulator.close());
  return emulator;
}

/** Sends a request to the emulator with the practice key unless `headers` sets its own. */
export function callApi(
  emulator: RunningEmulator,
  path: string,
  init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${emulator.url}${path}`, {
    ...init,
    headers: { 'x-api-key': PRACTICE_KEY, ...init.headers },
  });
}

/** Sends `POST /v1/workflows/run` with `body` as JSON. */
export function postRun(
  emulator: RunningEmulator,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return callApi(emulator, '/v1/workflows/run', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Runs the company brief with the seed inputs and returns the job id. */
export async function startSeedJob(emulator: RunningEmulator): Promise<string> {
  const response = await postRun(emulator, {
    app_id: SAMPLE_WORKFLOW_IDS.companyBrief,
    inputs: SEED_INPUTS,
  });
  const body = (await response.json()) as { job_id: string };
  return body.job_id;
}

/**
 * Polls the job every 10 ms until its status is not one of `stillGoing`, and returns the reply.
 * Throws if the job still has one of those statuses after `timeoutMs`.
 */
export async function waitForJob(
  emulator: RunningEmulator,
  jobId: string,
  options: { stillGoing?: string[]; timeoutMs?: number } = {},
): Promise<Record<string, unknown>> {
  const stillGoing = options.stillGoing ?? ['pending', 'running'];
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  for (;;) {
    const response = await callApi(emulator, `/v1/workflows/${jobId}`);
    const body = (await response.json()) as Record<string, unknown>;
    if (!stillGoing.includes(String(body['status']))) return body;
    if (Date.now() > deadline) {
      throw new Error(`Job ${jobId} still has status ${String(body['status'])} after the timeout.`);
    }
    await delay(10);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `condition` returns true, checking every 5 ms. Throws after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`The condition was still false after ${timeoutMs} ms.`);
    await delay(5);
  }
}
