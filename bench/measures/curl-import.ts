import { importCurl } from '../../core/curl-import.ts';
import { judgeAtMost } from '../goal.ts';
import type { Measure } from '../measure.ts';
import { formatSummary, summarize } from '../statistics.ts';
import { buildCurlCorpus, CORPUS_APP_ID } from '../support/curl-corpus.ts';

const GOAL_MS = 1;
const WARM_UP_PASSES = 20;

/** Time to import each command of a corpus of cURL commands. */
export const curlImportMeasure: Measure = {
  id: 'curl-import',
  title: 'cURL import',
  async run(context) {
    const passes = context.isQuick ? 20 : 200;
    const corpus = buildCurlCorpus();
    const times = corpus.map(() => [] as number[]);
    for (let pass = 0; pass < WARM_UP_PASSES + passes; pass++) {
      corpus.forEach((command, index) => {
        const startTime = performance.now();
        const result = importCurl(command);
        const elapsed = performance.now() - startTime;
        if (!result.ok || result.value.request.appId !== CORPUS_APP_ID) {
          throw new Error(`importCurl did not read the app id of corpus command ${index}`);
        }
        if (pass >= WARM_UP_PASSES) times[index]!.push(elapsed);
      });
    }

    const medians = times.map((samples) => summarize(samples).median);
    const slowestIndex = medians.indexOf(Math.max(...medians));
    const slowest = summarize(times[slowestIndex]!);
    return {
      method:
        `Imports each of ${corpus.length} cURL commands with \`importCurl\`, ${passes} times ` +
        `after ${WARM_UP_PASSES} warm-up passes, timing every call. The corpus is the command ` +
        'that a workflow\'s "Run via Webhook" panel shows, written for bash, Windows cmd (with ' +
        '`""` and with `\\"` quoting) and PowerShell 5 and 7. A one-line bash form adds a ' +
        'prompt, `-sSL`, a key variable and a pipe to jq. Each form comes with 2, 20 and 200 ' +
        'inputs and with `-d`, `--data-raw` and `--json`. The goal holds when the slowest command’s median ' +
        'is within it.',
      rows: [
        {
          label: 'median command (median of the per-command medians)',
          reference: '—',
          figure: formatSummary(summarize(medians), 'ms', 3),
          goal: 'reported',
        },
        {
          label: `slowest command (#${slowestIndex}, ${corpus[slowestIndex]!.length} characters)`,
          reference: '—',
          figure: formatSummary(slowest, 'ms', 3),
          goal: `≤ ${GOAL_MS} ms per command`,
          ...judgeAtMost(slowest.median, GOAL_MS),
        },
      ],
      notes: [
        'The test file of `importCurl` keeps its commands inline, so the bench builds its own ' +
          'corpus from the same panel command (bench/support/curl-corpus.ts).',
      ],
    };
  },
};
