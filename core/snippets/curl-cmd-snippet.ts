import { KEY_VARIABLE, type SnippetParts } from './snippet-parts.ts';

/**
 * Builds a cURL command for the Windows command prompt (cmd.exe), with `^` line continuations.
 * Inside "…" a quote is written `""`, which keeps cmd's own quote tracking in step with the C
 * runtime's, so `&`, `|`, `<` and `>` in the body stay quoted. A line break cannot be quoted for
 * cmd, so line breaks in the body, which JSON only allows as white space, become spaces.
 * NOTE: cmd still expands `%NAME%` inside quotes when a variable NAME is set, and no quoting stops
 * that on an interactive command line. How non-ASCII text reaches curl depends on the code page.
 */
export function buildCurlCmdSnippet({ url, body, apiKey }: SnippetParts): string {
  const oneLineBody = body.replace(/\r\n|\r|\n/g, ' ');
  const keyHeader =
    apiKey === undefined ? `"X-API-Key: %${KEY_VARIABLE}%"` : quoteCmd(`X-API-Key: ${apiKey}`);
  return [
    `curl -X POST ${quoteCmd(url)} ^`,
    `  -H ${keyHeader} ^`,
    `  -H "Content-Type: application/json" ^`,
    `  --data-raw ${quoteCmd(oneLineBody)}`,
  ].join('\r\n');
}

/**
 * Quotes a word for cmd and the C runtime's argument parser: backslashes before a quote are
 * doubled, and a quote is written `""`.
 */
export function quoteCmd(text: string): string {
  const escaped = text.replace(/(\\*)"/g, (_match, slashes: string) => `${slashes}${slashes}""`);
  // Backslashes at the end would escape the closing quote.
  return `"${escaped.replace(/(\\+)$/, '$1$1')}"`;
}
