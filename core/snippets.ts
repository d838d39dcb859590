import { z } from 'zod';

import { buildRunBody, type RunRequest } from './run-body.ts';
import type { Result } from './schemas.ts';
import { normalizeBaseUrl } from './settings.ts';
import { buildCurlBashSnippet } from './snippets/curl-bash-snippet.ts';
import { buildCurlCmdSnippet } from './snippets/curl-cmd-snippet.ts';
import { buildJavaScriptSnippet } from './snippets/javascript-snippet.ts';
import { buildPowerShellSnippet } from './snippets/powershell-snippet.ts';
import { buildPythonSnippet } from './snippets/python-snippet.ts';
import type { SnippetParts } from './snippets/snippet-parts.ts';

export const snippetLanguageSchema = z.enum([
  'curl-bash',
  'curl-cmd',
  'powershell',
  'python',
  'javascript',
]);
export type SnippetLanguage = z.infer<typeof snippetLanguageSchema>;

/** Names of the languages as menus show them. */
export const snippetLanguageLabels: Record<SnippetLanguage, string> = {
  'curl-bash': 'cURL (bash)',
  'curl-cmd': 'cURL (Windows cmd)',
  powershell: 'PowerShell',
  python: 'Python (requests)',
  javascript: 'JavaScript (fetch)',
};

const builders: Record<SnippetLanguage, (parts: SnippetParts) => string> = {
  'curl-bash': buildCurlBashSnippet,
  'curl-cmd': buildCurlCmdSnippet,
  powershell: buildPowerShellSnippet,
  python: buildPythonSnippet,
  javascript: buildJavaScriptSnippet,
};

export interface SnippetOptions extends RunRequest {
  language: SnippetLanguage;
  baseUrl: string;
  /**
   * The key to write into the snippet. Leave it out, as is the default, and the snippet reads
   * `HATZ_API_KEY` from the environment instead.
   */
  apiKey?: string;
}

/**
 * Builds code that sends the same `POST /workflows/run` request in another tool. The body is the
 * one the app validates and sends, so inputs keep every digit and character as typed.
 */
export function buildSnippet(options: SnippetOptions): Result<string> {
  const body = buildRunBody(options);
  if (!body.ok) return body;

  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(options.baseUrl);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, failure: { kind: 'invalid-input', message } };
  }
  const parts: SnippetParts = { url: `${baseUrl}/workflows/run`, body: body.value };
  if (options.apiKey !== undefined) parts.apiKey = options.apiKey;
  return { ok: true, value: builders[options.language](parts) };
}
