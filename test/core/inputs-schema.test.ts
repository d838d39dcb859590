import assert from 'node:assert/strict';
import { test } from 'node:test';

import { buildInputsJsonSchema } from '../../core/inputs-schema.ts';

const inputs = [
  {
    variableName: 'size',
    displayName: 'Size',
    description: 'Team size.',
    variableType: 'number',
    required: true,
    position: 1,
  },
  {
    variableName: 'name',
    displayName: 'Name',
    description: '',
    variableType: 'short_answer',
    required: false,
    position: 0,
  },
  {
    variableName: 'tax',
    displayName: 'Tax',
    description: '',
    variableType: 'boolean',
    required: true,
    position: 2,
  },
  {
    variableName: 'odd',
    displayName: 'Odd',
    description: '',
    variableType: 'mystery',
    required: false,
    position: 3,
  },
];

test('schema lists properties in position order', () => {
  assert.deepEqual(Object.keys(buildInputsJsonSchema(inputs).properties), [
    'name',
    'size',
    'tax',
    'odd',
  ]);
});

test('schema maps input types to JSON types', () => {
  const { properties } = buildInputsJsonSchema(inputs);

  assert.equal(properties.size?.type, 'number');
  assert.equal(properties.tax?.type, 'boolean');
  assert.equal(properties.odd?.type, 'string');
});

test('schema requires the required inputs', () => {
  assert.deepEqual(buildInputsJsonSchema(inputs).required, ['size', 'tax']);
});

test('schema describes an input with its help text', () => {
  assert.match(
    buildInputsJsonSchema(inputs).properties.size?.description ?? '',
    /Required.*Team size\./,
  );
});

test('schema allows undeclared names', () => {
  assert.equal(buildInputsJsonSchema([]).additionalProperties, true);
});

test('buildInputsJsonSchema offers null for number and yes/no inputs', () => {
  const schema = buildInputsJsonSchema(inputs);

  assert.equal(schema.properties.size?.default, null);
  assert.equal(schema.properties.tax?.default, null);
  assert.equal(schema.properties.name?.default, '');
});
