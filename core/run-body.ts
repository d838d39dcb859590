import { checkAppId } from './app-id.ts';
import { isRecord } from './json.ts';
import type { Result } from './schemas.ts';

export interface RunRequest {
  appId: string;
  inputsText: string;
  isDraft: boolean;
}

/**
 * Builds the body of `POST /v1/workflows/run`. The inputs are checked with `JSON.parse` but sent
 * as the user typed them, so a number such as 12345678901234567890 reaches Hatz digit for digit
 * instead of being rounded by a JavaScript number.
 */
export function buildRunBody(request: RunRequest): Result<string> {
  const appIdCheck = checkAppId(request.appId);
  if (!appIdCheck.ok) return invalid(appIdCheck.message);
  const appId = appIdCheck.appId;

  const inputsText = request.inputsText.trim() === '' ? '{}' : request.inputsText.trim();
  let inputs: unknown;
  try {
    inputs = JSON.parse(inputsText);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : String(error);
    return invalid(`The inputs are not valid JSON: ${reason}. Fix the inputs and send again.`);
  }
  if (!isRecord(inputs)) {
    return invalid(
      `The inputs must be a JSON object such as {"company_name": "Acme"}, not ${describeJsonType(inputs)}.`,
    );
  }

  const body = `{"app_id":${JSON.stringify(appId)},"inputs":${inputsText},"is_draft_app":${request.isDraft}}`;
  return { ok: true, value: body };
}

function invalid(message: string): Result<string> {
  return { ok: false, failure: { kind: 'invalid-input', message } };
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
