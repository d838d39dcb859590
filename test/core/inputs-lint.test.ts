import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { hasLintErrors, lintInputs, type InputsLintProblem } from '../../core/inputs-lint.ts';
import type { UserInput } from '../../core/schemas.ts';
import { fuzzRuns } from '../support/fuzz-runs.ts';

function input(variableName: string, variableType: string, required: boolean, position: number) {
  return {
    variableName,
    displayName: variableName.replace(/_/g, ' '),
    description: '',
    variableType,
    required,
    position,
  } satisfies UserInput;
}

const SEED: UserInput[] = [
  input('company_name', 'short_answer', true, 0),
  input('industry', 'short_answer', true, 1),
];
const TYPED: UserInput[] = [
  input('team_size', 'number', true, 0),
  input('include_tax', 'boolean', false, 1),
  input('document', 'file_upload', false, 2),
  input('region', 'custom_picker', false, 3),
];

function only(problems: InputsLintProblem[], rule: InputsLintProblem['rule']) {
  return problems.filter((problem) => problem.rule === rule);
}

/** Applies a problem's fix, as the editor's quick fix does. */
function applyFix(text: string, problem: InputsLintProblem | undefined): string {
  assert.ok(problem?.fix, 'expected a fix');
  const { offset, length, text: replacement } = problem.fix;
  return text.slice(0, offset) + replacement + text.slice(offset + length);
}

