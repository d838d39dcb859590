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
const SCROLL_STEPS = 10;
/** The end of every `huge-body` reply, so a search for it crosses the whole body. */
const LAST_CHARACTERS = '"}';

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
    const scrollTasks: number[] = [];
    const searchTasks: number[] = [];
    const shownTimes: number[] = [];
    const openTimes: number[] = [];
    const searchTimes: number[] = [];
    const indexOfTimes: number[] = [];
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

          const sentAt = await now(page);
          await page.getByRole('button', { name: 'Send' }).click();
          await page.getByTestId('http-status').waitFor({ timeout: TIMEOUT_MS });
          shownTimes.push((await now(page)) - sentAt);
          // Work that follows the first paint, such as highlighting, still counts.
          await page.waitForTimeout(SETTLE_MS);
          arrivalTasks.push(await readLongestTask(page, sentAt));

          const openedAt = await now(page);
          await page.locator('summary', { hasText: /^\s*Body\s*$/ }).click({ timeout: TIMEOUT_MS });
          const viewer = page.getByRole('region', { name: 'Response body' });
          await viewer.locator('.body-viewer-line').first().waitFor({ timeout: TIMEOUT_MS });
          await page.getByText(/^Indexing/).waitFor({ state: 'detached', timeout: TIMEOUT_MS });
          openTimes.push((await now(page)) - openedAt);
          await page.waitForTimeout(SETTLE_MS);
          openTasks.push(await readLongestTask(page, openedAt));

          const scrolledAt = await now(page);
          await viewer.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
          await viewer.hover();
          for (let step = 0; step < SCROLL_STEPS; step++) await page.mouse.wheel(0, -2000);
          await page.waitForTimeout(SETTLE_MS);
          scrollTasks.push(await readLongestTask(page, scrolledAt));

          const searchedAt = await now(page);
          await page
            .getByRole('searchbox', { name: 'Find in Response body' })
            .fill(LAST_CHARACTERS);
          await page.getByRole('button', { name: 'Find next' }).click();
          await page.getByText(/^Found at character/).waitFor({ timeout: TIMEOUT_MS });
          searchTimes.push((await now(page)) - searchedAt);
          await page.waitForTimeout(SETTLE_MS);
          searchTasks.push(await readLongestTask(page, searchedAt));

          indexOfTimes.push(await timeIndexOfInPage(page));
        } finally {
          await close();
          await browser.close();
        }
      }
    } finally {
      await emulator.close();
    }

    const searchSummary = summarize(searchTimes);
    const indexOfSummary = summarize(indexOfTimes);
    return {
      method:
        'Opens the built renderer in Chromium with the real IPC handlers, as for the start ' +
        'measure. It connects the practice sandbox, picks the company brief sample, pastes its ' +
        `inputs and presses Send, and the emulator answers the run request with ` +
        `${REPLY_BYTES.toLocaleString('en-US')} bytes of valid JSON (its \`huge-body\` fault). ` +
        'The reply has no job id, so the run ends as an unexpected reply and the pane shows ' +
        'the body as received. The body stays in the main process; the snapshot carries its id ' +
        'and length, and the viewer reads it in pieces of a megabyte once the Body section is ' +
        "opened. Chromium's Long Tasks API records every main-thread task of 50 ms or more, " +
        'and each row is the longest task from the step until one second after it ends. The ' +
        'steps: Send until the status appears; a click on Body until its rows are shown and ' +
        `indexed; a jump to the end of the body and ${SCROLL_STEPS} mouse-wheel turns back up; ` +
        `a search for the body's last two characters. The search time is read against ` +
        '`String.prototype.indexOf` of the same characters in a 50 MB string built in the same ' +
        'page, the least any search can cost. ' +
        `${repetitions} fresh page${repetitions === 1 ? '' : 's'}, each with fresh handlers.`,
      rows: [
        taskRow('longest task, reply arriving', arrivalTasks),
        taskRow('longest task, opening the Body section', openTasks),
        taskRow('longest task, scrolling the body', scrollTasks),
        taskRow('longest task, searching the body', searchTasks),
        {
          label: 'Send to status shown',
          reference: '—',
          figure: formatSummary(summarize(shownTimes), 'ms', 0),
          goal: 'reported',
        },
        {
          label: 'Body click to rows shown and indexed',
          reference: '—',
          figure: formatSummary(summarize(openTimes), 'ms', 0),
          goal: 'reported',
        },
        {
          label: 'search to match shown',
          reference: `\`indexOf\` in the page: ${formatSummary(indexOfSummary, 'ms', 1)}`,
          figure: formatSummary(searchSummary, 'ms', 0),
          ratio: searchSummary.median / indexOfSummary.median,
          goal: 'reported',
        },
      ],
      notes: [
        "The harness stands in for Electron's IPC with Playwright's binding and " +
          '`page.evaluate`, whose cost per message differs from IPC. The search time includes ' +
          "Playwright's round trips to fill the field and click, which the `indexOf` reference " +
          'does not.',
      ],
    };
  },
};

/** Formats the longest task of each page; a page with no long task counts as 0 ms. */
function formatTasks(durations: number[]): string {
  const longest = summarize(durations);
  const withoutTask = durations.filter((duration) => duration === 0).length;
  if (withoutTask === durations.length) {
    return `no task of ${LONG_TASK_MS} ms or more (n=${longest.count})`;
  }
  if (withoutTask > 0) {
    return `no task of ${LONG_TASK_MS} ms or more on ${withoutTask} of ${durations.length} pages; longest ${Math.round(longest.high)} ms`;
  }
  return formatSummary(longest, 'ms', 0);
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

function now(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** Times `indexOf` of the last characters in a 50 MB string built in the page, median of 5. */
async function timeIndexOfInPage(page: Page): Promise<number> {
  return page.evaluate(
    ([bytes, needle]) => {
      const text = `${'x'.repeat(bytes - needle.length)}${needle}`;
      const times: number[] = [];
      for (let index = 0; index < 5; index++) {
        const start = performance.now();
        text.indexOf(needle);
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[2]!;
    },
    [REPLY_BYTES, LAST_CHARACTERS] as const,
  );
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
