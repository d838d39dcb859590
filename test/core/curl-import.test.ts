import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { importCurl, type CurlImport } from '../../core/curl-import.ts';
import { buildSnippet } from '../../core/snippets.ts';
import { fuzzRuns } from '../support/fuzz-runs.ts';

const APP_ID = '2cfc529e-6fd9-4a82-8f27-87b6f395c930';
const KEY = 'hk_live_abcd1234';
const INPUTS = '{"company_name": "Acme Corporation", "industry": "Technology"}';
const BODY = `{"app_id": "${APP_ID}", "inputs": ${INPUTS}, "is_draft_app": false}`;

/** The command from a workflow's "Run via Webhook" panel, in each shell's quoting. */
const SEED_BASH = `curl -X POST https://ai.hatz.ai/v1/workflows/run \\
  -H "Content-Type: application/json" \\
  -H "X-API-Key: ${KEY}" \\
  -d '${BODY}'`;
const SEED_CMD = `curl.exe -X POST "https://ai.hatz.ai/v1/workflows/run" ^
  -H "Content-Type: application/json" ^
  -H "X-API-Key: ${KEY}" ^
  -d "${BODY.replaceAll('"', '""')}"`;
const SEED_CMD_BACKSLASH = `curl -X POST https://ai.hatz.ai/v1/workflows/run ^\r
  -H "x-api-key: ${KEY}" ^\r
  -d "${BODY.replaceAll('"', '\\"')}"`;
const SEED_POWERSHELL = `curl.exe -X POST "https://ai.hatz.ai/v1/workflows/run" \`
  -H "Content-Type: application/json" \`
  -H "X-API-Key: ${KEY}" \`
  -d '${BODY.replaceAll('"', '\\"')}'`;
const SEED_POWERSHELL_7 = `curl.exe -X POST https://ai.hatz.ai/v1/workflows/run \`
  -H 'X-API-Key: ${KEY}' \`
  --data-raw '${BODY}'`;

/**
 * Quotes a word in the style of Chrome's "Copy as cURL (cmd)". Quotes and the backslashes before
 * them are escaped for the C runtime, and the word is wrapped in ^"…^". A caret goes before every
 * character cmd might treat as special, and %^ keeps cmd from expanding a variable.
 */
function quoteLikeChromeCmd(word: string): string {
  const forRuntime = word
    .replace(/(\\*)"/g, (_match, backslashes: string) => `${backslashes}${backslashes}\\"`)
    .replace(/(\\+)$/, '$1$1');
  const forCmd = forRuntime
    .replace(/[^A-Za-z0-9\s_\-:=+~'/.,?;()*`]/g, (character) => `^${character}`)
    .replace(/%(?=[A-Za-z0-9_])/g, '%^');
  return `^"${forCmd}^"`;
}

const SEED_CHROME_CMD = [
  `curl ${quoteLikeChromeCmd('https://ai.hatz.ai/v1/workflows/run')}`,
  `  -H ${quoteLikeChromeCmd('Content-Type: application/json')}`,
  `  -H ${quoteLikeChromeCmd(`X-API-Key: ${KEY}`)}`,
  `  --data-raw ${quoteLikeChromeCmd(BODY)}`,
].join(' ^\n');

function imported(command: string): CurlImport {
  const result = importCurl(command);
  assert.equal(result.ok, true, result.ok ? '' : result.failure.kind);
  if (!result.ok) throw new Error('unreachable');
  return result.value;
}

function assertSeedRequest(command: string): void {
  const { request, apiKey } = imported(command);
  assert.equal(request.baseUrl, 'https://ai.hatz.ai/v1');
  assert.equal(request.appId, APP_ID);
  assert.equal(request.inputsText, INPUTS);
  assert.equal(request.isDraft, false);
  assert.equal(request.hasApiKey, true);
  assert.equal(apiKey, KEY);
}

