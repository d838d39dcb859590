import { lintInputs } from '../../core/inputs-lint.ts';
import type { UserInput } from '../../core/schemas.ts';
import { judgeAtMost } from '../goal.ts';
import type { Measure } from '../measure.ts';
import { formatSummary, summarize } from '../statistics.ts';

const GOAL_MS = 20;
const TARGET_LINES = 2000;
const DECLARED_COUNT = 100;
const WARM_UP_CALLS = 20;
const TYPES = ['short_answer', 'long_answer', 'number', 'boolean', 'file_upload'];

/** Time to lint a 2,000-line inputs document against a workflow's declared inputs. */
export const inputsLintMeasure: Measure = {
  id: 'inputs-lint',
  title: 'Schema lint of a 2,000-line inputs document',
  async run(context) {
    const calls = context.isQuick ? 50 : 300;
    const declared = buildDeclaredInputs();
    const text = buildInputsDocument();
    const lineCount = text.split('\n').length;

    const times: number[] = [];
    let problemCount = 0;
    for (let call = 0; call < WARM_UP_CALLS + calls; call++) {
      const startTime = performance.now();
      const problems = lintInputs(text, declared);
      const elapsed = performance.now() - startTime;
      problemCount = problems.length;
      if (call >= WARM_UP_CALLS) times.push(elapsed);
    }

    const summary = summarize(times);
    return {
      method:
        `Lints a pretty-printed inputs document of ${lineCount.toLocaleString('en-US')} lines ` +
        `with \`lintInputs\` against ${DECLARED_COUNT} declared inputs of five types, ${calls} ` +
        `times after ${WARM_UP_CALLS} warm-up calls. The document fills every declared input, ` +
        'and a long nested list in one of them makes up most of the lines. It also has ' +
        'misspelled, undeclared and duplicate names, values of the wrong type and a trailing ' +
        `comma, so every rule has work, and each call reports ${problemCount} problems.`,
      rows: [
        {
          label: `lint ${lineCount.toLocaleString('en-US')} lines, ${DECLARED_COUNT} declared inputs`,
          reference: '—',
          figure: formatSummary(summary, 'ms', 2),
          goal: `≤ ${GOAL_MS} ms`,
          ...judgeAtMost(summary.median, GOAL_MS),
        },
      ],
    };
  },
};

function buildDeclaredInputs(): UserInput[] {
  return Array.from({ length: DECLARED_COUNT }, (_, index) => ({
    variableName: inputName(index),
    displayName: `Input ${index}`,
    description: `Declared input number ${index}.`,
    variableType: TYPES[index % TYPES.length]!,
    required: index % 3 === 0,
    position: index,
  }));
}

function inputName(index: number): string {
  return `input_${String(index).padStart(3, '0')}`;
}

function valueFor(index: number, isWrongType: boolean): string {
  const type = TYPES[index % TYPES.length];
  if (isWrongType) return type === 'number' ? '"twelve"' : '42';
  if (type === 'number') return String(index * 7);
  if (type === 'boolean') return index % 2 === 0 ? 'true' : 'false';
  return JSON.stringify(`Value of input ${index}`);
}

/** Builds the document line by line until it has TARGET_LINES lines. */
function buildInputsDocument(): string {
  const lines = ['{'];
  for (let index = 1; index < DECLARED_COUNT; index++) {
    lines.push(`  "${inputName(index)}": ${valueFor(index, index % 17 === 0)},`);
  }
  lines.push('  "input_01O": "misspelled name",', '  "notes_for_later": "undeclared",');
  lines.push(`  "${inputName(2)}": "duplicate name",`);

  // The long nested value goes last, and each item takes four lines.
  lines.push(`  "${inputName(0)}": [`);
  const itemCount = Math.floor((TARGET_LINES - lines.length - 2) / 4);
  for (let item = 0; item < itemCount; item++) {
    const isLast = item === itemCount - 1;
    lines.push('    {', `      "row": ${item},`, `      "label": "item ${item}"`);
    lines.push(isLast ? '    }' : '    },');
  }
  lines.push('  ],');
  while (lines.length < TARGET_LINES - 1) lines.push('');
  lines.push('}');
  return lines.join('\n');
}
