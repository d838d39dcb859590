import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import type { Measure, MeasureContext, ResultRow } from '../measure.ts';
import { formatSummary, summarize, type Summary } from '../statistics.ts';
import {
  writeBrunoCollection,
  writeCurlLoop,
  writeNewmanCollection,
} from '../support/peer-collections.ts';
import { SAMPLE_RUN } from '../support/sample-run.ts';
import { runTimedCommand } from '../support/timed-command.ts';

const RUN_COUNT = 100;
const POLL_MS = 50;
/**
 * The company brief's job lasts 1,500 ms at scale 1, so 120 ms here. Every follower finds it
 * running at its first poll and complete at its second, with margin for each tool's own delays.
 */
const JOB_TIME_SCALE = 0.08;
const TIMEOUT_MS = 5 * 60_000;
const BIN = resolve('node_modules/.bin');

interface Follower {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
}

interface FollowerFigures {
  wall: Summary;
  rss: Summary | undefined;
  pollsPerRun: number;
}

/** 100 runs started and followed to the end, one after another, by core and by each peer. */
export const sequentialRunsMeasure: Measure = {
  id: 'sequential-runs',
  title: '100 runs, each started and followed to its end, sequential',
  async run(context) {
    const repetitions = context.isQuick ? 1 : 3;
    const emulator = await startEmulator({
      latencyMs: context.latencyMs,
      jobTimeScale: JOB_TIME_SCALE,
    });
    try {
      const followers = await prepareFollowers(emulator.url, context.workDirectory);
      const figures = new Map<string, FollowerFigures>();
      const samples = new Map(followers.map((follower) => [follower.name, [] as Sample[]]));
      for (let repetition = 0; repetition < repetitions; repetition++) {
        // Rotating the order spreads any drift of the shared machine over every follower.
        const order = followers.map(
          (_, index) => followers[(index + repetition) % followers.length]!,
        );
        for (const follower of order) {
          context.log(`sequential-runs: ${follower.name}, repetition ${repetition + 1}`);
          samples.get(follower.name)!.push(await runFollower(follower, emulator, context));
        }
      }
      for (const [name, list] of samples) figures.set(name, summarizeSamples(list));

      const cli = await measureCli(emulator, context);
      return {
        method:
          `Each follower sends \`POST /v1/workflows/run\` for the company brief sample, then polls ` +
          `\`GET /v1/workflows/{job_id}\` every ${POLL_MS} ms until the job completes, ${RUN_COUNT} ` +
          'times one after another. Each follower is one process, timed from spawn to exit with ' +
          'GNU time (`/usr/bin/time`), which also gives the peak memory. Core is a Node process running ' +
          "core's `runWorkflow` (through tsx, as the CLI runs) with a fixed poll interval and no " +
          `backoff. The emulator's jobs are scaled by ${JOB_TIME_SCALE} so each lasts 120 ms, ` +
          `and every follower runs ${repetitions} time${repetitions === 1 ? '' : 's'} in a ` +
          'rotating order against the same emulator. Peak memory is the maximum resident set of ' +
          'the largest single process of the tree (for the curl loop, one curl or bash process).',
        rows: buildRows(figures, cli),
        notes: [
          'curl cannot follow a job: a bash loop runs `curl` for the run request, reads the job ' +
            'id and status with a bash regular expression, and repeats `sleep` and `curl` until ' +
            'the status is `complete`.',
          'newman cannot poll without a script: the collection has the run request and a poll ' +
            "request whose test script calls `postman.setNextRequest('Poll job')` until the job " +
            'ends, and whose pre-request script waits with `setTimeout`; `-n 100` repeats it.',
          'Bruno cannot poll without a script either: the poll request calls ' +
            "`bru.runner.setNextRequest('Poll job')` in its post-response script and waits with " +
            '`bru.sleep`; `--iteration-count 100` repeats it. It runs with `--sandbox developer` ' +
            "(Node's vm) because the default QuickJS sandbox took about 2.5 times as long " +
            'in a 20-run trial on this machine, so the comparison is with Bruno at its faster ' +
            'setting.',
          `Polls per run (from the emulator's request log): ${[...figures]
            .map(([name, figure]) => `${name} ${figure.pollsPerRun.toFixed(2)}`)
            .join(', ')}. A follower that is slower between its requests finds the job ` +
            'complete at its first poll more often, so it sends fewer polls.',
          'The CLI row starts one `node cli/bin.mjs run --wait --json` process per run, so it ' +
            "includes Node's start and tsx loading the TypeScript sources. Its " +
            '`--poll-interval 0.05` sets the first wait only, and later waits grow by 1.5× as ' +
            "the CLI's backoff does.",
          `Versions: ${describeVersions()}.`,
          ...(figures.get('core')?.rss
            ? []
            : ['Peak memory is not measured: GNU time (`/usr/bin/time`) is not installed.']),
        ],
      };
    } finally {
      await emulator.close();
    }
  },
};

interface Sample {
  wallMs: number;
  maxRssKiB?: number;
  pollsPerRun: number;
}

