import { KEY_VARIABLE, type SnippetParts } from './snippet-parts.ts';

/** Builds a JavaScript `fetch` call for Node 18 or later, as an ES module with top-level await. */
export function buildJavaScriptSnippet({ url, body, apiKey }: SnippetParts): string {
  const key = apiKey === undefined ? `process.env.${KEY_VARIABLE}` : JSON.stringify(apiKey);
  return [
    `const body = ${JSON.stringify(body)};`,
    `const response = await fetch(${JSON.stringify(url)}, {`,
    `  method: 'POST',`,
    `  headers: { 'X-API-Key': ${key}, 'Content-Type': 'application/json' },`,
    '  body,',
    '});',
    'console.log(response.status);',
    'console.log(await response.text());',
  ].join('\n');
}