describe('importCurl shells', () => {
  test('reads the seed command in bash', () => {
    assertSeedRequest(SEED_BASH);
    assert.equal(imported(SEED_BASH).request.shell, 'bash');
    assert.deepEqual(imported(SEED_BASH).request.notes, []);
  });

  test('reads the seed command in cmd', () => {
    assertSeedRequest(SEED_CMD);
    assert.equal(imported(SEED_CMD).request.shell, 'cmd');
  });

  test('points a PowerShell snippet to the cURL forms', () => {
    const snippet = buildSnippet({
      language: 'powershell',
      baseUrl: 'http://127.0.0.1:9',
      appId: APP_ID,
      inputsText: INPUTS,
      isDraft: false,
    });

    const result = importCurl(snippet.ok ? snippet.value : '');
    const message = result.ok
      ? ''
      : result.failure.kind === 'invalid-input'
        ? result.failure.message
        : '';

    assert.equal(result.ok, false);
    assert.match(message, /Only cURL commands can be imported: copy the request as cURL/);
  });

  test("reads Chrome's cmd quoting", () => {
    assertSeedRequest(SEED_CHROME_CMD);
    assert.equal(imported(SEED_CHROME_CMD).request.shell, 'cmd');
  });

  test("reads Chrome's cmd quoting on one line", () => {
    const oneLine = SEED_CHROME_CMD.replaceAll(' ^\n ', '');

    assertSeedRequest(oneLine);
    assert.equal(imported(oneLine).request.shell, 'cmd');
  });

  test('keeps a caret inside double quotes in cmd', () => {
    const body = `{"app_id":"${APP_ID}","inputs":{"q":"a^&b"}}`;
    const command = `curl.exe https://h.example/v1/workflows/run -d "${body.replaceAll('"', '""')}"`;

    assert.equal(imported(command).request.inputsText, '{"q":"a^&b"}');
  });

  test('reads cmd with backslash quotes and CRLF', () => {
    assertSeedRequest(SEED_CMD_BACKSLASH);
  });

  test('reads the seed command in PowerShell', () => {
    assertSeedRequest(SEED_POWERSHELL);
    assert.equal(imported(SEED_POWERSHELL).request.shell, 'powershell');
  });

  test('reads PowerShell without escaped quotes', () => {
    assertSeedRequest(SEED_POWERSHELL_7);
  });

  test('reads a one-line command', () => {
    assertSeedRequest(SEED_BASH.replace(/\\\n\s*/g, ''));
  });

  test('reads bash CRLF continuations', () => {
    assertSeedRequest(SEED_BASH.replaceAll('\n', '\r\n'));
  });

  test('reads bash double quotes with escapes', () => {
    const command = `curl https://h.example/v1/workflows/run -H 'X-API-Key: ${KEY}' -d "${BODY.replaceAll('"', '\\"')}"`;

    assertSeedRequest(command.replace('h.example', 'ai.hatz.ai'));
  });

  test("decodes bash $'…' quoting", () => {
    const command = `curl https://ai.hatz.ai/v1/workflows/run -d $'{"app_id": "${APP_ID}", "inputs": {"note": "it\\'s \\x41\\u00e9"}}'`;

    assert.equal(imported(command).request.inputsText, '{"note": "it\'s A\u00e9"}');
  });

  test('keeps inputs byte for byte', () => {
    const inputs = '{ "n" :12345678901234567890 ,\n\t"s": "caf\\u00e9 \u{1F600}" }';
    const command = `curl https://ai.hatz.ai/v1/workflows/run -d '{"app_id":"${APP_ID}","inputs":${inputs}}'`;

    assert.equal(imported(command).request.inputsText, inputs);
  });

  test('drops a leading prompt sign', () => {
    assertSeedRequest(`$ ${SEED_BASH}`);
  });

  test('drops the PowerShell call operator', () => {
    assertSeedRequest(`& ${SEED_POWERSHELL}`);
  });
});

