import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { lintInputs } from '../../core/inputs-lint.ts';
import type { UserInput } from '../../core/schemas.ts';
import { buildInputsTemplate } from '../../renderer/inputs-template.ts';

function input(variableName: string, variableType: string, required: boolean, position: number) {
  return {
    variableName,
    displayName: variableName,
    description: '',
    variableType,
    required,
    position,
  } satisfies UserInput;
}

const TYPED: UserInput[] = [
  input('team_size', 'number', true, 0),
  input('include_travel', 'boolean', false, 1),
  input('notes', 'long_answer', false, 2),
  input('document', 'file_upload', false, 3),
  input('region', 'custom_picker', false, 4),
];

describe('buildInputsTemplate', () => {
  test('writes each kind its empty value', () => {
    const template = JSON.parse(buildInputsTemplate(TYPED)) as Record<string, unknown>;

    assert.equal(template['team_size'], null);
    assert.equal(template['include_travel'], null);
    assert.equal(template['notes'], '');
    assert.equal(template['document'], '');
    assert.equal(template['region'], '');
  });

  test('writes no made-up number or yes/no', () => {
    const template = buildInputsTemplate(TYPED);

    assert.doesNotMatch(template, /: 0\b/);
    assert.doesNotMatch(template, /: false\b/);
  });

  test('untouched template is flagged', () => {
    const problems = lintInputs(buildInputsTemplate(TYPED), TYPED);
    const byName = new Map(problems.map((problem) => [problem.inputName, problem]));

    assert.equal(byName.get('team_size')?.rule, 'empty-required');
    assert.equal(byName.get('team_size')?.severity, 'error');
    assert.equal(byName.get('include_travel')?.rule, 'wrong-type');
    assert.equal(byName.get('include_travel')?.severity, 'warning');
  });

  test('typed number over null passes the lint', () => {
    const template = buildInputsTemplate(TYPED.slice(0, 1));

    const filled = template.replace('null', '12');

    assert.deepEqual(lintInputs(filled, TYPED.slice(0, 1)), []);
  });

  test('keeps the first of two inputs with one name', () => {
    const inputs = [input('size', 'short_answer', false, 1), input('size', 'number', false, 0)];

    assert.equal(buildInputsTemplate(inputs), '{\n  "size": null\n}');
  });
});
