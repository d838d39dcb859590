import type { ResultRow } from './measure.ts';

/**
 * Judges a figure against an upper limit and states the miss in percent, so the page shows how
 * far a goal is missed and not only whether it is.
 */
export function judgeAtMost(value: number, limit: number): Pick<ResultRow, 'isMet' | 'miss'> {
  if (value <= limit) return { isMet: true };
  const percentOver = ((value - limit) / limit) * 100;
  return { isMet: false, miss: `${percentOver.toFixed(1)} % over` };
}
