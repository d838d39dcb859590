import { KEY_VARIABLE, type SnippetParts } from './snippet-parts.ts';

/**
 * Builds a cURL command for bash and other POSIX shells. Single quotes keep every byte of the body
 * as it is, including `$`, `!` and line breaks.
 */
export function buildCurlBashSnippet({ url, body, apiKey }: SnippetParts): string {
  const keyHeader =
    apiKey === undefined ? `"X-API-Key: $${KEY_VARIABLE}"` : quoteBash(`X-API-Key: ${apiKey}`);
  return [
    `curl -X POST ${quoteBash(url)} \\`,
    `  -H ${keyHeader} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  --data-raw ${quoteBash(body)}`,
  ].join('\n');
}

/** Quotes a word for bash: inside single quotes only `'` itself needs care, as `'\''`. */
export function quoteBash(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