describe('importCurl options', () => {
  const base = `curl https://ai.hatz.ai/v1/workflows/run`;

  for (const option of ['-d', '--data', '--data-raw', '--data-binary', '--json']) {
    test(`reads the body of ${option}`, () => {
      assert.equal(imported(`${base} ${option} '${BODY}'`).request.inputsText, INPUTS);
    });
  }

  test('reads a glued -d value', () => {
    assert.equal(imported(`${base} -d'${BODY}'`).request.inputsText, INPUTS);
  });

  test('reads headers in any case', () => {
    assert.equal(imported(`${base} -H 'x-API-key:${KEY}' -d '{}'`).apiKey, KEY);
  });

  test('reads -XPOST and bundled flags', () => {
    const { request } = imported(`curl -sSL -XPOST ${base.slice(5)} -d '${BODY}'`);

    assert.equal(request.method, 'POST');
    assert.equal(request.appId, APP_ID);
    assert.deepEqual(request.notes, []);
  });

  test('reads the draft flag', () => {
    const body = BODY.replace('false', 'true');

    assert.equal(imported(`${base} -d '${body}'`).request.isDraft, true);
  });

  test('reads --url', () => {
    assert.equal(
      imported(`curl --url ${base.slice(5)} -d '{}'`).request.baseUrl,
      'https://ai.hatz.ai/v1',
    );
  });

  test('reads a local base URL', () => {
    const request = imported(`curl http://127.0.0.1:8123/v1/workflows/run -d '{}'`).request;

    assert.equal(request.baseUrl, 'http://127.0.0.1:8123/v1');
  });

  test('notes -d @file as unusable', () => {
    const { request } = imported(`${base} -d @body.json`);

    assert.equal(request.inputsText, undefined);
    assert.ok(request.notes.some((note) => /reads the body from a file/.test(note)));
  });

  test('treats --data-raw @ as text', () => {
    const { request } = imported(`${base} --data-raw '@x'`);

    assert.ok(request.notes.some((note) => /not valid JSON/.test(note)));
  });

  test('notes a placeholder key', () => {
    const result = imported(`${base} -H "X-API-Key: YOUR_API_KEY" -d '{}'`);

    assert.equal(result.request.hasApiKey, false);
    assert.equal(result.apiKey, undefined);
    assert.ok(result.request.notes.some((note) => /placeholder/.test(note)));
  });

  test('keeps a shell variable key out', () => {
    const result = imported(`${base} -H "X-API-Key: $HATZ_API_KEY" -d '{}'`);

    assert.equal(result.apiKey, undefined);
    assert.ok(result.request.notes.some((note) => /\$HATZ_API_KEY is a shell variable/.test(note)));
  });

  test('reads a Bearer key with a note', () => {
    const result = imported(`${base} -H "Authorization: Bearer ${KEY}" -d '{}'`);

    assert.equal(result.apiKey, KEY);
    assert.ok(result.request.notes.some((note) => /Bearer/.test(note)));
  });

  test('never puts the key in a note', () => {
    const result = imported(`${base} -H "X-Secret: ${KEY}" -u user:${KEY} -H "X-API-Key: ${KEY}"`);

    assert.equal(result.request.notes.join(' ').includes(KEY), false);
    assert.equal(JSON.stringify(result.request).includes(KEY), false);
  });

  test('notes ignored options', () => {
    const { request } = imported(`${base} -k --retry 3 -F file=@a.pdf -d '{}'`);

    assert.ok(request.notes.some((note) => /-k was ignored/.test(note)));
    assert.ok(request.notes.some((note) => /--retry was ignored/.test(note)));
    assert.ok(request.notes.some((note) => /multipart form/.test(note)));
  });

  test('stops at a pipe', () => {
    const { request } = imported(`${base} -d '${BODY}' | jq .`);

    assert.equal(request.appId, APP_ID);
    assert.ok(request.notes.some((note) => /"\|"/.test(note)));
  });

  test('notes a URL that is not the run endpoint', () => {
    const { request } = imported(`curl https://ai.hatz.ai/v1/chat/models`);

    assert.equal(request.baseUrl, undefined);
    assert.ok(request.notes.some((note) => /does not end in \/workflows\/run/.test(note)));
  });

  test('reads an app query URL', () => {
    const { request } = imported(
      `curl https://ai.hatz.ai/v1/app/${APP_ID}/query -d '{"inputs": {}}'`,
    );

    assert.equal(request.appId, APP_ID);
    assert.equal(request.inputsText, '{}');
  });

  test('keeps inputs of an invalid body for the editor', () => {
    const { request } = imported(`${base} -d '{"app_id": "${APP_ID}", "inputs": {"a": 1,}}'`);

    assert.equal(request.inputsText, '{"a": 1,}');
    assert.ok(request.notes.some((note) => /comma after the last item/.test(note)));
  });

  test('joins several data parts as curl does', () => {
    const { request } = imported(`${base} -d a=1 -d b=2`);

    assert.ok(request.notes.some((note) => /joined with &/.test(note)));
  });

  test('rejects a command that is not curl', () => {
    const result = importCurl('wget https://ai.hatz.ai/v1/workflows/run');

    assert.equal(result.ok, false);
    assert.match(
      result.ok ? '' : (result.failure as { message: string }).message,
      /starts with "wget"/,
    );
  });

  test('rejects empty text', () => {
    assert.equal(importCurl('  \n').ok, false);
  });
});

describe('importCurl fuzzing', () => {
  const pieces = [
    'curl ',
    'curl.exe ',
    '-d ',
    '-H ',
    '-X',
    ' ',
    '\\\n',
    '^\n',
    '`\n',
    "'",
    '"',
    '""',
    "$'",
    '\\',
    '^',
    '`',
    '$',
    '{',
    '}',
    ':',
    ',',
    'app_id',
    'inputs',
    '"a"',
    '\r\n',
    '\\x',
    '\\u',
    '\\U110000',
    '\\777',
    '@',
    '|',
    '#',
    '&',
    '%PATH%',
    'https://h/v1/workflows/run',
    '--json',
    '-sSLXPOST',
    '--url',
    '=',
    '\u00A0',
    '\uFEFF',
    '\u201C',
  ];
  const commandLike = fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 40 })
    .map((parts) => parts.join(''));

  test('never throws on any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          commandLike,
          fc.string({ maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 200 }),
        ),
        (text) => {
          const result = importCurl(text);
          assert.equal(typeof result.ok, 'boolean');
        },
      ),
      { numRuns: fuzzRuns(10_000) },
    );
  });

  test("returns the whole body from Chrome's cmd quoting", () => {
    fc.assert(
      fc.property(fc.json(), (inputs) => {
        const body = `{"app_id":"${APP_ID}","inputs":${inputs}}`;
        const command = `curl ${quoteLikeChromeCmd('https://h.example/v1/workflows/run')} --data-raw ${quoteLikeChromeCmd(body)}`;

        assert.equal(imported(command).request.inputsText, inputs.trim());
      }),
      { numRuns: 2_000 },
    );
  });

  test('returns the whole body as inputs for any JSON value', () => {
    fc.assert(
      fc.property(fc.json(), (inputs) => {
        const body = `{"app_id":"${APP_ID}","inputs":${inputs}}`;
        const command = `curl https://h.example/v1/workflows/run -d '${body.replaceAll("'", "'\\''")}'`;

        assert.equal(imported(command).request.inputsText, inputs.trim());
      }),
      { numRuns: 2_000 },
    );
  });
});
