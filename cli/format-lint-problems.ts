import type { InputsLintProblem } from '../core/inputs-lint.ts';

/** Formats lint problems one per line as `source:line:column severity message`, with each fix. */
export function formatLintProblems(source: string, problems: readonly InputsLintProblem[]): string {
  const lines: string[] = [];
  for (const problem of problems) {
    lines.push(
      `${source}:${problem.line}:${problem.column} ${problem.severity}  ${problem.message}`,
    );
    if (problem.fix) lines.push(`  fix: ${problem.fix.title}${describeEdit(problem.fix.text)}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** Converts lint problems to snake_case objects like the Hatz API's, for `--json` output. */
export function toLintJson(problems: readonly InputsLintProblem[]) {
  return problems.map((problem) => ({
    rule: problem.rule,
    severity: problem.severity,
    message: problem.message,
    line: problem.line,
    column: problem.column,
    offset: problem.offset,
    length: problem.length,
    fix: problem.fix
      ? {
          title: problem.fix.title,
          offset: problem.fix.offset,
          length: problem.fix.length,
          text: problem.fix.text,
        }
      : null,
  }));
}

export function countBySeverity(problems: readonly InputsLintProblem[]) {
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

function describeEdit(text: string): string {
  if (text === '') return ' (delete)';
  return text.includes('\n') || text.length > 60 ? '' : ` (write ${text})`;
}
