import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  explainVerdict,
  verdictKindFromFailure,
  verdictKindSchema,
  type KeyVerdict,
} from '../../core/key-verdict.ts';
import type { Failure } from '../../core/schemas.ts';

function verdict(overrides: Partial<KeyVerdict>): KeyVerdict {
  return {
    kind: 'valid',
    checkedAt: '2026-01-02T03:04:05.000Z',
    path: '/app/list?limit=1',
    status: 200,
    durationMs: 12,
    ...overrides,
  };
}

describe('verdictKindFromFailure', () => {
  const cases: Array<[Failure, string]> = [
    [{ kind: 'invalid-key', status: 401 }, 'invalid-key'],
    [{ kind: 'forbidden', status: 403 }, 'forbidden'],
    [{ kind: 'rate-limited', status: 429 }, 'rate-limited'],
    [{ kind: 'server-error', status: 503 }, 'server-error'],
    [{ kind: 'network', code: 'ECONNREFUSED', message: 'refused' }, 'network'],
    [{ kind: 'timeout', phase: 'request', afterMs: 30_000 }, 'timeout'],
    [
      { kind: 'redirect-blocked', status: 302, location: 'https://example.test/' },
      'redirect-blocked',
    ],
    [{ kind: 'cancelled' }, 'cancelled'],
    [{ kind: 'bad-request', status: 422 }, 'unexpected-reply'],
    [{ kind: 'unknown-workflow', status: 404 }, 'unexpected-reply'],
    [{ kind: 'unexpected-body', message: 'the reply is not JSON' }, 'unexpected-reply'],
  ];
  for (const [failure, expected] of cases) {
    test(`maps ${failure.kind} to ${expected}`, () => {
      assert.equal(verdictKindFromFailure(failure), expected);
    });
  }
});

describe('explainVerdict', () => {
  for (const kind of verdictKindSchema.options) {
    test(`explains ${kind} with a next step`, () => {
      const explanation = explainVerdict(verdict({ kind, status: null }));

      assert.notEqual(explanation.title, '');
      assert.notEqual(explanation.detail, '');
      assert.notEqual(explanation.fix, '');
    });
  }

  test('names a key that sees no workflows', () => {
    const { title } = explainVerdict(verdict({ seesWorkflows: false }));

    assert.match(title, /sees no workflows/);
  });

  test('quotes the request id of a server error', () => {
    const { fix } = explainVerdict(
      verdict({ kind: 'server-error', status: 503, requestId: 'hwt-abc' }),
    );

    assert.match(fix, /hwt-abc/);
  });

  test('says a 401 may be a Bearer token', () => {
    const { detail } = explainVerdict(verdict({ kind: 'invalid-key', status: 401 }));

    assert.match(detail, /Bearer/);
  });

  test('points a TLS failure at the proxy', () => {
    const failure: Failure = { kind: 'network', code: 'SELF_SIGNED_CERT_IN_CHAIN', message: 'x' };

    const { fix } = explainVerdict(verdict({ kind: 'network', status: null, failure }));

    assert.match(fix, /proxy/);
  });

  test('points a DNS failure at the base URL', () => {
    const failure: Failure = { kind: 'network', code: 'ENOTFOUND', message: 'x' };

    const { fix } = explainVerdict(verdict({ kind: 'network', status: null, failure }));

    assert.match(fix, /DNS/);
  });
});
