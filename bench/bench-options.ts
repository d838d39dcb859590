import { parseArgs } from 'node:util';

export interface BenchOptions {
  isQuick: boolean;
  latencyMs: number;
  /** Ids of the measures to run; empty runs all. */
  only: string[];
  /** Path of the page to write; SVG plots go in the same folder. */
  output: string;
  isHelp: boolean;
}

export const DEFAULT_LATENCY_MS = 20;

export const BENCH_HELP = `Usage: npm run bench -- [options]

Runs every measure against the Hatz API emulator on 127.0.0.1 and writes the results page.

Options:
  --quick            fewer repetitions, for a check that the bench works (about 3 minutes on 2 cores)
  --latency-ms MS    fixed delay the emulator adds before every reply, in ms (default ${DEFAULT_LATENCY_MS})
  --only IDS         comma-separated measure ids to run, for example run-request,renderer-start
  --output FILE      page to write (default docs/benchmarks.md)
  -h, --help         show this help
`;

/** Parses the bench's arguments. Throws an Error naming the option for an invalid value. */
export function parseBenchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      quick: { type: 'boolean' },
      'latency-ms': { type: 'string' },
      only: { type: 'string' },
      output: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });

  const latencyText = values['latency-ms'] ?? String(DEFAULT_LATENCY_MS);
  const latencyMs = Number(latencyText);
  if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 10_000) {
    throw new Error(`--latency-ms "${latencyText}" is invalid; use an integer from 0 to 10000.`);
  }
  return {
    isQuick: values.quick === true,
    latencyMs,
    only: values.only ? values.only.split(',').map((id) => id.trim()) : [],
    output: values.output ?? 'docs/benchmarks.md',
    isHelp: values.help === true,
  };
}
