import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { createHatzClient } from '../../core/hatz-client.ts';
import { buildHistoryRecord } from '../../core/history/build-history-record.ts';
import { encodeHistoryLine } from '../../core/history/history-line.ts';
import type { HistoryRecord } from '../../core/history/history-record.ts';
import { SEGMENT_BOUNDS_FILE } from '../../core/history/segment-bounds.ts';
import { openHistoryStore, type HistoryStore } from '../../core/history-store.ts';
import { runWorkflow } from '../../core/run-workflow.ts';
import { resolveSettings } from '../../core/settings.ts';
import { PRACTICE_KEY, startEmulator } from '../../emulator/server.ts';
import { judgeAtMost } from '../goal.ts';
import type { Measure, ResultRow } from '../measure.ts';
import { formatSummary, summarize, type Summary } from '../statistics.ts';
import { drawLinePlot } from '../svg-line-plot.ts';
import { SAMPLE_RUN } from '../support/sample-run.ts';

const APPEND_GOAL_MS = 2;
const PAGE_GOAL_MS = 100;
const SEARCH_GOAL_MS = 150;
const PAGE_SIZE = 50;
const SEED_COMPANY = 'Acme Corporation';

interface SizeFigures {
  size: number;
  open: Summary;
  /** From calling `openHistoryStore` with background indexing to holding the newest page. */
  openToPage: Summary;
  /** The same, once, after deleting the sidecar file, as the first open after an upgrade. */
  openToPageWithoutBounds: number;
  /** From calling `openHistoryStore` with background indexing to the full index. */
  openToFullIndex: Summary;
  /** Maximum event loop delay while the background indexing ran, over all its opens. */
  maxIndexingDelay: number;
  append: Summary;
  page: Summary;
  search: Summary;
}

/** Append, newest page and search of the run history at growing sizes, with a plot. */
export const historyStoreMeasure: Measure = {
  id: 'history-store',
  title: 'History: append, open newest page, search',
  async run(context) {
    const sizes = context.isQuick ? [1000, 10_000] : [1000, 10_000, 100_000];
    const repetitions = context.isQuick ? 10 : 30;
    const openRepetitions = context.isQuick ? 1 : 2;
    const pageOpenRepetitions = context.isQuick ? 5 : 10;
    const template = await recordRealRun(context.latencyMs);
    const directory = await mkdtemp(join(context.workDirectory, 'history-'));

    const figures: SizeFigures[] = [];
    let stored = 0;
    for (const size of sizes) {
      context.log(`history-store: filling to ${size.toLocaleString('en-US')} runs`);
      stored = await fillHistory({ directory, template, from: stored, to: size });
      context.log(`history-store: timing at ${size.toLocaleString('en-US')} runs`);
      const timed = await timeOperations({
        directory,
        template,
        size,
        repetitions,
        openRepetitions,
        pageOpenRepetitions,
      });
      stored += repetitions;
      figures.push(timed);
    }

    const rows: ResultRow[] = [];
    for (const figure of figures) {
      const count = figure.size.toLocaleString('en-US');
      rows.push(
        {
          label: `append one run, ${count} runs`,
          reference: '—',
          figure: formatSummary(figure.append, 'ms', 2),
          goal: `≤ ${APPEND_GOAL_MS} ms`,
          ...judgeAtMost(figure.append.median, APPEND_GOAL_MS),
        },
        {
          label: `open newest page, ${count} runs`,
          reference: '—',
          figure: formatSummary(figure.page, 'ms', 2),
          goal: `≤ ${PAGE_GOAL_MS} ms`,
          ...judgeAtMost(figure.page.median, PAGE_GOAL_MS),
        },
        {
          label: `search, ${count} runs`,
          reference: '—',
          figure: formatSummary(figure.search, 'ms', 2),
          goal: `≤ ${SEARCH_GOAL_MS} ms`,
          ...judgeAtMost(figure.search.median, SEARCH_GOAL_MS),
        },
        {
          label: `open the store (index rebuilt from disk), ${count} runs`,
          reference: '—',
          figure: formatSummary(figure.open, 'ms', 0),
          goal: 'reported',
        },
        {
          label: `open to newest page, background index, ${count} runs`,
          reference: '—',
          figure: formatSummary(figure.openToPage, 'ms', 1),
          goal: `≤ ${PAGE_GOAL_MS} ms`,
          ...judgeAtMost(figure.openToPage.median, PAGE_GOAL_MS),
        },
        {
          label: `open to newest page without ${SEGMENT_BOUNDS_FILE}, ${count} runs`,
          reference: '—',
          figure: `${figure.openToPageWithoutBounds.toFixed(0)} ms (n=1)`,
          goal: 'reported',
        },
        {
          label: `open to full index in the background, ${count} runs`,
          reference: '—',
          figure: formatSummary(figure.openToFullIndex, 'ms', 0),
          goal: 'reported',
        },
        {
          label: `max event loop delay while indexing, ${count} runs`,
          reference: '—',
          figure: `${figure.maxIndexingDelay.toFixed(1)} ms (max over ${pageOpenRepetitions} opens)`,
          goal: 'reported',
        },
      );
    }
    const plot = drawLinePlot({
      title: 'History operations against history size (medians)',
      xLabel: 'runs in history (log scale)',
      yLabel: 'time (ms)',
      series: [
        { name: 'append one run', points: figures.map((f) => [f.size, f.append.median]) },
        { name: 'newest page', points: figures.map((f) => [f.size, f.page.median]) },
        { name: 'search', points: figures.map((f) => [f.size, f.search.median]) },
      ],
      goals: [{ label: `search goal ${SEARCH_GOAL_MS} ms`, y: SEARCH_GOAL_MS }],
    });
    return {
      method:
        "Fills a history folder with segment files encoded by the store's own " +
        '`encodeHistoryLine`, from one record of a real run of the company brief sample against ' +
        'the emulator, each copy with its own id, time and company name. At each size it opens ' +
        "the folder afresh with the app's settings, which flush every write to disk. Then it " +
        `times three operations ${repetitions} times each: \`append\` of one more run, \`list\` ` +
        `of the newest page of ${PAGE_SIZE} runs, and \`list\` with a two-word search that ` +
        'matches one run. The ' +
        'runs appended while timing stay, so each size holds a few more runs than its label. ' +
        'Opening the store with the whole index built before it resolves, as the CLI does, ' +
        `is timed ${openRepetitions} time${openRepetitions === 1 ? '' : 's'} per size. ` +
        'Opening with `isIndexedInBackground`, as the app can, is timed ' +
        `${pageOpenRepetitions} times per size from the call to holding the newest page of ` +
        `${PAGE_SIZE} runs, which must equal that page once the index is complete. The same ` +
        `open is timed once after deleting \`${SEGMENT_BOUNDS_FILE}\`, as the first open after ` +
        'an upgrade, and the time to the full index and the longest event loop delay while ' +
        'the rest is indexed (`monitorEventLoopDelay`, 1 ms resolution) are reported.',
      rows,
      files: [
        {
          name: 'benchmarks-history.svg',
          content: plot,
          caption: 'History operations against history size',
        },
      ],
    };
  },
};