describe('lintInputs', () => {
  test('accepts the seed inputs', () => {
    const problems = lintInputs('{"company_name": "Acme", "industry": "Technology"}', SEED);

    assert.deepEqual(problems, []);
  });

  test('marks a missing required input', () => {
    const text = '{"company_name": "Acme"}';

    const [problem] = only(lintInputs(text, SEED), 'missing-required');

    assert.equal(problem?.severity, 'error');
    assert.match(problem?.message ?? '', /industry/);
    assert.equal(problem?.offset, 0);
    assert.equal(applyFix(text, problem), '{"company_name": "Acme",\n  "industry": ""}');
  });

  test('fills an empty object with a missing input', () => {
    const [problem] = only(lintInputs('{}', SEED.slice(0, 1)), 'missing-required');

    assert.equal(applyFix('{}', problem), '{\n  "company_name": ""\n}');
  });

  test('marks a name that differs only in case', () => {
    const text = '{"Company_Name": "Acme", "industry": "Tech"}';

    const [problem] = only(lintInputs(text, SEED), 'misspelled-key');

    assert.match(problem?.message ?? '', /only in capital letters/);
    assert.equal(problem?.offset, 1);
    assert.equal(problem?.length, '"Company_Name"'.length);
    assert.equal(applyFix(text, problem), '{"company_name": "Acme", "industry": "Tech"}');
  });

  test('suggests the declared name for a misspelling', () => {
    const text = '{"company_nme": "Acme", "industry": "Tech"}';

    const [problem] = only(lintInputs(text, SEED), 'misspelled-key');

    assert.match(problem?.message ?? '', /Did you mean "company_name"\?/);
    assert.equal(problem?.line, 1);
    assert.equal(problem?.column, 2);
    assert.equal(applyFix(text, problem), '{"company_name": "Acme", "industry": "Tech"}');
  });

  test('suggests the declared name for a spaced name', () => {
    const [problem] = only(
      lintInputs('{"Company Name": "Acme", "industry": "Tech"}', SEED),
      'misspelled-key',
    );

    assert.equal(problem?.fix?.text, '"company_name"');
  });

  test('does not report the misspelled input as missing too', () => {
    const problems = lintInputs('{"company_nme": "Acme"}', SEED);

    assert.deepEqual(
      only(problems, 'missing-required').map((problem) => problem.message.includes('industry')),
      [true],
    );
  });

  test('reports a case twin of a given name without a fix', () => {
    const text = '{"company_name": "A", "COMPANY_NAME": "B", "industry": "Tech"}';

    const [problem] = only(lintInputs(text, SEED), 'misspelled-key');

    assert.match(problem?.message ?? '', /already given/);
    assert.equal(problem?.fix, undefined);
  });

  test('warns about an undeclared name', () => {
    const problems = lintInputs('{"company_name": "A", "industry": "B", "notes": "x"}', SEED);

    const [problem] = only(problems, 'undeclared-key');
    assert.equal(problem?.severity, 'warning');
    assert.match(problem?.message ?? '', /"notes" is not an input/);
    assert.equal(hasLintErrors(problems), false);
  });

  test('marks an empty required value', () => {
    const text = '{"company_name": "  ", "industry": "Tech"}';

    const [problem] = lintInputs(text, SEED);

    assert.equal(problem?.rule, 'empty-required');
    assert.equal(problem?.severity, 'error');
    assert.equal(text.slice(problem.offset, problem.offset + problem.length), '"  "');
  });

  test('reports an untouched null for a required number', () => {
    const text = '{"team_size": null}';

    const [problem] = lintInputs(text, TYPED);

    assert.equal(problem?.rule, 'empty-required');
    assert.equal(problem?.severity, 'error');
    assert.equal(problem?.inputName, 'team_size');
    assert.match(problem?.message ?? '', /Replace null with a number, without quotes\./);
    assert.doesNotMatch(problem?.message ?? '', /between the quotes/);
    assert.equal(text.slice(problem.offset, problem.offset + problem.length), 'null');
  });

  test('reports an untouched null for a required yes/no', () => {
    const inputs = [input('include_tax', 'boolean', true, 0)];

    const [problem] = lintInputs('{"include_tax": null}', inputs);

    assert.equal(problem?.rule, 'empty-required');
    assert.equal(problem?.severity, 'error');
    assert.match(problem?.message ?? '', /Replace null with true or false, without quotes\./);
  });

  test('tells a required number given empty text to drop the quotes', () => {
    const [problem] = lintInputs('{"team_size": ""}', TYPED);

    assert.match(problem?.message ?? '', /Replace "" with a number, without quotes\./);
  });

  test('tells a required text input to type between the quotes', () => {
    const [problem] = lintInputs('{"company_name": "", "industry": "Tech"}', SEED);

    assert.match(problem?.message ?? '', /Type a value between the quotes\./);
  });

  test('warns about an untouched null for an optional yes/no', () => {
    const problems = lintInputs('{"team_size": 3, "include_tax": null}', TYPED);

    const [problem] = problems;
    assert.equal(problems.length, 1);
    assert.equal(problem?.rule, 'wrong-type');
    assert.equal(problem?.severity, 'warning');
    assert.match(problem?.message ?? '', /Replace null with true or false, or remove the line\./);
  });

  test('adds a missing number input as null', () => {
    const text = '{}';

    const [problem] = only(lintInputs(text, TYPED), 'missing-required');
    const fixed = applyFix(text, problem);

    assert.match(problem?.message ?? '', /Add "team_size": null, then replace null with a number/);
    assert.equal(fixed, '{\n  "team_size": null\n}');
    assert.deepEqual(
      only(lintInputs(fixed, TYPED), 'empty-required').map((next) => next.inputName),
      ['team_size'],
    );
  });

  test('accepts empty text for an optional yes/no', () => {
    assert.deepEqual(lintInputs('{"team_size": 3, "include_tax": ""}', TYPED), []);
  });

  test('reports empty text for a required number as empty', () => {
    const [problem] = lintInputs('{"team_size": ""}', TYPED);

    assert.equal(problem?.rule, 'empty-required');
  });

  test('accepts an empty optional value', () => {
    assert.deepEqual(lintInputs('{"team_size": 3, "region": ""}', TYPED), []);
  });

  test('accepts values of every declared type', () => {
    const text = '{"team_size": 12, "include_tax": true, "document": "file-1", "region": "EU"}';

    assert.deepEqual(lintInputs(text, TYPED), []);
  });

  test('offers to unquote a number written as text', () => {
    const text = '{"team_size": "12"}';

    const [problem] = lintInputs(text, TYPED);

    assert.equal(problem?.rule, 'wrong-type');
    assert.equal(problem?.severity, 'warning');
    assert.equal(applyFix(text, problem), '{"team_size": 12}');
  });

  test('rejects words for a number', () => {
    const [problem] = lintInputs('{"team_size": "twelve"}', TYPED);

    assert.equal(problem?.severity, 'error');
    assert.match(problem?.message ?? '', /takes a number/);
  });

  test('offers to unquote a yes/no written as text', () => {
    const text = '{"team_size": 1, "include_tax": "TRUE"}';

    const [problem] = lintInputs(text, TYPED);

    assert.equal(applyFix(text, problem), '{"team_size": 1, "include_tax": true}');
  });

  test('rejects a number for a file input', () => {
    const [problem] = lintInputs('{"team_size": 1, "document": 42}', TYPED);

    assert.equal(problem?.severity, 'error');
    assert.match(problem?.message ?? '', /file id/);
  });

  test('warns about a number for a text input with a fix', () => {
    const text = '{"company_name": 42, "industry": "x"}';

    const [problem] = lintInputs(text, SEED);

    assert.equal(problem?.severity, 'warning');
    assert.equal(applyFix(text, problem), '{"company_name": "42", "industry": "x"}');
  });

  test('accepts text for an unknown type', () => {
    assert.deepEqual(lintInputs('{"team_size": 1, "region": "north"}', TYPED), []);
  });

  test('rejects an object value', () => {
    const [problem] = lintInputs('{"company_name": {"a": 1}, "industry": "x"}', SEED);

    assert.equal(problem?.rule, 'wrong-type');
    assert.equal(problem?.severity, 'error');
  });

  test('marks a duplicate name', () => {
    const text = '{"company_name": "A", "industry": "B", "industry": "C"}';

    const [problem] = lintInputs(text, SEED);

    assert.equal(problem?.rule, 'duplicate-key');
    assert.equal(problem?.offset, text.lastIndexOf('"industry"'));
  });

  test('marks a top-level list', () => {
    const [problem] = lintInputs('[1, 2]', SEED);

    assert.equal(problem?.rule, 'not-object');
    assert.equal(problem?.severity, 'error');
  });

  test('warns about empty text and lists missing inputs', () => {
    const problems = lintInputs('  ', SEED);

    assert.equal(only(problems, 'empty-text').length, 1);
    assert.equal(only(problems, 'missing-required').length, 2);
  });

  test('checks only syntax when the workflow is unknown', () => {
    assert.deepEqual(lintInputs('{"anything": 1}', null), []);
  });

  test('keeps a 20-digit number untouched', () => {
    assert.deepEqual(lintInputs('{"team_size": 12345678901234567890}', TYPED), []);
  });
});

