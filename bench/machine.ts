import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';

/**
 * Describes the machine, the date and the load before and after the run, for the head of the
 * page. Other work on a shared machine shows in the load average.
 */
export function describeMachine(params: { startedAt: Date; loadAtStart: number }): string[] {
  const processors = cpus();
  const memoryGiB = totalmem() / 1024 ** 3;
  return [
    `CPU: ${processors[0]?.model.trim() ?? 'unknown'}, ${processors.length} logical cores`,
    `Memory: ${memoryGiB.toFixed(1)} GiB`,
    `System: ${osType()} ${release()}`,
    `Node: ${process.version}`,
    `Date: ${params.startedAt.toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `Load average over 1 minute: ${params.loadAtStart.toFixed(2)} at the start, ` +
      `${readLoadAverage().toFixed(2)} at the end`,
  ];
}

export function readLoadAverage(): number {
  return loadavg()[0] ?? 0;
}
