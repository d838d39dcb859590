import type { MeasureReport, ResultRow } from './measure.ts';

export interface MeasureOutcome {
  id: string;
  /** Absent when the measure's module could not be loaded. */
  title?: string;
  report?: MeasureReport;
  /** A module the measure imports that does not exist yet. */
  missingModule?: string;
  /** Message of an error that stopped the measure. */
  error?: string;
}

export interface PageInput {
  outcomes: MeasureOutcome[];
  machine: string[];
  latencyMs: number;
  isQuick: boolean;
  command: string;
}

/** Builds docs/benchmarks.md from the outcomes of one run. */
export function writeReportPage(input: PageInput): string {
  const measured = input.outcomes.filter((outcome) => outcome.report || outcome.error);
  const notYet = input.outcomes.filter((outcome) => outcome.missingModule !== undefined);
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`${input.command}\`${input.isQuick ? ' (quick mode: fewer repetitions)' : ''}. ` +
      'Every measure runs against the Hatz API emulator on 127.0.0.1 with a fixed latency of ' +
      `${input.latencyMs} ms before each reply. Each measure times its reference in the same run, ` +
      'so the ratios hold on a shared, noisy machine even where the absolute figures move. Figures are ' +
      'medians; the spread in brackets is p10–p90 from 10 samples on, else min–max. A ratio is ' +
      "this project's median divided by the reference's median. `npm run bench:quick` runs " +
      'fewer repetitions, and `npm run bench -- --help` lists the options.',
    '',
    '## Machine',
    '',
    ...input.machine.map((line) => `- ${line}`),
    '',
  ];

  for (const outcome of measured) lines.push(...formatOutcome(outcome));

  if (notYet.length > 0) {
    lines.push('## Not measured yet', '');
    for (const outcome of notYet) {
      lines.push(`- \`${outcome.id}\`: \`${outcome.missingModule}\` does not exist yet.`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function formatOutcome({ id, title, report, error }: MeasureOutcome): string[] {
  const lines = [`## ${title ?? id}`, ''];
  if (error !== undefined || !report) {
    lines.push(`The measure failed, so it has no figures: ${error ?? 'no report'}.`, '');
    return lines;
  }

  lines.push(report.method, '');
  lines.push(
    '| measure | reference | this project | ratio | goal | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.rows.map(formatRow),
    '',
  );
  for (const note of report.notes ?? []) lines.push(`- ${note}`);
  if (report.notes?.length) lines.push('');
  for (const file of report.files ?? []) lines.push(`![${file.caption}](${file.name})`, '');
  return lines;
}

function formatRow(row: ResultRow): string {
  const ratio = row.ratio === undefined ? '—' : `${row.ratio.toFixed(2)}×`;
  let met = '—';
  if (row.isMet === true) met = 'yes';
  if (row.isMet === false) met = `no, ${row.miss ?? 'missed'}`;
  return `| ${row.label} | ${row.reference} | ${row.figure} | ${ratio} | ${row.goal} | ${met} |`;
}
