import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { checkInputsText } from '../../core/batch/check-rows.ts';
import { parseCsv } from '../../core/batch/parse-csv.ts';
import { loadRows, MAX_ROWS_FILE_BYTES } from '../../core/csv-rows.ts';
import type { UserInput } from '../../core/schemas.ts';

function declared(name: string, required: boolean, variableType = 'short_answer'): UserInput {
  return {
    variableName: name,
    displayName: name,
    description: '',
    variableType,
    required,
    position: 0,
  };
}

const COMPANY_INPUTS = [
  { ...declared('company_name', true), displayName: 'Company name' },
  { ...declared('industry', true), position: 1 },
];
const COST_INPUTS = [
  declared('team_size', true, 'number'),
  declared('include_travel', false, 'boolean'),
];

const utf8 = (text: string) => new TextEncoder().encode(text);

function load(bytes: Uint8Array, inputs: UserInput[] = COMPANY_INPUTS, fileName = 'rows.csv') {
  const result = loadRows({ bytes, fileName, inputs });
  if (!result.ok) assert.fail(`loadRows failed: ${JSON.stringify(result.failure)}`);
  return result.value;
}

function loadFailure(bytes: Uint8Array, fileName = 'rows.csv'): string {
  const result = loadRows({ bytes, fileName, inputs: COMPANY_INPUTS });
  if (result.ok) assert.fail('loadRows succeeded');
  assert.equal(result.failure.kind, 'invalid-input');
  return result.failure.kind === 'invalid-input' ? result.failure.message : '';
}

function encodeUtf16(text: string, byteOrder: 'le' | 'be'): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(byteOrder === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const [high, low] = [code >> 8, code & 0xff];
    bytes.set(byteOrder === 'le' ? [low, high] : [high, low], 2 + index * 2);
  }
  return bytes;
}