async function prepareFollowers(baseUrl: string, directory: string): Promise<Follower[]> {
  const params = { directory, baseUrl, apiKey: PRACTICE_KEY, pollMs: POLL_MS };
  const curlLoop = await writeCurlLoop({ ...params, count: RUN_COUNT });
  const newmanCollection = await writeNewmanCollection(params);
  const brunoCollection = await writeBrunoCollection(params);
  return [
    {
      name: 'core',
      command: process.execPath,
      args: [
        '--import',
        'tsx',
        resolve('bench/workers/core-runs.ts'),
        ...['--base-url', baseUrl, '--count', String(RUN_COUNT), '--poll-ms', String(POLL_MS)],
      ],
    },
    { name: 'bash + curl', command: 'bash', args: [curlLoop] },
    {
      name: 'newman',
      command: `${BIN}/newman`,
      args: ['run', newmanCollection, '-n', String(RUN_COUNT), '--silent'],
    },
    {
      name: 'bru',
      command: `${BIN}/bru`,
      args: ['run', '--iteration-count', String(RUN_COUNT), '--sandbox', 'developer'],
      cwd: brunoCollection,
    },
  ];
}

/** Runs one follower once and checks from the emulator's log that it did all the runs. */
async function runFollower(
  follower: Follower,
  emulator: RunningEmulator,
  context: MeasureContext,
): Promise<Sample> {
  emulator.stats.reset();
  const result = await runTimedCommand({
    ...follower,
    env: { HATZ_API_KEY: PRACTICE_KEY },
    workDirectory: context.workDirectory,
    timeoutMs: TIMEOUT_MS,
  });
  const requests = emulator.stats.requests;
  const runs = requests.filter((request) => request.path === '/v1/workflows/run').length;
  if (result.exitCode !== 0 || runs !== RUN_COUNT) {
    throw new Error(
      `${follower.name} exited with ${result.exitCode} after ${runs} runs: ${result.output.slice(-500)}`,
    );
  }
  return {
    wallMs: result.wallMs,
    maxRssKiB: result.maxRssKiB,
    pollsPerRun: (requests.length - runs) / runs,
  };
}

function summarizeSamples(samples: Sample[]): FollowerFigures {
  const rssSamples = samples.flatMap((sample) => sample.maxRssKiB ?? []);
  return {
    wall: summarize(samples.map((sample) => sample.wallMs / 1000)),
    rss: rssSamples.length > 0 ? summarize(rssSamples.map((kib) => kib / 1024)) : undefined,
    pollsPerRun: summarize(samples.map((sample) => sample.pollsPerRun)).median,
  };
}

/** Times the CLI, one `hatz-tester run --wait` process per run, as a script would call it. */
async function measureCli(emulator: RunningEmulator, context: MeasureContext) {
  const count = context.isQuick ? 5 : 10;
  const wallTimes: number[] = [];
  const rssValues: number[] = [];
  context.log(`sequential-runs: CLI, ${count} processes`);
  for (let run = 0; run < count; run++) {
    const result = await runTimedCommand({
      command: process.execPath,
      args: [
        resolve('cli/bin.mjs'),
        'run',
        ...['--base-url', emulator.url, '--app-id', SAMPLE_RUN.appId],
        ...['--inputs', SAMPLE_RUN.inputsText, '--wait', '--json'],
        ...['--poll-interval', String(POLL_MS / 1000)],
        // The CLI keeps each run in history, which belongs in the bench's own folder.
        ...['--data-dir', join(context.workDirectory, 'cli-data')],
      ],
      env: { HATZ_API_KEY: PRACTICE_KEY },
      workDirectory: context.workDirectory,
      timeoutMs: TIMEOUT_MS,
    });
    if (result.exitCode !== 0) {
      throw new Error(`the CLI exited with ${result.exitCode}: ${result.output.slice(-500)}`);
    }
    wallTimes.push(result.wallMs / 1000);
    if (result.maxRssKiB !== undefined) rssValues.push(result.maxRssKiB / 1024);
  }
  return {
    wall: summarize(wallTimes),
    rss: rssValues.length > 0 ? summarize(rssValues) : undefined,
  };
}

function buildRows(
  figures: Map<string, FollowerFigures>,
  cli: { wall: Summary; rss: Summary | undefined },
): ResultRow[] {
  const core = figures.get('core')!;
  const rows: ResultRow[] = [];
  for (const [name, peer] of figures) {
    if (name === 'core') continue;
    const ratio = core.wall.median / peer.wall.median;
    rows.push({
      label: `wall time, core vs ${name}`,
      reference: `${name}: ${formatSummary(peer.wall, 's', 2)}`,
      figure: formatSummary(core.wall, 's', 2),
      ratio,
      goal: 'faster (< 1×)',
      isMet: ratio < 1,
      miss: ratio < 1 ? undefined : `${((ratio - 1) * 100).toFixed(1)} % slower`,
    });
  }
  for (const [name, peer] of figures) {
    if (name === 'core' || !peer.rss || !core.rss) continue;
    rows.push({
      label: `peak memory, core vs ${name}`,
      reference: `${name}: ${formatSummary(peer.rss, 'MiB', 0)}`,
      figure: formatSummary(core.rss, 'MiB', 0),
      ratio: core.rss.median / peer.rss.median,
      goal: 'reported',
    });
  }
  rows.push({
    label: 'CLI `hatz-tester run --wait`, one process per run',
    reference: '—',
    figure:
      `${formatSummary(cli.wall, 's per run', 2)}` +
      (cli.rss ? `, peak ${formatSummary(cli.rss, 'MiB', 0)}` : ''),
    goal: 'reported',
  });
  return rows;
}

function describeVersions(): string {
  const firstLine = (command: string, args: string[]) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0]!.trim();
    } catch {
      return 'unknown';
    }
  };
  return [
    `curl ${firstLine('curl', ['--version']).split(' ')[1] ?? 'unknown'}`,
    `newman ${firstLine(`${BIN}/newman`, ['--version'])}`,
    `bru ${firstLine(`${BIN}/bru`, ['--version'])}`,
  ].join(', ');
}
