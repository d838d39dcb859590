/*
 * cURL commands for the import measure: the command a workflow's "Run via Webhook" panel shows,
 * in each shell's quoting, with bodies from two inputs to two hundred, and the options people add.
 * The key is a made-up one.
 */
/** The app id in every command of the corpus. */
export const CORPUS_APP_ID = '2cfc529e-6fd9-4a82-8f27-87b6f395c930';
const KEY = 'hk_live_abcd1234';

function inputsWith(count: number): string {
  const entries = Array.from({ length: count }, (_, index) =>
    index === 0 ? '"company_name": "Café Ünïcode 😀"' : `"field_${index}": "value number ${index}"`,
  );
  return `{${entries.join(', ')}}`;
}

function shellForms(body: string, dataOption: string): string[] {
  const url = 'https://ai.hatz.ai/v1/workflows/run';
  return [
    `curl -X POST ${url} \\\n  -H "Content-Type: application/json" \\\n  -H "X-API-Key: ${KEY}" \\\n  ${dataOption} '${body}'`,
    `curl.exe -X POST "${url}" ^\n  -H "Content-Type: application/json" ^\n  -H "X-API-Key: ${KEY}" ^\n  ${dataOption} "${body.replaceAll('"', '""')}"`,
    `curl -X POST ${url} ^\r\n  -H "x-api-key: ${KEY}" ^\r\n  ${dataOption} "${body.replaceAll('"', '\\"')}"`,
    `curl.exe -X POST "${url}" \`\n  -H "Content-Type: application/json" \`\n  -H "X-API-Key: ${KEY}" \`\n  ${dataOption} '${body.replaceAll('"', '\\"')}'`,
    `curl.exe -X POST ${url} \`\n  -H 'X-API-Key: ${KEY}' \`\n  ${dataOption} '${body}'`,
    `$ curl -sSL -XPOST ${url} -H 'X-API-Key: $HATZ_API_KEY' -H 'Accept: application/json' ${dataOption} '${body}' | jq .`,
  ];
}

/** Builds the corpus: 6 shell forms × 3 body sizes × 3 data options, 54 commands. */
export function buildCurlCorpus(): string[] {
  const commands: string[] = [];
  for (const inputCount of [2, 20, 200]) {
    const body = `{"app_id": "${CORPUS_APP_ID}", "inputs": ${inputsWith(inputCount)}, "is_draft_app": false}`;
    for (const dataOption of ['-d', '--data-raw', '--json']) {
      commands.push(...shellForms(body, dataOption));
    }
  }
  return commands;
}
