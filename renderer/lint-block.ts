import { hasLintErrors, lintInputs } from '../core/inputs-lint.ts';
import type { UserInput } from '../core/schemas.ts';
import type { Problem } from './problem.ts';

/**
 * Explains why the inputs should not be sent yet, or returns null when the lint finds no error.
 * Send shows this the first time and sends the same text on the second press, so inputs with
 * errors go out only on purpose.
 */
export function describeLintBlock(text: string, inputs: readonly UserInput[]): Problem | null {
  const problems = lintInputs(text, inputs);
  if (!hasLintErrors(problems)) return null;

  const errors = problems.filter((problem) => problem.severity === 'error');
  const first = errors[0];
  const where =
    first && first.rule !== 'empty-text' ? `Line ${first.line}, column ${first.column}: ` : '';
  return {
    title: `Not sent: the inputs have ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}`,
    detail: `${where}${first?.message ?? ''}`,
    fix: 'Fix the marked problems, or press Send again to send the inputs as they are.',
  };
}
