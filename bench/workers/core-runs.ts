/*
 * Child process of the sequential-runs measure: runs the company brief sample `--count` times
 * through core's `runWorkflow`, one after another, polling every `--poll-ms` without backoff.
 * Exits 1 when a run does not complete.
 */
import { parseArgs } from 'node:util';

import { createHatzClient } from '../../core/hatz-client.ts';
import { runWorkflow } from '../../core/run-workflow.ts';
import { resolveSettings } from '../../core/settings.ts';
import { SAMPLE_RUN } from '../support/sample-run.ts';

const { values } = parseArgs({
  options: {
    'base-url': { type: 'string' },
    count: { type: 'string' },
    'poll-ms': { type: 'string' },
  },
});
const pollMs = Number(values['poll-ms']);
const client = createHatzClient({
  fetch: globalThis.fetch,
  apiKey: process.env.HATZ_API_KEY ?? '',
  settings: resolveSettings({
    baseUrl: values['base-url'],
    pollInitialMs: pollMs,
    pollMaxMs: pollMs,
    pollBackoff: 1,
  }),
});

for (let run = 0; run < Number(values.count); run++) {
  const snapshot = await runWorkflow({ ...SAMPLE_RUN, client, runId: String(run) });
  if (snapshot.phase !== 'completed') {
    process.stderr.write(`run ${run} ended as ${snapshot.phase}: ${snapshot.failure?.kind}\n`);
    process.exit(1);
  }
}
