import { KEY_VARIABLE, type SnippetParts } from './snippet-parts.ts';

/**
 * Builds a PowerShell `Invoke-RestMethod` call. The body sits in a literal here-string (@'…'@),
 * where nothing is expanded, and is sent as UTF-8 bytes, because Windows PowerShell 5.1 would
 * otherwise encode a string body as ISO-8859-1.
 */
export function buildPowerShellSnippet({ url, body, apiKey }: SnippetParts): string {
  const key = apiKey === undefined ? `$env:${KEY_VARIABLE}` : quotePowerShell(apiKey);
  return [
    `$body = @'`,
    body,
    `'@`,
    `$headers = @{ 'X-API-Key' = ${key} }`,
    `Invoke-RestMethod -Method Post -Uri ${quotePowerShell(url)} -Headers $headers \``,
    `  -ContentType 'application/json; charset=utf-8' \``,
    `  -Body ([System.Text.Encoding]::UTF8.GetBytes($body))`,
  ].join('\n');
}

/** Quotes a string for PowerShell: a single-quoted string where `'` is written `''`. */
export function quotePowerShell(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}
