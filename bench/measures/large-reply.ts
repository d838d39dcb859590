import type { Page } from 'playwright-core';

import { startEmulator } from '../../emulator/server.ts';
import { replaceInputs } from '../../test/support/replace-inputs.ts';
import { judgeAtMost } from '../goal.ts';
import type { Measure, ResultRow } from '../measure.ts';
import { formatSummary, summarize } from '../statistics.ts';
import { buildRendererOnce } from '../support/build-renderer.ts';
import { openRendererBrowser } from '../support/renderer-browser.ts';

const REPLY_BYTES = 50_000_000;
const GOAL_MS = 100;
const TIMEOUT_MS = 120_000;
const SAMPLE_INPUTS = '{"company_name": "Acme Corporation", "industry": "Technology"}';
/** Tasks shorter than this are not reported by Chromium's Long Tasks API. */
const LONG_TASK_MS = 50;
/** Wait after each step, so work that follows its first paint is recorded too. */
const SETTLE_MS = 1000;

/** Records every long task of the page, so the measure can read the longest after Send. */
const LONG_TASK_PROBE = `(() => {
  window.__benchLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
})();`;

/** The longest main-thread task while a 50 MB run reply reaches the response pane. */
export const largeReplyMeasure: Measure = {
  id: 'large-reply',
  title: '50 MB reply shown in the response pane',
  async run(context) {
    const repetitions = context.isQuick ? 1 : 3;
    const rendererRoot = await buildRendererOnce(context.workDirectory);
    const emulator = await startEmulator({ latencyMs: context.latencyMs });

    const arrivalTasks: number[] = [];
    const openTasks: number[] = [];
    const transportTasks: number[] = [];
    const shownTimes: number[] = [];
    try {
      for (let repetition = 0; repetition < repetitions; repetition++) {
        context.log(`large-reply: repetition ${repetition + 1} of ${repetitions}`);
        // Fresh handlers each time, because the previous page connected the practice sandbox.
        const browser = await openRendererBrowser({
          rendererRoot,
          emulator,
          workDirectory: context.workDirectory,
        });
        const { page, url, close } = await browser
          .openPage(LONG_TASK_PROBE)
          .catch(async (error: unknown) => {
            await browser.close();
            throw error;
          });
        try {
          await page.goto(url);
          await prepareRun(page);
          emulator.faults.add({
            kind: 'huge-body',
            bytes: REPLY_BYTES,
            method: 'POST',
            path: '/v1/workflows/run',
          });

          const sentAt = await page.evaluate(() => performance.now());
          await page.getByRole('button', { name: 'Send' }).click();
          await page.getByTestId('http-status').waitFor({ timeout: TIMEOUT_MS });
          const shownAt = await page.evaluate(() => performance.now());
          // Work that follows the first paint, such as highlighting, still counts.
          await page.waitForTimeout(SETTLE_MS);
          arrivalTasks.push(await readLongestTask(page, sentAt));

          const openedAt = await page.evaluate(() => performance.now());
          await page.locator('summary', { hasText: /^\s*Body\s*$/ }).click({ timeout: TIMEOUT_MS });
          await page.waitForTimeout(SETTLE_MS);
          openTasks.push(await readLongestTask(page, openedAt));
          shownTimes.push(shownAt - sentAt);

          // The harness's own transport: one snapshot-sized payload to a page function that
          // only keeps it, so the row above can be read against what the transport alone costs.
          const deliveredAt = await page.evaluate(() => performance.now());
          await page.evaluate(
            (snapshot) => {
              (window as { __benchSink?: unknown }).__benchSink = snapshot;
            },
            { exchange: { responseBody: 'x'.repeat(REPLY_BYTES) } },
          );
          await page.waitForTimeout(SETTLE_MS);
          transportTasks.push(await readLongestTask(page, deliveredAt));
        } finally {
          await close();
          await browser.close();
        }
      }
    } finally {
      await emulator.close();
    }

    return {
      method:
        'Opens the built renderer in Chromium with the real IPC handlers, as for the start ' +
        'measure. It connects the practice sandbox, picks the company brief sample, pastes its ' +
        `inputs and presses Send, and the emulator answers the run request with ` +
        `${REPLY_BYTES.toLocaleString('en-US')} bytes of valid JSON (its \`huge-body\` fault). ` +
        "Chromium's Long Tasks API records every main-thread task of 50 ms or more. The first " +
        'figure is the longest one from the click until one second after the status appears. ' +
        'The second is the longest from a click on the Body section until one second later. ' +
        'As a reference, the same ' +
        'page then receives one object holding a 50 MB string through `page.evaluate`, the ' +
        "harness's stand-in for IPC, and the longest task of that alone is recorded. " +
        `${repetitions} fresh page${repetitions === 1 ? '' : 's'}, each with fresh handlers. ` +
        'The reply has no job id, so the run ends as an unexpected reply and the pane shows ' +
        'the body as received.',
      rows: [
        {
          ...taskRow('longest task, reply arriving', arrivalTasks),
          reference: `harness transport of one 50 MB snapshot: ${formatTasks(transportTasks)}`,
        },
        taskRow('longest task, opening the Body section', openTasks),
        {
          label: 'Send to status shown',
          reference: '—',
          figure: formatSummary(summarize(shownTimes), 'ms', 0),
          goal: 'reported',
        },
      ],
      notes: [
        "The run's snapshots reach the page through Playwright's binding and `page.evaluate`, " +
          "which stand in for Electron's IPC. Each snapshot that carries the 50 MB body is " +
          'copied to the page, as it would be over IPC, though at a cost that differs from IPC.',
      ],
    };
  },
};

function formatTasks(durations: number[]): string {
  const longest = summarize(durations);
  return longest.high === 0
    ? `no task of ${LONG_TASK_MS} ms or more (n=${longest.count})`
    : formatSummary(longest, 'ms', 0);
}

function taskRow(label: string, durations: number[]): ResultRow {
  const longest = summarize(durations);
  return {
    label,
    reference: '—',
    figure: formatTasks(durations),
    goal: `≤ ${GOAL_MS} ms`,
    ...judgeAtMost(longest.median, GOAL_MS),
  };
}

/** Returns the longest long task that started from `from` on, or 0 when there is none. */
async function readLongestTask(page: Page, from: number): Promise<number> {
  const tasks = await page.evaluate(
    () =>
      (window as { __benchLongTasks?: { start: number; duration: number }[] }).__benchLongTasks ??
      [],
  );
  const durations = tasks.filter((task) => task.start >= from).map((task) => task.duration);
  return Math.max(0, ...durations);
}

/** Connects the sandbox, picks the sample workflow and pastes its inputs, as a user would. */
async function prepareRun(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Use practice sandbox' }).click({ timeout: TIMEOUT_MS });
  await page.getByRole('option', { name: /Company research brief/ }).click({ timeout: TIMEOUT_MS });
  await replaceInputs(page, SAMPLE_INPUTS, TIMEOUT_MS);
}