describe('loadRows from CSV', () => {
  test('maps exact column names to inputs', () => {
    const loaded = load(utf8('company_name,industry\nAcme,Technology\n'));

    assert.deepEqual(loaded.mapping.assignments, {
      company_name: 'company_name',
      industry: 'industry',
    });
    assert.equal(loaded.rows[0]?.inputsText, '{"company_name":"Acme","industry":"Technology"}');
    assert.deepEqual(loaded.rows[0]?.problems, []);
  });

  test('drops a UTF-8 byte-order mark', () => {
    const loaded = load(utf8('\uFEFFcompany_name,industry\nAcme,Tech\n'));

    assert.deepEqual(loaded.table.columns, ['company_name', 'industry']);
    assert.equal(loaded.table.encoding, 'utf-8');
  });

  test('decodes UTF-16 LE from its byte-order mark', () => {
    const loaded = load(encodeUtf16('company_name;industry\r\nZürich AG;Bänke\r\n', 'le'));

    assert.equal(loaded.table.encoding, 'utf-16le');
    assert.equal(loaded.rows[0]?.inputsText, '{"company_name":"Zürich AG","industry":"Bänke"}');
  });

  test('decodes UTF-16 BE from its byte-order mark', () => {
    const loaded = load(encodeUtf16('company_name\tindustry\nÉcole\tEducation\n', 'be'));

    assert.equal(loaded.table.encoding, 'utf-16be');
    assert.equal(loaded.table.delimiter, '\t');
    assert.equal(loaded.rows[0]?.inputsText, '{"company_name":"École","industry":"Education"}');
  });

  test('rejects bytes that are not UTF-8', () => {
    const message = loadFailure(new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0xc3, 0x28, 0x0a]));

    assert.match(message, /not valid UTF-8/);
  });

  test('names Latin-1 for bytes that are not UTF-8', () => {
    const latin1 = new Uint8Array([
      ...utf8('company_name,industry\nM'),
      0xfc,
      ...utf8('ller,Tech\n'),
    ]);

    const message = loadFailure(latin1);

    assert.match(message, /may be Latin-1 or Windows-1252/);
    assert.match(message, /Save it as "CSV UTF-8"/);
  });

  test('reads quoted fields with delimiters and doubled quotes', () => {
    const loaded = load(utf8('company_name,industry\n"Acme, Inc.","The ""best"" tools"\n'));

    assert.equal(
      loaded.rows[0]?.inputsText,
      JSON.stringify({ company_name: 'Acme, Inc.', industry: 'The "best" tools' }),
    );
  });

  test('keeps line breaks inside quoted fields', () => {
    const loaded = load(utf8('company_name,industry\r\n"Acme\r\nEurope",Tech\r\nBeta,Retail\r\n'));

    assert.equal(loaded.rows.length, 2);
    assert.equal(JSON.parse(loaded.rows[0]!.inputsText).company_name, 'Acme\r\nEurope');
    assert.equal(loaded.rows[1]?.line, 4);
  });

  test('reads CRLF line ends without carriage returns in values', () => {
    const loaded = load(utf8('company_name,industry\r\nAcme,Tech\r\nBeta,Retail'));

    assert.equal(loaded.rows.length, 2);
    assert.equal(JSON.parse(loaded.rows[1]!.inputsText).industry, 'Retail');
  });

  test('detects a semicolon delimiter despite commas in values', () => {
    const loaded = load(utf8('company_name;industry\nAcme, Inc.;Tech\nBeta;Retail, food\n'));

    assert.equal(loaded.table.delimiter, ';');
    assert.equal(JSON.parse(loaded.rows[0]!.inputsText).company_name, 'Acme, Inc.');
  });

  test('detects a pipe delimiter', () => {
    const loaded = load(utf8('company_name|industry\nAcme|Tech\n'));

    assert.equal(loaded.table.delimiter, '|');
  });

  test('takes the delimiter from an Excel sep line', () => {
    const loaded = load(utf8('sep=;\ncompany_name;industry\nAcme;Tech\n'));

    assert.equal(loaded.table.delimiter, ';');
    assert.equal(loaded.rows[0]?.line, 3);
  });

  test('names an empty required cell', () => {
    const loaded = load(utf8('company_name,industry\nAcme,\n'));

    assert.deepEqual(loaded.rows[0]?.problems, ['Required input "industry" is empty.']);
  });

  test('leaves out empty optional cells', () => {
    const loaded = load(utf8('team_size,include_travel\n4,\n'), COST_INPUTS);

    assert.equal(loaded.rows[0]?.inputsText, '{"team_size":4}');
  });

  test('reads a short row as empty cells', () => {
    const loaded = load(utf8('team_size,include_travel\n4\n'), COST_INPUTS);

    assert.deepEqual(loaded.rows[0]?.problems, []);
  });

  test('skips blank lines', () => {
    const loaded = load(utf8('company_name,industry\n\nAcme,Tech\n\n\n'));

    assert.equal(loaded.rows.length, 1);
  });

  test('reports extra columns and does not send them', () => {
    const loaded = load(utf8('company_name,industry,notes\nAcme,Tech,call Friday\n'));

    assert.deepEqual(loaded.mapping.extraColumns, ['notes']);
    assert.equal(loaded.rows[0]?.inputsText, '{"company_name":"Acme","industry":"Tech"}');
  });

  test('flags a row with more cells than the header', () => {
    const loaded = load(utf8('company_name,industry\nAcme,Tech,surplus\n'));

    assert.match(loaded.rows[0]?.problems[0] ?? '', /3 cells but the header has 2 columns/);
  });

  test('suggests an input for a column that differs by case', () => {
    const loaded = load(utf8('Company_Name,industry\nAcme,Tech\n'));

    assert.deepEqual(loaded.mapping.suggestions, [
      { column: 'Company_Name', input: 'company_name', reason: 'case' },
    ]);
    assert.equal(loaded.mapping.assignments.Company_Name, null);
    assert.deepEqual(loaded.mapping.missingRequired, ['company_name']);
  });

  test('suggests an input for a column that differs by spelling', () => {
    const loaded = load(utf8('Company name,industy\nAcme,Tech\n'));

    assert.deepEqual(loaded.mapping.suggestions, [
      { column: 'Company name', input: 'company_name', reason: 'spelling' },
      { column: 'industy', input: 'industry', reason: 'spelling' },
    ]);
  });

  test('applies an accepted suggestion', () => {
    const result = loadRows({
      bytes: utf8('Company_Name,industry\nAcme,Tech\n'),
      fileName: 'rows.csv',
      inputs: COMPANY_INPUTS,
      assignments: { Company_Name: 'company_name' },
    });

    assert.ok(result.ok);
    assert.deepEqual(result.value.mapping.missingRequired, []);
    assert.deepEqual(result.value.mapping.suggestions, []);
    assert.equal(result.value.rows[0]?.inputsText, '{"company_name":"Acme","industry":"Tech"}');
  });

  test('ignores an assignment to an undeclared input', () => {
    const result = loadRows({
      bytes: utf8('company_name,industry,notes\nAcme,Tech,x\n'),
      inputs: COMPANY_INPUTS,
      assignments: { notes: '__proto__' },
    });

    assert.ok(result.ok);
    assert.equal(result.value.mapping.assignments.notes, null);
  });

  test('converts numbers and yes/no cells', () => {
    const loaded = load(utf8('team_size,include_travel\n+012,Yes\n.5,no\n'), COST_INPUTS);

    assert.equal(loaded.rows[0]?.inputsText, '{"team_size":12,"include_travel":true}');
    assert.equal(loaded.rows[1]?.inputsText, '{"team_size":0.5,"include_travel":false}');
  });

  test('keeps a 20-digit number exact', () => {
    const loaded = load(utf8('team_size\n12345678901234567890\n'), COST_INPUTS);

    assert.equal(loaded.rows[0]?.inputsText, '{"team_size":12345678901234567890}');
  });

  test('reports numbers and yes/no values it would have to guess', () => {
    const loaded = load(utf8('team_size,include_travel\n"1,5",maybe\n'), COST_INPUTS);

    assert.equal(loaded.rows[0]?.problems.length, 3);
    assert.match(loaded.rows[0]?.problems[0] ?? '', /"team_size".*must be a number/);
    assert.match(loaded.rows[0]?.problems[1] ?? '', /"include_travel".*true or false/);
    assert.match(loaded.rows[0]?.problems[2] ?? '', /Required input "team_size"/);
  });

  test('rejects an unclosed quote with its line', () => {
    const message = loadFailure(utf8('company_name,industry\nAcme,Tech\n"Beta,Retail\n'));

    assert.match(message, /Line 3: a quoted field is never closed/);
  });

  test('rejects text after a closing quote', () => {
    const message = loadFailure(utf8('company_name,industry\n"Acme"x,Tech\n'));

    assert.match(message, /Line 2: text follows the closing quote/);
  });

  test('rejects a header that names a column twice', () => {
    const message = loadFailure(utf8('company_name,company_name\nA,B\n'));

    assert.match(message, /"company_name" twice/);
  });

  test('rejects an empty file', () => {
    assert.match(loadFailure(utf8('  \n')), /empty/);
  });

  test('rejects a header without rows', () => {
    assert.match(loadFailure(utf8('company_name,industry\n')), /no rows/);
  });

  test('rejects a file over the size limit', () => {
    assert.match(loadFailure(new Uint8Array(MAX_ROWS_FILE_BYTES + 1)), /limit is 20\.0 MB/);
  });

  test('keeps a quote inside an unquoted field', () => {
    const parsed = parseCsv('a,b\n5" pipe,x\n');

    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value.records[1]?.cells, ['5" pipe', 'x']);
  });

  test('keeps an empty last field', () => {
    const parsed = parseCsv('a,b\nx,\n');

    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value.records[1]?.cells, ['x', '']);
  });
});

