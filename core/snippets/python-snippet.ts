import { KEY_VARIABLE, type SnippetParts } from './snippet-parts.ts';

/**
 * Builds a Python script with `requests`. The body is a string literal sent as UTF-8 bytes with
 * `data=`, not `json=`, so it reaches Hatz exactly as validated, big numbers included. A JSON
 * string literal is also a valid Python string literal for every escape JSON.stringify writes.
 */
export function buildPythonSnippet({ url, body, apiKey }: SnippetParts): string {
  const key = apiKey === undefined ? `os.environ["${KEY_VARIABLE}"]` : JSON.stringify(apiKey);
  return [
    'import os',
    '',
    'import requests',
    '',
    `body = ${JSON.stringify(body)}`,
    'response = requests.post(',
    `    ${JSON.stringify(url)},`,
    `    headers={"X-API-Key": ${key}, "Content-Type": "application/json"},`,
    '    data=body.encode("utf-8"),',
    '    timeout=30,',
    ')',
    'print(response.status_code)',
    'print(response.text)',
  ].join('\n');
}