/** Runs the sample once against the emulator and returns its history record. */
async function recordRealRun(latencyMs: number): Promise<HistoryRecord> {
  const emulator = await startEmulator({ latencyMs, jobTimeScale: 0.01 });
  try {
    const client = createHatzClient({
      fetch: globalThis.fetch,
      apiKey: PRACTICE_KEY,
      settings: resolveSettings({ baseUrl: emulator.url, pollInitialMs: 50 }),
    });
    const startedAt = new Date();
    const snapshot = await runWorkflow({ ...SAMPLE_RUN, client, runId: crypto.randomUUID() });
    if (snapshot.phase !== 'completed')
      throw new Error(`the sample run ended as ${snapshot.phase}`);
    return buildHistoryRecord({
      ...SAMPLE_RUN,
      snapshot,
      workflowName: 'Company research brief',
      baseUrl: client.settings.baseUrl,
      key: { label: 'Practice sandbox', apiKey: PRACTICE_KEY },
      source: 'app',
      startedAt,
      endedAt: new Date(),
    });
  } finally {
    await emulator.close();
  }
}

/** Copies the template with its own id, company and time, one second after the previous copy. */
function copyRecord(template: HistoryRecord, index: number): HistoryRecord {
  const company = companyName(index);
  const text = JSON.stringify(template).replaceAll(SEED_COMPANY, company);
  const record = JSON.parse(text) as HistoryRecord;
  record.id = crypto.randomUUID();
  record.time = new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString();
  return record;
}

function companyName(index: number): string {
  return `Firm ${String(index).padStart(7, '0')}`;
}

/** Size of each segment file written while filling, as the store's own default limit. */
const SEGMENT_BYTES = 8 * 1024 * 1024;

/**
 * Writes runs `from` to `to` as segment files encoded by the store's own `encodeHistoryLine`.
 * Appending them one by one would take minutes at 100,000 runs, because the cost of each append
 * grows with the size of the history.
 * NOTE: the file names follow the store's segment pattern, `runs-<13-digit ms>-<8 hex>.jsonl`;
 * if that pattern changes, the store ignores these files and the newest-page check fails.
 */
