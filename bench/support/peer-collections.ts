/*
 * Collections for the peer CLIs that do what `runWorkflow` does: send the run request, then poll
 * the job every `pollMs` until it completes. Neither peer can follow a job by itself, so each polls
 * from a script: newman with `postman.setNextRequest` and a `setTimeout` wait, Bruno with
 * `bru.runner.setNextRequest` and `bru.sleep`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { SAMPLE_RUN_BODY } from './sample-run.ts';

/** Polls of one job after which a peer gives up, as core's job timeout would. */
export const MAX_POLLS_PER_RUN = 200;

export interface PeerCollectionParams {
  directory: string;
  baseUrl: string;
  apiKey: string;
  pollMs: number;
}

/** Writes a Postman v2.1 collection for newman and returns its path. */
export async function writeNewmanCollection(params: PeerCollectionParams): Promise<string> {
  const headers = [
    { key: 'X-API-Key', value: params.apiKey },
    { key: 'Accept', value: 'application/json' },
  ];
  const collection = {
    info: {
      name: 'Hatz run and follow',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    item: [
      {
        name: 'Run workflow',
        request: {
          method: 'POST',
          url: `${params.baseUrl}/v1/workflows/run`,
          header: [...headers, { key: 'Content-Type', value: 'application/json' }],
          body: { mode: 'raw', raw: SAMPLE_RUN_BODY },
        },
        event: [
          script('test', [
            "pm.test('run request starts a job', () => pm.response.to.have.status(200));",
            "pm.variables.set('jobId', pm.response.json().job_id);",
            "pm.variables.set('polls', 0);",
          ]),
        ],
      },
      {
        name: 'Poll job',
        request: {
          method: 'GET',
          url: `${params.baseUrl}/v1/workflows/{{jobId}}`,
          header: headers,
        },
        event: [
          script('prerequest', [`setTimeout(() => {}, ${params.pollMs});`]),
          script('test', [
            'const status = pm.response.json().status;',
            "const polls = pm.variables.get('polls') + 1;",
            "pm.variables.set('polls', polls);",
            `if (status !== 'complete' && status !== 'failed' && polls < ${MAX_POLLS_PER_RUN}) {`,
            "  postman.setNextRequest('Poll job');",
            '} else {',
            "  pm.test('job completes', () => pm.expect(status).to.equal('complete'));",
            '}',
          ]),
        ],
      },
    ],
  };
  const path = join(params.directory, 'newman-collection.json');
  await writeFile(path, JSON.stringify(collection, null, 2));
  return path;
}

function script(listen: 'prerequest' | 'test', lines: string[]) {
  return { listen, script: { type: 'text/javascript', exec: lines } };
}

/** Writes a Bruno collection folder for `bru run` and returns its path. */
export async function writeBrunoCollection(params: PeerCollectionParams): Promise<string> {
  const folder = join(params.directory, 'bruno-collection');
  await mkdir(folder, { recursive: true });
  const headers = ['headers {', `  X-API-Key: ${params.apiKey}`, '  Accept: application/json', '}'];

  const runRequest = [
    'meta {',
    '  name: Run workflow',
    '  type: http',
    '  seq: 1',
    '}',
    '',
    'post {',
    `  url: ${params.baseUrl}/v1/workflows/run`,
    '  body: json',
    '  auth: none',
    '}',
    '',
    ...headers,
    '',
    'body:json {',
    `  ${SAMPLE_RUN_BODY}`,
    '}',
    '',
    'script:post-response {',
    "  bru.setVar('jobId', res.body.job_id);",
    "  bru.setVar('polls', 0);",
    '}',
    '',
    'tests {',
    "  test('run request starts a job', () => expect(res.status).to.equal(200));",
    '}',
  ];
  const pollRequest = [
    'meta {',
    '  name: Poll job',
    '  type: http',
    '  seq: 2',
    '}',
    '',
    'get {',
    `  url: ${params.baseUrl}/v1/workflows/{{jobId}}`,
    '  body: none',
    '  auth: none',
    '}',
    '',
    ...headers,
    '',
    'script:pre-request {',
    `  await bru.sleep(${params.pollMs});`,
    '}',
    '',
    'script:post-response {',
    '  const status = res.body.status;',
    "  const polls = bru.getVar('polls') + 1;",
    "  bru.setVar('polls', polls);",
    `  if (status !== 'complete' && status !== 'failed' && polls < ${MAX_POLLS_PER_RUN}) {`,
    "    bru.runner.setNextRequest('Poll job');",
    '  }',
    '}',
    '',
    'tests {',
    '  const status = res.body.status;',
    "  if (status !== 'pending' && status !== 'running') {",
    "    test('job completes', () => expect(status).to.equal('complete'));",
    '  }',
    '}',
  ];

  await writeFile(
    join(folder, 'bruno.json'),
    JSON.stringify({ version: '1', name: 'Hatz run and follow', type: 'collection' }, null, 2),
  );
  await writeFile(join(folder, 'run-workflow.bru'), `${runRequest.join('\n')}\n`);
  await writeFile(join(folder, 'poll-job.bru'), `${pollRequest.join('\n')}\n`);
  return folder;
}

/** Writes the bash loop of curl that sends `count` runs and follows each, and returns its path. */
export async function writeCurlLoop(params: PeerCollectionParams & { count: number }) {
  const pollSeconds = (params.pollMs / 1000).toFixed(3);
  const lines = [
    'set -euo pipefail',
    `for ((run = 0; run < ${params.count}; run++)); do`,
    `  reply=$(curl -sS -X POST '${params.baseUrl}/v1/workflows/run' \\`,
    `    -H "X-API-Key: $HATZ_API_KEY" -H 'Accept: application/json' \\`,
    `    -H 'Content-Type: application/json' --data '${SAMPLE_RUN_BODY}')`,
    '  [[ $reply =~ \\"job_id\\":\\ *\\"([^\\"]+)\\" ]] || { echo "no job id: $reply"; exit 1; }',
    '  job=${BASH_REMATCH[1]}',
    '  status=pending',
    `  for ((poll = 0; poll < ${MAX_POLLS_PER_RUN}; poll++)); do`,
    `    sleep ${pollSeconds}`,
    `    reply=$(curl -sS '${params.baseUrl}/v1/workflows/'"$job" \\`,
    `      -H "X-API-Key: $HATZ_API_KEY" -H 'Accept: application/json')`,
    '    [[ $reply =~ \\"status\\":\\ *\\"([^\\"]+)\\" ]] && status=${BASH_REMATCH[1]}',
    '    [[ $status == complete || $status == failed ]] && break',
    '  done',
    '  [[ $status == complete ]] || { echo "job $job ended as $status"; exit 1; }',
    'done',
  ];
  const path = join(params.directory, 'curl-loop.sh');
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}