describe('loadRows from JSON', () => {
  test('reads an array of input objects', () => {
    const loaded = load(
      utf8('[{"team_size": 3, "include_travel": true}, {"team_size": "4"}]'),
      COST_INPUTS,
      'rows.json',
    );

    assert.equal(loaded.table.format, 'json');
    assert.equal(loaded.rows[0]?.inputsText, '{"team_size":3,"include_travel":true}');
    assert.equal(loaded.rows[1]?.inputsText, '{"team_size":4}');
  });

  test('flags an item that is not an object', () => {
    const loaded = load(utf8('[{"company_name":"A","industry":"B"}, 7]'), COMPANY_INPUTS, 'x.json');

    assert.deepEqual(loaded.rows[1]?.problems, ['Item 2 is a number, not an object of inputs.']);
  });

  test('flags a nested value', () => {
    const loaded = load(
      utf8('[{"company_name":{"a":1},"industry":"B"}]'),
      COMPANY_INPUTS,
      'x.json',
    );

    assert.match(loaded.rows[0]?.problems[0] ?? '', /"company_name".*is an object/);
  });

  test('rejects a single JSON object', () => {
    const message = loadFailure(utf8('{"company_name": "A"}'), 'rows.json');

    assert.match(message, /a single object, not an array/);
    assert.match(message, /Put it between \[ and \]/);
  });

  test('rejects a single object spread over lines', () => {
    const message = loadFailure(utf8('{\n  "company_name": "A",\n  "industry": "B"\n}\n'), '');

    assert.match(message, /a single object, not an array/);
  });

  test('rejects a JSON string', () => {
    const message = loadFailure(utf8('"Acme"'), 'rows.json');

    assert.match(message, /contains a string, not an array of input objects/);
  });

  test('rejects an empty JSON array', () => {
    const message = loadFailure(utf8('[]'), 'rows.json');

    assert.match(message, /The JSON array is empty/);
    assert.doesNotMatch(message, /header/);
  });

  test('gives items of a one-line array line 1', () => {
    const loaded = load(
      utf8('[{"company_name":"A"}, {"company_name":"B"}]'),
      COMPANY_INPUTS,
      'x.json',
    );

    assert.equal(loaded.rows[0]?.line, 1);
    assert.equal(loaded.rows[1]?.line, 1);
  });

  test('gives each array item the line it starts on', () => {
    const text = [
      '[',
      '  {"company_name": "A", "industry": "B"},',
      '',
      '  {"company_name": "x\\"],\\n{", "industry":',
      '    "C"},',
      '  7',
      ']',
    ].join('\r\n');

    const loaded = load(utf8(text), COMPANY_INPUTS, 'x.json');

    assert.deepEqual(
      loaded.rows.map((row) => row.line),
      [2, 4, 6],
    );
  });

  test('reads JSON Lines and flags an invalid line', () => {
    const loaded = load(
      utf8('{"company_name":"A","industry":"B"}\r\n\n{"company_name": oops}\n'),
      COMPANY_INPUTS,
      'rows.jsonl',
    );

    assert.equal(loaded.table.format, 'jsonl');
    assert.equal(loaded.rows.length, 2);
    assert.deepEqual(loaded.rows[0]?.problems, []);
    assert.equal(loaded.rows[1]?.line, 3);
    assert.match(loaded.rows[1]?.problems[0] ?? '', /Line 3 is not valid JSON/);
  });

  test('detects JSON Lines without an extension', () => {
    const loaded = load(utf8('{"company_name":"A","industry":"B"}\n'), COMPANY_INPUTS, '');

    assert.equal(loaded.table.format, 'jsonl');
  });
});

describe('checkInputsText', () => {
  test('accepts fixed inputs', () => {
    assert.deepEqual(checkInputsText('{"team_size": 3}', COST_INPUTS), []);
  });

  test('names a number written as text', () => {
    assert.deepEqual(checkInputsText('{"team_size": "3"}', COST_INPUTS), [
      '"team_size" must be 3, not "3".',
    ]);
  });

  test('names invalid JSON', () => {
    assert.match(checkInputsText('{"team_size": 3,}', COST_INPUTS)[0] ?? '', /not valid JSON/);
  });
});
