import { parseTree, type Node, type ParseError } from 'jsonc-parser';

import { checkAppId } from './app-id.ts';
import { detectShell } from './curl-import/detect-shell.ts';
import { readCurlOptions, type CurlOptions } from './curl-import/read-curl-options.ts';
import type { ShellDialect, ShellWords } from './curl-import/shell-words.ts';
import { splitBashWords } from './curl-import/split-bash-words.ts';
import { splitCmdWords } from './curl-import/split-cmd-words.ts';
import { splitPowerShellWords } from './curl-import/split-powershell-words.ts';
import { findInputsSyntaxProblem } from './inputs-syntax.ts';
import type { Result } from './schemas.ts';

export type { ShellDialect } from './curl-import/shell-words.ts';

/** The run request a cURL command describes. Never contains the API key. */
export interface CurlRequest {
  shell: ShellDialect;
  method: string;
  url?: string;
  /** The URL up to `/workflows/run`, such as https://ai.hatz.ai/v1. */
  baseUrl?: string;
  appId?: string;
  /** The `inputs` value exactly as written in the command's body, after shell quoting. */
  inputsText?: string;
  isDraft?: boolean;
  /** True when the command carries a key; the key itself is only in `CurlImport.apiKey`. */
  hasApiKey: boolean;
  /** Plain sentences on each part of the command that the app ignored or cannot use. */
  notes: string[];
}

/** A parsed cURL command. The key is kept apart so it is never logged or stored by accident. */
export interface CurlImport {
  request: CurlRequest;
  apiKey?: string;
}

