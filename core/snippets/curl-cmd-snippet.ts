import { KEY_VARIABLE, type SnippetParts } from './snippet-parts.ts';

/**
 * Builds a cURL command for the Windows command prompt (cmd.exe), with `^` line continuations.
 * A line break cannot be quoted for cmd, so line breaks in the body, which JSON only allows as
 * white space, become spaces.
 * NOTE: the command is written for the interactive prompt. In a batch file cmd reads `%` in
 * other ways. How non-ASCII text reaches curl depends on the code page.
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
 * Quotes a word for cmd and the C runtime's argument parser. Inside "…" a quote is written `""`,
 * which keeps cmd's own quote tracking in step with the C runtime's, so `&`, `|`, `<` and `>` stay
 * quoted. Backslashes before a quote are doubled.
 */
export function quoteCmd(text: string): string {
  // cmd expands %NAME% even inside quotes, so such words need carets instead.
  if (text.includes('%')) return quoteCmdWithCarets(text);
  const escaped = text.replace(/(\\*)"/g, (_match, slashes: string) => `${slashes}${slashes}""`);
  // Backslashes at the end would escape the closing quote.
  return `"${escaped.replace(/(\\+)$/, '$1$1')}"`;
}

/**
 * Quotes a word in the style of Chrome's "Copy as cURL (cmd)" (`escapeStringWin` in Chrome
 * DevTools' NetworkLogView). The C runtime's quotes are written `^"`, so cmd's own quote state
 * never changes, and a caret escapes every character cmd might act on. After a `%`, cmd then looks
 * for a variable named `^NAME^`, finds none and keeps the text, and removes the carets later.
 */
function quoteCmdWithCarets(text: string): string {
  const forRuntime = text
    .replace(/(\\*)"/g, (_match, slashes: string) => `${slashes}${slashes}\\"`)
    .replace(/(\\+)$/, '$1$1');
  const forCmd = forRuntime
    .replace(/[^A-Za-z0-9 _\-:=+~'/.,?;*`]/g, (character) => `^${character}`)
    .replace(/%(?=[A-Za-z0-9_])/g, '%^');
  return `^"${forCmd}^"`;
}