describe('lintInputs syntax', () => {
  const cases: Array<[string, string, RegExp, string | undefined]> = [
    [
      'trailing comma',
      '{"company_name": "A", "industry": "B",}',
      /comma after the last/,
      '{"company_name": "A", "industry": "B"}',
    ],
    [
      'single quotes',
      '{\'company_name\': "A", "industry": "B"}',
      /single quotes/,
      '{"company_name": "A", "industry": "B"}',
    ],
    ['curly quotes', '{\u201Ccompany_name": "A"}', /curly quote/, '{"company_name": "A"}'],
    ['line comment', '{"a": 1 // note\n}', /Comments/, '{"a": 1 \n}'],
    ['block comment', '/* x */{}', /Comments/, '{}'],
    ['byte-order mark', '\uFEFF{}', /byte-order mark/, '{}'],
    ['non-breaking space', '{\u00A0"a": 1}', /non-breaking space/, '{ "a": 1}'],
    ['Python True', '{"a": True}', /lower case/, '{"a": true}'],
    ['unquoted name', '{a: 1}', /needs double quotes/, '{"a": 1}'],
    ['missing comma', '{"a": 1 "b": 2}', /comma is missing/, undefined],
  ];

  for (const [name, text, expected, fixed] of cases) {
    test(`explains ${name}`, () => {
      const [problem] = only(lintInputs(text, null), 'syntax');

      assert.equal(problem?.severity, 'error');
      assert.match(problem?.message ?? '', expected);
      if (fixed === undefined) assert.equal(problem?.fix, undefined);
      else assert.equal(applyFix(text, problem), fixed);
    });
  }

  test('still marks a misspelled name beside a syntax error', () => {
    const problems = lintInputs('{"company_nme": "A", "industry": "B",}', SEED);

    assert.equal(only(problems, 'syntax').length, 1);
    assert.equal(only(problems, 'misspelled-key').length, 1);
  });

  test('does not call inputs missing beside a syntax error', () => {
    const problems = lintInputs("{'company_name': 'A'}", SEED);

    assert.equal(only(problems, 'missing-required').length, 0);
  });

  test('counts lines after CRLF', () => {
    const text = '{\r\n  "company_nme": "A",\r\n  "industry": "B"\r\n}';

    const [problem] = only(lintInputs(text, SEED), 'misspelled-key');

    assert.equal(problem?.line, 2);
    assert.equal(problem?.column, 3);
  });

  test('survives very deep nesting', () => {
    const problems = lintInputs(`{"a": ${'['.repeat(50_000)}`, SEED);

    assert.equal(hasLintErrors(problems), true);
  });
});

describe('lintInputs fuzzing', () => {
  const pieces = [
    '{',
    '}',
    '[',
    ']',
    '"',
    "'",
    ',',
    ':',
    '\\',
    '//',
    '/*',
    '*/',
    '\uFEFF',
    '\u00A0',
    '\u201C',
    'true',
    'None',
    '1e999',
    '"company_nme"',
    '"industry"',
    '\r\n',
  ];
  const jsonLike = fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 4 })), { maxLength: 30 })
    .map((parts) => parts.join(''));

  test('never throws and places every problem inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(jsonLike, fc.string({ unit: 'binary', maxLength: 100 })), (text) => {
        for (const problem of lintInputs(text, SEED)) {
          assert.ok(problem.offset >= 0 && problem.offset + problem.length <= text.length);
          if (problem.fix) assert.ok(problem.fix.offset + problem.fix.length <= text.length);
        }
      }),
      { numRuns: fuzzRuns(10_000) },
    );
  });
});