const SPLITTERS: Record<ShellDialect, (command: string) => ShellWords> = {
  bash: splitBashWords,
  cmd: splitCmdWords,
  powershell: splitPowerShellWords,
};
const CURL_PROGRAM = /^(.*[\\/])?curl(\.exe)?$/i;
const PROMPTS = new Set(['$', '>', '%', 'PS>', '#']);
const RUN_PATH = /\/workflows\/run\/?$/;
const APP_QUERY_PATH = /\/app\/([^/]+)\/query\/?$/;
const PLACEHOLDER_KEY =
  /^[$%<[{]|^(your|my)?[-_ ]?(hatz[-_ ]?)?(api[-_ ]?)?key([-_ ]?here)?$|^x{4,}$|\.\.\.|…/i;

/**
 * Reads a cURL command written for bash, Windows cmd or PowerShell, including the one Hatz shows
 * in a workflow's "Run via Webhook" panel, into the run request it sends. Fails only when the
 * text is not a curl command; anything else it cannot use becomes a note.
 */
export function importCurl(command: string): Result<CurlImport> {
  const shell = detectShell(command);
  const split = SPLITTERS[shell](command);
  const words = [...split.words];
  while (words.length > 0 && PROMPTS.has(words[0] ?? '')) words.shift();

  const program = words.shift();
  if (program === undefined)
    return invalid('The cURL command is empty. Paste a command that starts with curl.');
  if (!CURL_PROGRAM.test(program)) {
    const shown = program.length > 40 ? `${program.slice(0, 40)}…` : program;
    // Other snippet forms, such as PowerShell's Invoke-RestMethod, are only written, never read.
    const otherForm = /Invoke-RestMethod|Invoke-WebRequest|requests\.post|fetch\(/.test(command)
      ? ' Only cURL commands can be imported: copy the request as cURL (bash or Windows cmd) instead.'
      : ' Paste a command that starts with curl or curl.exe.';
    return invalid(
      `This is not a cURL command: it starts with "${shown}" instead of curl.${otherForm}`,
    );
  }

  const options = readCurlOptions(words);
  const notes = [...split.notes, ...options.notes];
  const request: CurlRequest = {
    shell,
    method: options.method ?? (options.data.length > 0 ? 'POST' : 'GET'),
    url: options.url,
    hasApiKey: false,
    notes,
  };

  readUrl(request, notes);
  const apiKey = readHeaders(options, request, notes);
  readBody(options, request, notes);
  if (request.method !== 'POST') {
    notes.push(`The command uses ${request.method}; a workflow run is always sent with POST.`);
  }
  return { ok: true, value: { request, apiKey } };
}

function readUrl(request: CurlRequest, notes: string[]): void {
  if (request.url === undefined) {
    notes.push('The command has no URL, so the base URL was not changed.');
    return;
  }
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    notes.push(`"${shorten(request.url)}" is not a complete URL, so the base URL was not changed.`);
    return;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    notes.push(`The URL uses ${url.protocol}, not https:, so the base URL was not changed.`);
    return;
  }
  if (url.search !== '' || url.hash !== '') notes.push('The query string of the URL was ignored.');

  const path = url.pathname;
  const queryMatch = APP_QUERY_PATH.exec(path);
  if (RUN_PATH.test(path)) {
    request.baseUrl = `${url.origin}${path.replace(RUN_PATH, '')}`;
  } else if (queryMatch) {
    request.baseUrl = `${url.origin}${path.slice(0, queryMatch.index)}`;
    request.appId = decodeURIComponentSafely(queryMatch[1] ?? '');
    notes.push('The command queries an app directly; the app sends it as a workflow run instead.');
  } else {
    notes.push(
      `The URL does not end in /workflows/run, so the base URL was not changed. Check that this is a workflow's webhook command.`,
    );
  }
}

/** Reads the key and notes the headers the app sets itself. Returns the key, if any. */
function readHeaders(options: CurlOptions, request: CurlRequest, notes: string[]) {
  let apiKey: string | undefined;
  const ignored = new Set<string>();

  for (const { name, value } of options.headers) {
    const lowerName = name.toLowerCase();
    const bearer = /^bearer\s+(\S+)$/i.exec(value)?.[1];
    if (lowerName === 'x-api-key' || (lowerName === 'authorization' && bearer !== undefined)) {
      const candidate = lowerName === 'x-api-key' ? value : (bearer ?? '');
      if (lowerName === 'authorization') {
        notes.push(
          'The key was sent as "Authorization: Bearer", which Hatz rejects; the app sends it as X-API-Key instead.',
        );
      }
      if (candidate === '' || PLACEHOLDER_KEY.test(candidate)) {
        notes.push(
          `The ${name} header holds a placeholder (${shorten(candidate) || 'empty'}), not a key, so no key was read.`,
        );
        continue;
      }
      apiKey = candidate;
    } else if (lowerName === 'content-type') {
      if (!/^application\/json\b/i.test(value)) {
        notes.push(
          `Content-Type "${shorten(value)}" was replaced by application/json, which Hatz expects.`,
        );
      }
    } else if (lowerName === 'x-request-id') {
      notes.push(
        'The X-Request-ID header was ignored; the app sends a new one with every request.',
      );
    } else if (lowerName !== 'accept' && lowerName !== 'user-agent') {
      ignored.add(name);
    }
  }

  if (ignored.size > 0) notes.push(`These headers were ignored: ${[...ignored].join(', ')}.`);
  request.hasApiKey = apiKey !== undefined;
  return apiKey;
}

function readBody(options: CurlOptions, request: CurlRequest, notes: string[]): void {
  const usable: string[] = [];
  for (const { option, value } of options.data) {
    const readsFile = value.startsWith('@') && option !== '--data-raw';
    if (readsFile) {
      notes.push(
        `${option} ${shorten(value)} reads the body from a file, which the app cannot open. Paste the file's content after ${option} instead.`,
      );
    } else usable.push(value);
  }
  if (options.isGet && usable.length > 0) {
    notes.push(
      '-G moves the data into the URL, which a workflow run does not read, so it was ignored.',
    );
    return;
  }
  if (usable.length === 0) {
    if (options.data.length === 0)
      notes.push('The command sends no body, so the inputs were not changed.');
    return;
  }
  if (usable.length > 1)
    notes.push(`The ${usable.length} data parts were joined with &, as curl does.`);

  const body = usable.join('&');
  readRunBody(
    request.shell === 'powershell' ? unescapeForPowerShell(body, notes) : body,
    request,
    notes,
  );
}

/**
 * Windows PowerShell 5.1 drops plain " from arguments of native programs such as curl.exe, so
 * commands written for it escape each one as \". Newer PowerShell passes \" through unchanged,
 * which curl would send as is. Where only the unescaped body is JSON, that is what was meant.
 */
function unescapeForPowerShell(body: string, notes: string[]): string {
  if (!body.includes('\\"') || isJson(body)) return body;
  const unescaped = body.replaceAll('\\"', '"');
  if (!isJson(unescaped)) return body;
  notes.push(
    'The body escapes its quotes as \\" for Windows PowerShell; they were read as plain quotes.',
  );
  return unescaped;
}

function readRunBody(body: string, request: CurlRequest, notes: string[]): void {
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { allowTrailingComma: true, disallowComments: false });
  const syntax = findInputsSyntaxProblem(body);
  if (syntax) {
    const where = syntax.location
      ? ` (line ${syntax.location.line}, column ${syntax.location.column})`
      : '';
    notes.push(`The body is not valid JSON${where}: ${syntax.message}`);
  }
  if (root?.type !== 'object') {
    notes.push(
      'The body is not a JSON object with app_id and inputs, so nothing was read from it.',
    );
    return;
  }

  const ignored: string[] = [];
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    const key = keyNode?.value;
    if (typeof key !== 'string' || valueNode === undefined) continue;
    if (key === 'app_id') readAppId(valueNode, request, notes);
    else if (key === 'inputs')
      request.inputsText = body.slice(valueNode.offset, valueNode.offset + valueNode.length);
    else if (key === 'is_draft_app') readDraftFlag(valueNode, request, notes);
    else ignored.push(key);
  }
  if (ignored.length > 0) notes.push(`These body fields were ignored: ${ignored.join(', ')}.`);
  if (request.appId === undefined)
    notes.push('The body has no app_id, so the app id was not changed.');
  if (request.inputsText === undefined)
    notes.push('The body has no inputs, so the inputs were not changed.');
}

function readAppId(node: Node, request: CurlRequest, notes: string[]): void {
  if (typeof node.value !== 'string') {
    notes.push('app_id in the body is not text, so it was ignored.');
    return;
  }
  if (request.appId !== undefined && request.appId !== node.value) {
    notes.push(
      'The app id in the body differs from the one in the URL; the one in the body was used.',
    );
  }
  request.appId = node.value;
  const check = checkAppId(node.value);
  if (!check.ok) notes.push(check.message);
}

function readDraftFlag(node: Node, request: CurlRequest, notes: string[]): void {
  if (typeof node.value === 'boolean') {
    request.isDraft = node.value;
    return;
  }
  const word = String(node.value).toLowerCase();
  if (word === 'true' || word === 'false') {
    request.isDraft = word === 'true';
    notes.push(`is_draft_app is the text "${word}", not ${word}; it was read as ${word}.`);
    return;
  }
  notes.push('is_draft_app is neither true nor false, so the draft switch was not changed.');
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function decodeURIComponentSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function invalid(message: string): Result<CurlImport> {
  return { ok: false, failure: { kind: 'invalid-input', message } };
}
