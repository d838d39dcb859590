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

interface Finding {
  id: string;
  file: string;
  line: number;
  /** The source line the finding points at, or "N/A" for findings about the whole project. */
  sample: string;
}

/**
 * Reads the scanner's SARIF report. Its CSV writer appends rows while the header is still being
 * written, which garbles the file under load, and SARIF is written in one piece.
 */
async function readFindings(reportPath: string): Promise<Finding[]> {
  const report = JSON.parse(await readFile(reportPath, 'utf8'));
  const results: Array<{
    ruleId: string;
    locations: Array<{
      physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
    }>;
  }> = report.runs[0].results;

  return Promise.all(
    results.map(async ({ ruleId, locations }) => {
      const { artifactLocation, region } = locations[0]!.physicalLocation;
      const isFile = !artifactLocation.uri.startsWith('file:');
      const lines = isFile ? (await readFile(artifactLocation.uri, 'utf8')).split('\n') : [];
      const sample = isFile ? (lines[region.startLine - 1]?.trim() ?? '') : 'N/A';
      return { id: ruleId, file: artifactLocation.uri, line: region.startLine, sample };
    }),
  );
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
    const report = join(directory, 'report.sarif');
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
      const findings = await readFindings(report);

      assert.equal(scan.status, 0);
      // CSP_GLOBAL_CHECK is always reported for electron/ alone, so no rows means no scan.
      assert.ok(findings.length > 0, 'the scanner produced no findings; check that it ran');
      for (const { id, file, line, sample } of findings) {
        const isJustified = JUSTIFIED_FINDINGS.some(
          (finding) => finding.id === id && finding.sample.test(sample),
        );
        assert.ok(isJustified, `unreviewed finding ${id} at ${file}:${line}: fix or justify it`);
      }
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  },
);
