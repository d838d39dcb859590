import type { InputsLintProblem } from '../../core/inputs-lint.ts';

interface InputsProblemListProps {
  problems: readonly InputsLintProblem[];
  onFix: (problem: InputsLintProblem) => void;
}

const MAX_SHOWN = 8;

/** Lists the inputs' problems under the editor, each with its fix as a button. */
export function InputsProblemList({ problems, onFix }: InputsProblemListProps) {
  if (problems.length === 0) return null;
  const visibleProblems = problems.slice(0, MAX_SHOWN);

  return (
    <ul className="problem-list" aria-label="Problems in the inputs">
      {visibleProblems.map((problem, index) => (
        <li
          key={`${problem.offset}-${problem.rule}-${index}`}
          className={`problem is-${problem.severity}`}
        >
          <span className="problem-severity">
            {problem.severity === 'error' ? 'Error' : 'Warning'}
          </span>
          <span className="problem-text">
            {problem.rule === 'empty-text'
              ? ''
              : `Line ${problem.line}, column ${problem.column}: `}
            {problem.message}
          </span>
          {problem.fix && (
            <button type="button" className="button-small" onClick={() => onFix(problem)}>
              {problem.fix.title}
            </button>
          )}
        </li>
      ))}
      {problems.length > MAX_SHOWN && (
        <li className="problem muted">and {problems.length - MAX_SHOWN} more</li>
      )}
    </ul>
  );
}
