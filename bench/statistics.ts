/** Median and spread of repeated samples. */
export interface Summary {
  median: number;
  /** Lower end of the spread: the 10th percentile from 10 samples on, else the minimum. */
  low: number;
  /** Upper end of the spread: the 90th percentile from 10 samples on, else the maximum. */
  high: number;
  count: number;
}

/** Summarises samples by median and spread. Throws on an empty list, which is a bench bug. */
export function summarize(samples: number[]): Summary {
  if (samples.length === 0) throw new Error('summarize needs at least one sample.');
  const sorted = [...samples].sort((a, b) => a - b);
  const isLarge = sorted.length >= 10;
  return {
    median: percentile(sorted, 0.5),
    low: isLarge ? percentile(sorted, 0.1) : sorted[0]!,
    high: isLarge ? percentile(sorted, 0.9) : sorted.at(-1)!,
    count: sorted.length,
  };
}

/** Linear interpolation between the two nearest ranks of sorted samples. */
function percentile(sorted: number[], fraction: number): number {
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const weight = position - below;
  return sorted[below]! * (1 - weight) + sorted[above]! * weight;
}

/** Formats a summary as `12.3 ms (p10–p90 11.9–13.0, n=200)`, or with min–max below 10 samples. */
export function formatSummary(summary: Summary, unit: string, digits = 1): string {
  const format = (value: number) => value.toFixed(digits);
  if (summary.count === 1) return `${format(summary.median)} ${unit} (n=1)`;
  const spreadName = summary.count >= 10 ? 'p10–p90' : 'min–max';
  return (
    `${format(summary.median)} ${unit} ` +
    `(${spreadName} ${format(summary.low)}–${format(summary.high)}, n=${summary.count})`
  );
}
