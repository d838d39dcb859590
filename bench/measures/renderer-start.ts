import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { startEmulator } from '../../emulator/server.ts';
import { judgeAtMost } from '../goal.ts';
import type { Measure, ResultRow } from '../measure.ts';
import { formatSummary, summarize } from '../statistics.ts';
import { buildRendererOnce } from '../support/build-renderer.ts';
import { openRendererBrowser } from '../support/renderer-browser.ts';

const START_GOAL_MS = 300;
const INITIAL_JS_GOAL_KB = 350;
const WARM_UP_LOADS = 2;
/** A global that Monaco's code reads for its messages, so a file containing it has Monaco. */
const MONACO_MARKER = '_VSCODE_NLS_MESSAGES';
/** The control a new user presses first. The app is interactive once it can be pressed. */
const FIRST_CONTROL_TEXT = 'Use practice sandbox';

/**
 * Runs in the page before the app. It records the first render (any button in the app's root)
 * and the moment the first control is enabled, and then the first task after the frame that
 * shows it, when the main thread is free to handle a click.
 */
const INTERACTIVE_PROBE = `(() => {
  const marks = (window.__benchMarks = {});
  const isReady = () => [...document.querySelectorAll('#root button')].some(
    (button) => !button.disabled && button.textContent.includes(${JSON.stringify(FIRST_CONTROL_TEXT)}),
  );
  const observer = new MutationObserver(() => {
    marks.firstRender ??= document.querySelector('#root button') ? performance.now() : undefined;
    if (!isReady()) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { marks.interactive = performance.now(); }));
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

interface StartMarks {
  domContentLoaded: number;
  firstRender: number;
  interactive: number;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/** Navigation to interactive for the built renderer in Chromium, and its initial JavaScript. */
export const rendererStartMeasure: Measure = {
  id: 'renderer-start',
  title: 'Renderer start',
  async run(context) {
    const loads = context.isQuick ? 5 : 20;
    context.log('renderer-start: building the renderer');
    const rendererRoot = await buildRendererOnce(context.workDirectory);
    const bundle = await readInitialBundle(rendererRoot);

    const emulator = await startEmulator({ latencyMs: context.latencyMs });
    const browser = await openRendererBrowser({
      rendererRoot,
      emulator,
      workDirectory: context.workDirectory,
    }).catch(async (error: unknown) => {
      await emulator.close();
      throw error;
    });
    const samples: StartMarks[] = [];
    try {
      for (let load = 0; load < WARM_UP_LOADS + loads; load++) {
        const { page, url, close } = await browser.openPage(INTERACTIVE_PROBE);
        try {
          await page.goto(url);
          await page.waitForFunction(
            () => (window as { __benchMarks?: { interactive?: number } }).__benchMarks?.interactive,
            undefined,
            { timeout: 30_000 },
          );
          const marks = await page.evaluate(() => {
            const { firstRender, interactive } = (window as { __benchMarks?: StartMarks })
              .__benchMarks!;
            const [navigation] = performance.getEntriesByType('navigation');
            const domContentLoaded = (navigation as PerformanceNavigationTiming)
              .domContentLoadedEventEnd;
            return { domContentLoaded, firstRender, interactive };
          });
          if (load >= WARM_UP_LOADS) samples.push(marks);
        } finally {
          await close();
        }
      }
    } finally {
      await browser.close();
      await emulator.close();
    }

    const start = summarize(samples.map((sample) => sample.interactive));
    const step = (label: string, pick: (sample: StartMarks) => number): ResultRow => ({
      label,
      reference: '—',
      figure: formatSummary(summarize(samples.map(pick)), 'ms'),
      goal: 'reported',
    });
    const rows: ResultRow[] = [
      {
        label: 'navigation to interactive',
        reference: '—',
        figure: formatSummary(start, 'ms'),
        goal: `≤ ${START_GOAL_MS} ms`,
        ...judgeAtMost(start.median, START_GOAL_MS),
      },
      step('of which: DOMContentLoaded', (sample) => sample.domContentLoaded),
      step('of which: first render of the app', (sample) => sample.firstRender),
      {
        label: 'initial JavaScript, gzipped',
        reference: '—',
        figure: `${bundle.initialGzipKb.toFixed(1)} kB in ${bundle.initialFiles.join(', ')}`,
        goal: `≤ ${INITIAL_JS_GOAL_KB} kB`,
        ...judgeAtMost(bundle.initialGzipKb, INITIAL_JS_GOAL_KB),
      },
      {
        label: 'Monaco loaded lazily',
        reference: '—',
        figure: bundle.monacoFigure,
        goal: 'not in the initial JavaScript',
        isMet: bundle.isMonacoLazy,
        miss: bundle.isMonacoLazy ? undefined : 'Monaco is in the initial JavaScript',
      },
    ];
    return {
      method:
        'Builds the renderer with `vite build` (production mode) and serves it from a static ' +
        "server on 127.0.0.1 with the app's Content Security Policy. Debian's Chromium, driven " +
        "by playwright-core, opens it with the app's real IPC handlers behind the test bridge, " +
        `${loads} times after ${WARM_UP_LOADS} warm-up loads, each in a new browser context so ` +
        'nothing is cached. Interactive is the first task after the frame in which the ' +
        `"${FIRST_CONTROL_TEXT}" button is enabled, which needs the connection state from the ` +
        'main process; the time counts from navigation start (`performance.now()` in the page). ' +
        'Initial JavaScript is the entry chunk and the chunks it imports statically, per the ' +
        "Vite manifest, each gzipped with Node's zlib at its default level (kB = 1,000 bytes).",
      rows,
      notes: [
        'Between the first render and interactive, the app asks the main process for the ' +
          "connection state. Here that call goes through Playwright's binding to the handlers in " +
          "the bench process, whose cost differs from Electron's IPC in the app, and the " +
          'lazily loaded Monaco chunk may be parsed in the same stretch.',
        `Monaco counts as loaded lazily when no initial file contains \`${MONACO_MARKER}\`, a ` +
          "global that Monaco's code reads (checked in monaco-editor 0.57), while a lazily " +
          'loaded chunk does.',
      ],
    };
  },
};

