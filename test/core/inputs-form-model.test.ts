import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import { encodeFieldValue, readFormModel, writeInputValue } from '../../core/inputs-form-model.ts';
import type { UserInput } from '../../core/schemas.ts';

const INPUTS: UserInput[] = [
  {
    variableName: 'size',
    displayName: 'Size',
    description: '',
    variableType: 'number',
    required: true,
    position: 1,
  },
  {
    variableName: 'name',
    displayName: 'Name',
    description: '',
    variableType: 'short_answer',
    required: true,
    position: 0,
  },
  {
    variableName: 'tax',
    displayName: 'Tax',
    description: '',
    variableType: 'boolean',
    required: false,
    position: 2,
  },
  {
    variableName: 'doc',
    displayName: 'Doc',
    description: '',
    variableType: 'file_upload',
    required: false,
    position: 3,
  },
];

function fieldsOf(text: string) {
  const model = readFormModel(text, INPUTS);
  assert.ok(model.ok);
  return Object.fromEntries(model.fields.map((field) => [field.input.variableName, field]));
}

describe('inputs form model', () => {
  test('reads fields in position order', () => {
    const model = readFormModel('{}', INPUTS);

    assert.deepEqual(model.ok && model.fields.map((field) => field.input.variableName), [
      'name',
      'size',
      'tax',
      'doc',
    ]);
  });

  test('lists names the form does not show', () => {
    const model = readFormModel('{"name": "A", "extra": [1], "Size": 2}', INPUTS);

    assert.deepEqual(model.ok && model.otherNames, ['extra', 'Size']);
  });

  test('refuses a text that is not an object', () => {
    assert.equal(readFormModel('[1]', INPUTS).ok, false);
  });

  test('adds a missing input after the others', () => {
    const text = writeInputValue('{\n  "name": "A"\n}', 'size', '3');

    assert.equal(text, '{\n  "name": "A",\n  "size": 3\n}');
  });

  test('fills empty text', () => {
    assert.deepEqual(JSON.parse(writeInputValue('', 'name', '"A"') ?? ''), { name: 'A' });
  });

  test('keeps a 20-digit number digit for digit', () => {
    const text = writeInputValue(
      '{"name": "A"}',
      'size',
      encodeFieldValue('number', '12345678901234567890'),
    );

    assert.match(text ?? '', /"size": 12345678901234567890/);
    assert.equal(fieldsOf(text ?? '').size?.display, '12345678901234567890');
  });

  test('writes words in a number field as text for the lint', () => {
    assert.equal(encodeFieldValue('number', 'twelve'), '"twelve"');
  });

  test('removes an input with an empty number', () => {
    const text = writeInputValue(
      '{"name": "A", "size": 3}',
      'size',
      encodeFieldValue('number', ''),
    );

    assert.deepEqual(JSON.parse(text ?? ''), { name: 'A' });
  });

  test('shows null as an empty field', () => {
    const fields = fieldsOf('{"name": "A", "size": null, "tax": null}');

    assert.equal(fields.size?.display, '');
    assert.equal(fields.size?.isNull, true);
    assert.equal(fields.size?.isPresent, true);
    assert.equal(fields.tax?.display, '');
    assert.equal(fields.tax?.isNull, true);
    assert.equal(fields.tax?.isChecked, false);
  });

  test('tells false apart from null', () => {
    const fields = fieldsOf('{"name": "A", "tax": false}');

    assert.equal(fields.tax?.display, 'false');
    assert.equal(fields.tax?.isNull, false);
    assert.equal(fields.tax?.isChecked, false);
  });

  test('replaces a template null with a typed number', () => {
    const text = writeInputValue('{\n  "size": null\n}', 'size', encodeFieldValue('number', '12'));

    assert.equal(text, '{\n  "size": 12\n}');
  });

  test('replaces only the value it edits', () => {
    const text = '{ "x" : 1e400 ,\n\t"name":"old", /* kept */ "z": null }';

    assert.equal(
      writeInputValue(text, 'name', '"new"'),
      '{ "x" : 1e400 ,\n\t"name":"new", /* kept */ "z": null }',
    );
  });

  test('refuses to edit a broken text', () => {
    assert.equal(writeInputValue('[1, 2]', 'name', '"A"'), undefined);
  });

  test('keeps CRLF line ends when adding', () => {
    assert.match(
      writeInputValue('{\r\n  "name": "A"\r\n}', 'size', '1') ?? '',
      /,\r\n {2}"size": 1\r\n/,
    );
  });

  test('form to JSON to form is lossless', () => {
    const unknownKey = fc
      .string({ maxLength: 8 })
      .filter((key) => !['name', 'size', 'tax', 'doc'].includes(key));
    const edit = fc.oneof(
      fc.record({ name: fc.constant('name'), value: fc.string() }),
      fc.record({
        name: fc.constant('doc'),
        value: fc.string({ minLength: 1 }).filter((v) => v.trim() !== ''),
      }),
      fc.record({
        name: fc.constant('size'),
        value: fc.oneof(
          fc.bigInt().map(String),
          fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
        ),
      }),
      fc.record({ name: fc.constant('tax'), value: fc.boolean() }),
    );

    fc.assert(
      fc.property(
        fc.dictionary(unknownKey, fc.jsonValue()),
        fc.array(edit, { maxLength: 8 }),
        (others, edits) => {
          let text = JSON.stringify(others, null, 2);
          // Read back through JSON, so values JSON cannot hold, such as -0, compare as JSON has them.
          const written = JSON.parse(text) as Record<string, unknown>;
          const expected = new Map<string, string | boolean>();
          for (const { name, value } of edits) {
            const kind = fieldsOf(text)[name]?.kind ?? 'text';
            text = writeInputValue(text, name, encodeFieldValue(kind, value)) ?? '';
            expected.set(name, value);
          }

          const fields = fieldsOf(text);
          for (const [name, value] of expected) {
            const field = fields[name];
            if (typeof value === 'boolean') assert.equal(field?.isChecked, value);
            else assert.equal(field?.display, name === 'size' ? value.trim() : value);
          }
          const parsed = JSON.parse(text) as Record<string, unknown>;
          for (const key of Object.keys(written)) assert.deepEqual(parsed[key], written[key]);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('JSON to form to JSON keeps the text', () => {
    fc.assert(
      fc.property(fc.string(), fc.bigInt(), fc.boolean(), (name, size, tax) => {
        const text = `{\n  "name": ${JSON.stringify(name)},\n  "size": ${size},\n  "tax": ${tax}\n}`;
        const fields = fieldsOf(text);

        let rewritten = text;
        for (const field of Object.values(fields)) {
          if (!field.isPresent) continue;
          const value = field.kind === 'boolean' ? field.isChecked : field.display;
          rewritten =
            writeInputValue(
              rewritten,
              field.input.variableName,
              encodeFieldValue(field.kind, value),
            ) ?? '';
        }
        assert.equal(rewritten, text);
      }),
      { numRuns: 500 },
    );
  });
});
