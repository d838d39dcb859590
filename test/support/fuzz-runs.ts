/**
 * Returns how many cases a property test runs: `runs` in the normal test run, or the number in
 * the FUZZ_RUNS environment variable for a longer run, e.g. `FUZZ_RUNS=200000 npm run test:only -- fuzz`.
 */
export function fuzzRuns(runs: number): number {
  const requested = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(requested) && requested > 0 ? requested : runs;
}
