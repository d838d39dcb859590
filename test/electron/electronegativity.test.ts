import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

/**
 * Findings that were reviewed and kept on purpose: the check id, the code it points at, and the
 * reason. docs/reliability.md lists the same findings.
 */
const JUSTIFIED_FINDINGS: Array<{ id: string; sample: RegExp; reason: string }> = [
  {
    id: 'CSP_GLOBAL_CHECK',
    sample: /^N\/A$/,
    reason:
      'the scanner reads electron/ only; the CSP is in renderer/index.html and sent as a header',
  },
  ...['AUXCLICK_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK'].map((id) => ({
    id,
    sample: /new BrowserWindow\(createWindowOptions\(/,
    reason: 'the options come from electron/window-options.ts, which window-options.test.ts checks',
  })),
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    sample: /if \(isHatzPage\(url\)\) void shell\.openExternal\(url\)/,
    reason: 'openExternal is reached only for https URLs on hatz.ai and its subdomains',
  },
];

/** Splits the scanner's CSV report into rows of fields; quoted fields may contain commas and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const match of text.matchAll(
    /((?:"(?:[^"]|"")*"|[^,\n]*)(?:,(?:"(?:[^"]|"")*"|[^,\n]*))*)\n?/g,
  )) {
    if (match[1] === '') continue;
    const fields = [...match[1]!.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((field) =>
      field[1]!.replace(/^"|"$/g, '').replace(/""/g, '"').trim(),
    );
    rows.push(fields);
  }
  return rows;
}

// The scanner tries to download translations and Electron's release list. It runs in a new network
// namespace, where those requests fail at once without leaving the machine.
function canIsolateNetwork(): boolean {
  return spawnSync('unshare', ['-n', 'true']).status === 0;
}

test(
  'electronegativity reports only reviewed findings',
  {
    skip: canIsolateNetwork()
      ? false
      : 'unshare -n is not permitted here, and the scanner must not reach the network',
  },
  async () => {
    const directory = await mkdtemp(join(tmpdir(), 'hatz-tester-electronegativity-'));
    const report = join(directory, 'report.csv');
    try {
      const scan = spawnSync(
        'unshare',
        [
          '-n',
          process.execPath,
          'scripts/electronegativity.cjs',
          '-i',
          'electron',
          '-e',
          '45.6.1',
          '-o',
          report,
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      const findings = parseCsv(await readFile(report, 'utf8')).slice(1);

      assert.equal(scan.status, 0);
      // CSP_GLOBAL_CHECK is always reported for electron/ alone, so no rows means no scan.
      assert.ok(findings.length > 0, 'the scanner produced no rows; check that it ran');
      for (const [id, , , file, location, sample] of findings) {
        const isJustified = JUSTIFIED_FINDINGS.some(
          (finding) => finding.id === id && finding.sample.test(sample ?? ''),
        );
        assert.ok(
          isJustified,
          `unreviewed finding ${id} at ${file}:${location}: fix or justify it`,
        );
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  },
);
