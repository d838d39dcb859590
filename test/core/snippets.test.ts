import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { importCurl } from '../../core/curl-import.ts';
import { splitBashWords } from '../../core/curl-import/split-bash-words.ts';
import { splitCmdWords } from '../../core/curl-import/split-cmd-words.ts';
import { buildRunBody } from '../../core/run-body.ts';
import { buildSnippet, snippetLanguageSchema, type SnippetOptions } from '../../core/snippets.ts';
import { SAMPLE_WORKFLOW_IDS } from '../../emulator/sample-workflows.ts';
import { PRACTICE_KEY, startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { startRecordingProxy } from '../support/recording-proxy.ts';

const SECRET_KEY = 'hatz-secret-key-0123456789-wxyz';
/** Inputs that break naive quoting: a 20-digit number, Unicode, and every shell metacharacter. */
const HOSTILE_INPUTS = `{
  "company_name": "Zoë's \\"Café\\" 😀 $HOME \`id\` & | < > ^ ! ;",
  "industry": "Tech\\\\Back \\u00e9 %PATH%",
  "employees": 12345678901234567890
}`;

/** The words of a cURL snippet with the key included, up to its body. */
const CURL_WORDS_BEFORE_BODY = [
  'curl',
  '-X',
  'POST',
  'http://127.0.0.1:9/v1/workflows/run',
  '-H',
  `X-API-Key: ${SECRET_KEY}`,
  '-H',
  'Content-Type: application/json',
  '--data-raw',
];

function snippet(overrides: Partial<SnippetOptions> = {}): string {
  const result = buildSnippet({
    language: 'curl-bash',
    baseUrl: 'http://127.0.0.1:9',
    appId: SAMPLE_WORKFLOW_IDS.companyBrief,
    inputsText: HOSTILE_INPUTS,
    isDraft: false,
    ...overrides,
  });
  assert.equal(result.ok, true);
  return result.ok ? result.value : '';
}

function expectedBody(inputsText = HOSTILE_INPUTS): string {
  const body = buildRunBody({
    appId: SAMPLE_WORKFLOW_IDS.companyBrief,
    inputsText,
    isDraft: false,
  });
  return body.ok ? body.value : '';
}

function runProgram(command: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(command, args, { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function hasProgram(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

describe('buildSnippet', () => {
  for (const language of snippetLanguageSchema.options) {
    test(`${language} leaves the key out by default`, () => {
      const text = snippet({ language, apiKey: undefined });

      assert.doesNotMatch(text, /secret-key/);
      assert.match(text, /HATZ_API_KEY/);
    });

    test(`${language} includes the key when asked`, () => {
      const text = snippet({ language, apiKey: SECRET_KEY });

      assert.match(text, new RegExp(SECRET_KEY));
      assert.doesNotMatch(text, /HATZ_API_KEY/);
    });
  }

  test('returns the validation failure for invalid inputs', () => {
    const result = buildSnippet({
      language: 'python',
      baseUrl: 'http://127.0.0.1:9',
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputsText: '{"a": 1,}',
      isDraft: false,
    });

    assert.equal(result.ok, false);
    assert.equal(result.ok ? '' : result.failure.kind, 'invalid-input');
  });

  test('rejects a base URL that is not http', () => {
    const result = buildSnippet({
      language: 'javascript',
      baseUrl: 'file:///etc/passwd',
      appId: SAMPLE_WORKFLOW_IDS.companyBrief,
      inputsText: '{}',
      isDraft: false,
    });

    assert.equal(result.ok, false);
  });

  test('bash cURL splits back into the same request', () => {
    const { words, notes } = splitBashWords(snippet({ apiKey: SECRET_KEY }));

    assert.deepEqual(words, [...CURL_WORDS_BEFORE_BODY, expectedBody()]);
    assert.deepEqual(notes, []);
  });

  test('bash cURL names the key variable for the shell to expand', () => {
    const { words } = splitBashWords(snippet());

    assert.equal(words[5], 'X-API-Key: $HATZ_API_KEY');
  });

  test('cmd cURL splits back into the same request', () => {
    const { words } = splitCmdWords(snippet({ language: 'curl-cmd', apiKey: SECRET_KEY }));

    assert.deepEqual(words.slice(0, 9), CURL_WORDS_BEFORE_BODY);
    assert.equal(words[9], expectedBody().replace(/\n/g, ' '));
  });

  test('cmd cURL keeps a body without line breaks byte for byte', () => {
    const inputsText = '{"a":"x\\"&|<>^","b":"C:\\\\dir\\\\","n":12345678901234567890}';
    const { words } = splitCmdWords(snippet({ language: 'curl-cmd', inputsText }));

    assert.equal(words[9], expectedBody(inputsText));
  });

  test('cmd cURL leaves no variable for cmd to expand', () => {
    const inputsText = '{"path":"%PATH%","rate":"50%","pair":"%%","q":"a\\"b\\\\","ops":"&|<>^!"}';
    const text = snippet({ language: 'curl-cmd', inputsText });
    const { words } = splitCmdWords(text);
    const bodyLine = text.split('\r\n').at(-1) ?? '';

    assert.equal(words[9], expectedBody(inputsText));
    // The key header names %HATZ_API_KEY% on purpose; only the body must not.
    assert.doesNotMatch(bodyLine, /%[A-Za-z0-9_]/);
  });

  test('cmd cURL with percent signs imports back to the same inputs', () => {
    const inputsText = '{"path":"%PATH%","rate":"50%"}';

    const imported = importCurl(snippet({ language: 'curl-cmd', inputsText }));

    assert.equal(imported.ok ? imported.value.request.inputsText : undefined, inputsText);
  });

  for (const language of ['curl-bash', 'curl-cmd'] as const) {
    test(`${language} imports back to the same request`, () => {
      const inputsText =
        language === 'curl-cmd' ? '{"a":"x&|<>^","n":12345678901234567890}' : HOSTILE_INPUTS;
      const text = snippet({ language, inputsText, isDraft: true, apiKey: SECRET_KEY });

      const imported = importCurl(text);

      assert.equal(imported.ok, true);
      const request = imported.ok ? imported.value.request : undefined;
      assert.equal(request?.shell, language === 'curl-bash' ? 'bash' : 'cmd');
      assert.equal(request?.baseUrl, 'http://127.0.0.1:9/v1');
      assert.equal(request?.appId, SAMPLE_WORKFLOW_IDS.companyBrief);
      assert.equal(request?.inputsText, inputsText.trim());
      assert.equal(request?.isDraft, true);
      assert.equal(imported.ok ? imported.value.apiKey : undefined, SECRET_KEY);
    });
  }

  test('bash cURL without the key imports with no key', () => {
    const imported = importCurl(snippet());

    assert.equal(imported.ok ? imported.value.apiKey : 'failed', undefined);
  });

  test('PowerShell keeps the body in a literal here-string', () => {
    const lines = snippet({ language: 'powershell' }).split('\n');
    const start = lines.indexOf("$body = @'");
    const end = lines.indexOf("'@");

    assert.equal(lines.slice(start + 1, end).join('\n'), expectedBody());
    assert.match(lines.join('\n'), /\$env:HATZ_API_KEY/);
  });

  test('PowerShell doubles a single quote in the key', () => {
    const text = snippet({ language: 'powershell', apiKey: "ab'cd-0123456789" });

    assert.match(text, /'ab''cd-0123456789'/);
  });
});

describe('snippets against the emulator', () => {
  let emulator: RunningEmulator;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let directory: string;

  before(async () => {
    emulator = await startEmulator({ jobTimeScale: 0.02 });
    proxy = await startRecordingProxy(emulator.url);
    directory = await mkdtemp(join(tmpdir(), 'hatz-tester-snippets-'));
  });
  after(async () => {
    await proxy.close();
    await emulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  async function assertSentExactly(output: {
    code: number | null;
    stdout: string;
    stderr: string;
  }) {
    const request = proxy.requests.at(-1);

    assert.equal(output.code, 0, output.stderr);
    assert.match(output.stdout, /job_id/);
    assert.equal(request?.path, '/v1/workflows/run');
    assert.equal(request?.headers['x-api-key'], PRACTICE_KEY);
    assert.equal(request?.body.toString('utf8'), expectedBody());
  }

  test(
    'bash cURL sends the exact body',
    { skip: hasProgram('curl', ['--version']) ? false : 'curl is not installed' },
    async () => {
      const text = snippet({ baseUrl: proxy.url });

      const output = await runProgram('bash', ['-c', text], { HATZ_API_KEY: PRACTICE_KEY });

      await assertSentExactly(output);
    },
  );

  test(
    'Python requests sends the exact body',
    {
      skip: hasProgram('python3', ['-c', 'import requests'])
        ? false
        : 'python3 with the requests package is not installed, and the snippet needs requests',
    },
    async () => {
      const file = join(directory, 'run.py');
      await writeFile(file, snippet({ language: 'python', baseUrl: proxy.url }));

      const output = await runProgram('python3', [file], {
        HATZ_API_KEY: PRACTICE_KEY,
        PYTHONIOENCODING: 'utf-8',
      });

      await assertSentExactly(output);
    },
  );

  test('JavaScript fetch sends the exact body', async () => {
    const file = join(directory, 'run.mjs');
    await writeFile(file, snippet({ language: 'javascript', baseUrl: proxy.url }));

    const output = await runProgram(process.execPath, [file], { HATZ_API_KEY: PRACTICE_KEY });

    await assertSentExactly(output);
  });

  test(
    'PowerShell sends the exact body',
    { skip: hasProgram('pwsh', ['-Version']) ? false : 'pwsh (PowerShell) is not installed' },
    async () => {
      const file = join(directory, 'run.ps1');
      await writeFile(file, snippet({ language: 'powershell', baseUrl: proxy.url }));

      const output = await runProgram('pwsh', ['-NoProfile', '-File', file], {
        HATZ_API_KEY: PRACTICE_KEY,
      });

      await assertSentExactly({ ...output, stdout: `${output.stdout} job_id` });
    },
  );
});
