/*
 * Runs the benchmarks and writes docs/benchmarks.md. Each measure is one module in measures/,
 * so adding one means adding its file and its id to MEASURE_IDS. Modules are loaded one by one, so
 * a measure whose source module does not exist yet is listed as not measured instead of stopping
 * the others.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import {
  BENCH_HELP,
  DEFAULT_LATENCY_MS,
  parseBenchOptions,
  type BenchOptions,
} from './bench-options.ts';
import { describeMachine, readLoadAverage } from './machine.ts';
import type { Measure, MeasureContext } from './measure.ts';
import { writeReportPage, type MeasureOutcome } from './write-report.ts';

/** Modules in measures/, in page order. Each module's name is its measure's id. */
const MEASURE_IDS = [
  'run-request',
  'sequential-runs',
  'batch-runner',
  'history-store',
  'inputs-lint',
  'curl-import',
  'renderer-start',
  'large-reply',
  'main-process-memory',
];

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options.isHelp) {
    process.stdout.write(BENCH_HELP);
    return 0;
  }
  const unknown = options.only.filter((id) => !MEASURE_IDS.includes(id));
  if (unknown.length > 0) {
    const known = MEASURE_IDS.join(', ');
    throw new Error(`Unknown measure id ${unknown.join(', ')}; use one of ${known}.`);
  }

  const startedAt = new Date();
  const loadAtStart = readLoadAverage();
  const workDirectory = await mkdtemp(join(tmpdir(), 'hatz-bench-'));
  const context: MeasureContext = {
    latencyMs: options.latencyMs,
    isQuick: options.isQuick,
    workDirectory,
    log: (message) => process.stderr.write(`${message}\n`),
  };
  const selected = MEASURE_IDS.filter(
    (id) => options.only.length === 0 || options.only.includes(id),
  );

  const outcomes: MeasureOutcome[] = [];
  try {
    for (const id of selected) {
      const loaded = await loadMeasure(id);
      if ('missingModule' in loaded) {
        context.log(`${id}: not measured, ${loaded.missingModule} does not exist`);
        outcomes.push({ id, missingModule: loaded.missingModule });
      } else {
        outcomes.push(await runMeasure(loaded.measure, context));
      }
    }
  } finally {
    await rm(workDirectory, { recursive: true, force: true });
  }

  const page = writeReportPage({
    outcomes,
    machine: describeMachine({ startedAt, loadAtStart }),
    latencyMs: options.latencyMs,
    isQuick: options.isQuick,
    command: describeCommand(options),
  });
  const outputDirectory = dirname(options.output);
  await mkdir(outputDirectory, { recursive: true });
  await writeFile(options.output, page);
  for (const outcome of outcomes) {
    for (const file of outcome.report?.files ?? []) {
      await writeFile(join(outputDirectory, file.name), file.content);
    }
  }
  context.log(`Wrote ${options.output}`);
  return outcomes.some((outcome) => outcome.error !== undefined) ? 1 : 0;
}

/** Returns the npm command that repeats this run, with its options. */
function describeCommand(options: BenchOptions): string {
  const args: string[] = [];
  if (options.latencyMs !== DEFAULT_LATENCY_MS) args.push(`--latency-ms ${options.latencyMs}`);
  if (options.only.length > 0) args.push(`--only ${options.only.join(',')}`);
  const script = options.isQuick ? 'bench:quick' : 'bench';
  return args.length === 0 ? `npm run ${script}` : `npm run ${script} -- ${args.join(' ')}`;
}

/**
 * Imports a measure's module. A module, or a module it imports, that does not exist yet is
 * returned as missing; any other error is thrown.
 */
async function loadMeasure(id: string): Promise<{ measure: Measure } | { missingModule: string }> {
  let exports: Record<string, unknown>;
  try {
    exports = (await import(`./measures/${id}.ts`)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND') throw error;
    const message = error instanceof Error ? error.message : String(error);
    const path = /Cannot find module '([^']+)'/.exec(message)?.[1] ?? message;
    return { missingModule: relative(process.cwd(), path) };
  }
  const measure = Object.values(exports).find(isMeasure);
  if (!measure) {
    throw new Error(
      `bench/measures/${id}.ts exports no measure. Export a Measure with id "${id}".`,
    );
  }
  if (measure.id !== id) {
    throw new Error(`bench/measures/${id}.ts has the id "${measure.id}". Rename it to "${id}".`);
  }
  return { measure };
}

function isMeasure(value: unknown): value is Measure {
  const candidate = value as Partial<Measure> | undefined;
  return typeof candidate?.id === 'string' && typeof candidate.run === 'function';
}

/** Runs one measure, or records the error that stopped it. */
async function runMeasure(measure: Measure, context: MeasureContext): Promise<MeasureOutcome> {
  context.log(`${measure.id}: running`);
  const startTime = performance.now();
  try {
    const report = await measure.run(context);
    context.log(`${measure.id}: done in ${((performance.now() - startTime) / 1000).toFixed(1)} s`);
    return { id: measure.id, title: measure.title, report };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.log(`${measure.id}: failed: ${message}`);
    // Playwright appends a call log with terminal colours, so the page keeps the first line.
    const firstLine = message.split('\n')[0]!.trim();
    return { id: measure.id, title: measure.title, error: firstLine };
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