async function readInitialBundle(rendererRoot: string) {
  const manifestText = await readFile(join(rendererRoot, '.vite', 'manifest.json'), 'utf8');
  const manifest = JSON.parse(manifestText) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (entryKey === undefined) throw new Error('The Vite manifest has no entry chunk.');

  const initialKeys = new Set<string>();
  const visit = (key: string) => {
    if (initialKeys.has(key) || !manifest[key]) return;
    initialKeys.add(key);
    for (const imported of manifest[key]!.imports ?? []) visit(imported);
  };
  visit(entryKey);
  const initialFiles = [...initialKeys]
    .map((key) => manifest[key]!.file)
    .filter((file) => file.endsWith('.js'));

  let initialGzipBytes = 0;
  let hasMonacoInInitial = false;
  for (const file of initialFiles) {
    const content = await readFile(join(rendererRoot, file));
    initialGzipBytes += gzipSync(content).byteLength;
    hasMonacoInInitial ||= content.includes(MONACO_MARKER);
  }

  const assetFiles = (await readdir(join(rendererRoot, 'assets'))).map((name) => `assets/${name}`);
  let lazyMonacoGzipBytes = 0;
  for (const file of assetFiles.filter((name) => name.endsWith('.js'))) {
    if (initialFiles.includes(file)) continue;
    const content = await readFile(join(rendererRoot, file));
    if (content.includes(MONACO_MARKER)) lazyMonacoGzipBytes += gzipSync(content).byteLength;
  }

  const isMonacoLazy = !hasMonacoInInitial && lazyMonacoGzipBytes > 0;
  let monacoFigure = `yes: ${(lazyMonacoGzipBytes / 1000).toFixed(0)} kB gzipped load on demand`;
  if (hasMonacoInInitial) monacoFigure = 'no: Monaco is in the initial JavaScript';
  else if (lazyMonacoGzipBytes === 0) monacoFigure = 'unknown: no chunk contains Monaco';
  return {
    initialFiles,
    initialGzipKb: initialGzipBytes / 1000,
    isMonacoLazy,
    monacoFigure,
  };
}