async function fillHistory(params: {
  directory: string;
  template: HistoryRecord;
  from: number;
  to: number;
}): Promise<number> {
  let lines: string[] = [];
  let bytes = 0;
  let segmentTime = Date.now();
  const flush = async () => {
    if (lines.length === 0) return;
    const name = `runs-${String(segmentTime++).padStart(13, '0')}-${randomBytes(4).toString('hex')}.jsonl`;
    await writeFile(join(params.directory, name), lines.join(''));
    lines = [];
    bytes = 0;
  };
  for (let index = params.from; index < params.to; index++) {
    const line = encodeHistoryLine({ type: 'run', record: copyRecord(params.template, index) });
    lines.push(line);
    bytes += Buffer.byteLength(line);
    if (bytes >= SEGMENT_BYTES) await flush();
  }
  await flush();
  return Math.max(params.from, params.to);
}

async function timeOperations(params: {
  directory: string;
  template: HistoryRecord;
  size: number;
  repetitions: number;
  openRepetitions: number;
  pageOpenRepetitions: number;
}): Promise<SizeFigures> {
  // Without the sidecar file the newest page waits for a full read, as after an upgrade.
  await rm(join(params.directory, SEGMENT_BOUNDS_FILE), { force: true });
  const withoutBounds = await timeOpenToPage(params.directory);
  const openToPageTimes: number[] = [];
  const openToFullIndexTimes: number[] = [];
  let maxIndexingDelay = withoutBounds.maxIndexingDelay;
  for (let repetition = 0; repetition < params.pageOpenRepetitions; repetition++) {
    const timed = await timeOpenToPage(params.directory);
    openToPageTimes.push(timed.openToPage);
    openToFullIndexTimes.push(timed.openToFullIndex);
    maxIndexingDelay = Math.max(maxIndexingDelay, timed.maxIndexingDelay);
  }

  // The last store opened is kept for the operations, so opening is paid `openRepetitions`
  // times in all, which matters at 100,000 runs.
  const openTimes: number[] = [];
  let store: HistoryStore | undefined;
  for (let repetition = 0; repetition < params.openRepetitions; repetition++) {
    await store?.close();
    const openStartTime = performance.now();
    store = await openHistoryStore({ directory: params.directory });
    openTimes.push(performance.now() - openStartTime);
  }
  if (!store) throw new Error('openRepetitions must be at least 1.');
  let startTime = 0;
  const appendTimes: number[] = [];
  const pageTimes: number[] = [];
  const searchTimes: number[] = [];
  try {
    for (let repetition = 0; repetition < params.repetitions; repetition++) {
      const record = copyRecord(params.template, params.size + repetition);
      startTime = performance.now();
      await store.append(record);
      appendTimes.push(performance.now() - startTime);

      startTime = performance.now();
      const page = store.list({ offset: 0, limit: PAGE_SIZE });
      pageTimes.push(performance.now() - startTime);
      if (page.entries.length !== PAGE_SIZE) throw new Error('the newest page is not full');

      // A company in the middle of the history, so the search scans past many non-matches.
      const target = companyName(Math.floor(params.size / 2) + repetition).toLowerCase();
      startTime = performance.now();
      const found = store.list({ search: target, offset: 0, limit: PAGE_SIZE });
      searchTimes.push(performance.now() - startTime);
      if (found.total !== 1) throw new Error(`search "${target}" found ${found.total} runs, not 1`);
    }
  } finally {
    await store.close();
  }
  return {
    size: params.size,
    open: summarize(openTimes),
    openToPage: summarize(openToPageTimes),
    openToPageWithoutBounds: withoutBounds.openToPage,
    openToFullIndex: summarize(openToFullIndexTimes),
    maxIndexingDelay,
    append: summarize(appendTimes),
    page: summarize(pageTimes),
    search: summarize(searchTimes),
  };
}

/**
 * Opens the history with background indexing, times the newest page and the full index, and
 * checks that the page read before the full index equals the page after it.
 */
async function timeOpenToPage(directory: string) {
  const startTime = performance.now();
  const store = await openHistoryStore({ directory, isIndexedInBackground: true });
  const page = store.list({ offset: 0, limit: PAGE_SIZE });
  const openToPage = performance.now() - startTime;

  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  try {
    await store.whenIndexed();
    const openToFullIndex = performance.now() - startTime;
    delay.disable();
    const fullPage = store.list({ offset: 0, limit: PAGE_SIZE });
    const ids = page.entries.map((entry) => entry.id).join(',');
    if (page.entries.length !== PAGE_SIZE) throw new Error('the newest page at open is not full');
    if (ids !== fullPage.entries.map((entry) => entry.id).join(',')) {
      throw new Error('the newest page at open differs from the page after the full index');
    }
    return { openToPage, openToFullIndex, maxIndexingDelay: delay.max / 1e6 };
  } finally {
    delay.disable();
    await store.close();
  }
}
