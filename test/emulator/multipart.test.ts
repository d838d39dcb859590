import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { MultipartError, parseBoundary, parseMultipart } from '../../emulator/multipart.ts';

function body(...lines: (string | Buffer)[]): Buffer {
  return Buffer.concat(lines.map((line) => (typeof line === 'string' ? Buffer.from(line) : line)));
}

describe('parseBoundary', () => {
  test('reads a bare boundary', () => {
    assert.equal(parseBoundary('multipart/form-data; boundary=abc123'), 'abc123');
  });

  test('reads a quoted boundary', () => {
    assert.equal(parseBoundary('Multipart/Form-Data; boundary="a b;c"'), 'a b;c');
  });

  test('rejects another media type', () => {
    assert.throws(() => parseBoundary('application/json'), MultipartError);
  });

  test('rejects a missing header', () => {
    assert.throws(() => parseBoundary(undefined), MultipartError);
  });

  test('rejects a boundary over 70 characters', () => {
    assert.throws(() => parseBoundary(`multipart/form-data; boundary=${'b'.repeat(71)}`));
  });
});

describe('parseMultipart', () => {
  test('reads a file and a text field', () => {
    const parts = parseMultipart(
      body(
        'preamble\r\n--XyZ\r\n',
        'Content-Disposition: form-data; name="file"; filename="a;b.txt"\r\n',
        'Content-Type: text/plain\r\n\r\n',
        'line one\r\nline two',
        '\r\n--XyZ\r\n',
        'content-disposition: form-data; name=scope_type\r\n\r\n',
        'workflow',
        '\r\n--XyZ--\r\n',
      ),
      'XyZ',
    );

    assert.equal(parts.length, 2);
    assert.equal(parts[0]?.name, 'file');
    assert.equal(parts[0]?.fileName, 'a;b.txt');
    assert.equal(parts[0]?.contentType, 'text/plain');
    assert.equal(parts[0]?.data.toString(), 'line one\r\nline two');
    assert.equal(parts[1]?.name, 'scope_type');
    assert.equal(parts[1]?.fileName, undefined);
    assert.equal(parts[1]?.data.toString(), 'workflow');
  });

  test('keeps binary bytes intact', () => {
    const bytes = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0xc3]);

    const parts = parseMultipart(
      body(
        '--B\r\nContent-Disposition: form-data; name="file"; filename="x.bin"\r\n\r\n',
        bytes,
        '\r\n--B--',
      ),
      'B',
    );

    assert.deepEqual(parts[0]?.data, bytes);
  });

  test('unescapes a quoted file name', () => {
    const parts = parseMultipart(
      body(
        '--B\r\nContent-Disposition: form-data; name="file"; filename="say \\"hi\\".txt"\r\n\r\n',
        'x\r\n--B--',
      ),
      'B',
    );

    assert.equal(parts[0]?.fileName, 'say "hi".txt');
  });

  test('reads an empty file', () => {
    const parts = parseMultipart(
      body('--B\r\nContent-Disposition: form-data; name="file"; filename=""\r\n\r\n\r\n--B--'),
      'B',
    );

    assert.equal(parts[0]?.fileName, '');
    assert.equal(parts[0]?.data.length, 0);
  });

  test('rejects a body without the boundary', () => {
    assert.throws(() => parseMultipart(body('no parts here'), 'B'), MultipartError);
  });

  test('rejects a body without a closing boundary', () => {
    const text = '--B\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue';

    assert.throws(() => parseMultipart(body(text), 'B'), /no closing boundary/);
  });

  test('rejects a part without Content-Disposition', () => {
    const text = '--B\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--B--';

    assert.throws(() => parseMultipart(body(text), 'B'), /Content-Disposition/);
  });

  test('rejects a part without a name', () => {
    const text = '--B\r\nContent-Disposition: form-data; filename="a"\r\n\r\nvalue\r\n--B--';

    assert.throws(() => parseMultipart(body(text), 'B'), /no name/);
  });

  test('rejects a boundary followed by other text', () => {
    const text = '--Bxx\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue\r\n--B--';

    assert.throws(() => parseMultipart(body(text), 'B'), /not followed by a line break/);
  });

  test('rejects an empty body', () => {
    assert.throws(() => parseMultipart(Buffer.alloc(0), 'B'), MultipartError);
  });
});
