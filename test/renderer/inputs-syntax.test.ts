import assert from 'node:assert/strict';
import { test } from 'node:test';

import { findInputsSyntaxProblem } from '../../core/inputs-syntax.ts';
import { buildInputsTemplate, isUntouchedInputsText } from '../../renderer/inputs-template.ts';

const cases: Array<[string, string, RegExp, number?, number?]> = [
  ['trailing comma in object', '{\n  "a": "x",\n}', /comma after the last item/, 2, 11],
  ['trailing comma in array', '{"a": [1, 2,]}', /comma after the last item/, 1, 12],
  ['single quotes value', '{"a": \'x\'}', /single quotes/, 1, 7],
  ['single quotes name', '{\'a\': "x"}', /single quotes/, 1, 2],
  ['curly quotes', '{\u201Ca\u201D: "x"}', /curly quote/, 1, 2],
  ['unquoted name', '{topic: "x"}', /name topic needs double quotes/, 1, 2],
  ['unquoted value', '{"a": hello}', /text hello needs double quotes/, 1, 7],
  ['Python True', '{"a": True}', /lower case/, 1, 7],
  ['None', '{"a": None}', /no None/, 1, 7],
  ['missing comma', '{\n  "a": "x"\n  "b": "y"\n}', /comma is missing/, 3, 3],
  ['doubled quote', '{"a": "x""}', /one " too many/, 1, 10],
  ['missing colon', '{"a" "x"}', /colon/, 1, 6],
  ['missing value', '{"a": }', /value is missing after "a"/, 1, 7],
  ['unclosed object', '{\n  "a": "x"\n', /\{ on line 1 is never closed/, 1, 1],
  ['unclosed text', '{"a": "x}', /never closed/, 1, 7],
  ['line break in text', '{"a": "x\n"}', /end of its line/, 1, 7],
  ['windows path', '{"a": "C:\\Users"}', /backslash/, 1, 10],
  ['bad unicode escape', '{"a": "\\u12"}', /four hexadecimal/, 1, 8],
  ['leading zero', '{"zip": 02134}', /cannot start with 0/, 1, 9],
  ['plus sign', '{"a": +1}', /cannot start with \+/, 1, 7],
  ['leading point', '{"a": .5}', /decimal point/, 1, 7],
  ['trailing point', '{"a": 1.}', /end with a decimal point/, 1, 7],
  ['line comment', '{"a": 1 // note\n}', /Comments/, 1, 9],
  ['block comment', '/* x */ {}', /Comments/, 1, 1],
  ['no-break space', '{\u00A0"a": 1}', /U\+00A0/, 1, 2],
  ['mismatched bracket', '{"a": [1}', /does not match the \[/, 1, 9],
  ['extra text', '{} {}', /more text after the end/, 1, 4],
  ['tab in text', '{"a": "x\ty"}', /tab/, 1, 9],
  ['NaN', '{"a": NaN}', /no NaN/, 1, 7],
  ['array at top', '[1, 2]', /one object in curly braces/, 1, 1],
  ['text at top', '  "x"', /one object in curly braces/, 1, 3],
  ['CRLF lines', '{\r\n  "a": 1,\r\n}', /comma after the last item/, 2, 9],
];

for (const [name, text, expected, line, column] of cases) {
  test(`reports ${name}`, () => {
    const problem = findInputsSyntaxProblem(text);

    assert.ok(problem, 'expected a problem');
    assert.match(problem.message, expected);
    assert.equal(problem.location?.line, line);
    assert.equal(problem.location?.column, column);
  });
}

test('accepts a valid object', () => {
  assert.equal(
    findInputsSyntaxProblem('{"a": "x", "n": -1.5e3, "b": [true, null, {"c": "\\u00e9\\n"}]}'),
    null,
  );
});

test('reports empty text without location', () => {
  const problem = findInputsSyntaxProblem('  \n ');
  assert.match(problem?.message ?? '', /empty/);
  assert.equal(problem?.location, undefined);
});

test('survives very deep nesting', () => {
  const problem = findInputsSyntaxProblem('{"a":' + '['.repeat(100000));
  assert.ok(problem);
});

test('template keeps position order and integer-like names', () => {
  const input = (variableName: string, position: number) => ({
    variableName,
    displayName: variableName,
    description: '',
    variableType: 'short_answer',
    required: true,
    position,
  });
  assert.equal(
    buildInputsTemplate([input('b', 2), input('2', 1), input('__proto__', 0)]),
    '{\n  "__proto__": "",\n  "2": "",\n  "b": ""\n}',
  );
  assert.equal(buildInputsTemplate([]), '{}');
  assert.equal(isUntouchedInputsText(' {}\n', '{}'), true);
  assert.equal(isUntouchedInputsText('{"a": 1}', '{}'), false);
});

import { formatBody, formatJobOutputs } from '../../renderer/format-json.ts';

test('formatBody keeps tokens and reindents', () => {
  assert.deepEqual(
    formatBody('{"id":12345678901234567890,"a":[],"b":{},"s":"x, y: {z}","n":1.0}'),
    {
      isJson: true,
      text: '{\n  "id": 12345678901234567890,\n  "a": [],\n  "b": {},\n  "s": "x, y: {z}",\n  "n": 1.0\n}',
    },
  );
  assert.deepEqual(formatBody('<html>oops</html>'), { isJson: false, text: '<html>oops</html>' });
  assert.deepEqual(formatBody('"esc \\" , [x]"'), { isJson: true, text: '"esc \\" , [x]"' });
  assert.deepEqual(formatBody('[ 1 , [ ] ]'), { isJson: true, text: '[\n  1,\n  []\n]' });
});

test('formatJobOutputs unwraps output text', () => {
  assert.deepEqual(formatJobOutputs({ output: 'hi' }), { isJson: false, text: 'hi' });
  assert.deepEqual(formatJobOutputs('plain'), { isJson: false, text: 'plain' });
  assert.deepEqual(formatJobOutputs({ output: 'hi', extra: 1 }), {
    isJson: true,
    text: '{\n  "output": "hi",\n  "extra": 1\n}',
  });
  assert.equal(formatJobOutputs(undefined), null);
});
