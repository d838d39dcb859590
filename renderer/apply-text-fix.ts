import type { TextFix } from '../core/inputs-lint.ts';

/** Applies a lint fix to the text it was computed for. */
export function applyTextFix(text: string, fix: TextFix): string {
  return text.slice(0, fix.offset) + fix.text + text.slice(fix.offset + fix.length);
}
