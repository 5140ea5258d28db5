/**
 * Authentication as the package's External Credential does it: client
 * credentials at /oauth/token (HTTP Basic or form body), bearer tokens that
 * expire, 401 without one, and `--no-auth`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callContract, fetchToken, startTestWorkbench, taskBatch, taskChange, type TestWorkbench } from './support.ts';

const CONNECTION = '/v1/salesforce/connection';

async function tokenRequest(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const basic = (id: string, secret: string): Record<string, string> => ({
  authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
});

describe('with auth on', () => {
  let nowMs = Date.parse('2026-11-29T10:00:00Z');
  let wb: TestWorkbench;
  before(async () => {
    wb = await startTestWorkbench({ clientId: 'sf-client', clientSecret: 's3cret', tokenTtlSeconds: 600 }, { nowMs: () => nowMs });
  });
  after(async () => {
    await wb.dispose();
  });

  test('HTTP Basic client authentication gets a bearer token with its expiry and scope', async () => {
    const answer = await tokenRequest(wb.url, 'grant_type=client_credentials', basic('sf-client', 's3cret'));
    assert.equal(answer.status, 200);
    assert.deepEqual(
      { ...answer.body, access_token: typeof answer.body['access_token'] },
      {
        access_token: 'string',
        token_type: 'Bearer',
        expires_in: 600,
        scope: 'salesforce.sync',
      },
    );
  });

  test('form-body client authentication gets a token too', async () => {
    const answer = await tokenRequest(
      wb.url,
      'grant_type=client_credentials&client_id=sf-client&client_secret=s3cret&scope=salesforce.sync',
    );
    assert.equal(answer.status, 200);
  });

  test('a wrong secret is 401 invalid_client', async () => {
    const answer = await tokenRequest(wb.url, 'grant_type=client_credentials', basic('sf-client', 'wrong'));
    assert.deepEqual([answer.status, answer.body['error']], [401, 'invalid_client']);
  });

  test('another grant type is 400 unsupported_grant_type, a missing one 400 invalid_request', async () => {
    const other = await tokenRequest(wb.url, 'grant_type=password', basic('sf-client', 's3cret'));
    assert.deepEqual([other.status, other.body['error']], [400, 'unsupported_grant_type']);
    const missing = await tokenRequest(wb.url, '', basic('sf-client', 's3cret'));
    assert.deepEqual(
      [missing.status, missing.body['error'], missing.body['error_description']],
      [400, 'invalid_request', 'grant_type is required'],
    );
  });

  test('both Basic and form credentials at once is 400 invalid_request', async () => {
    const answer = await tokenRequest(
      wb.url,
      'grant_type=client_credentials&client_id=sf-client&client_secret=s3cret',
      basic('sf-client', 's3cret'),
    );
    assert.deepEqual([answer.status, answer.body['error']], [400, 'invalid_request']);
  });

  test('a JSON token request is 400 naming the content type', async () => {
    const answer = await tokenRequest(wb.url, '{}', { 'content-type': 'application/json', ...basic('sf-client', 's3cret') });
    assert.equal(answer.status, 400);
    assert.match(String(answer.body['error_description']), /x-www-form-urlencoded/);
  });

  test('every contract route is 401 without a token, with a tampered token, and after the token expired', async () => {
    const token = await fetchToken(wb.url, 'sf-client', 's3cret');
    assert.equal((await callContract(wb.url, 'GET', CONNECTION, { token })).status, 200);
    for (const [method, path] of [
      ['GET', CONNECTION],
      ['POST', '/v1/salesforce/task-changes'],
      ['POST', '/v1/salesforce/user-settings'],
    ] as const) {
      const answer = await callContract(wb.url, method, path, method === 'POST' ? { body: taskBatch([taskChange(1, 1)]) } : {});
      assert.equal(answer.status, 401, `${method} ${path}`);
      assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer/);
    }
    const tampered = `${token.slice(0, -2)}xx`;
    assert.equal((await callContract(wb.url, 'GET', CONNECTION, { token: tampered })).status, 401);
    nowMs += 600_000;
    const expired = await callContract(wb.url, 'GET', CONNECTION, { token });
    assert.equal(expired.status, 401);
    assert.match(expired.text, /access token expired/);
  });
});

test('--no-auth accepts requests without a token', async () => {
  const wb = await startTestWorkbench({ auth: false });
  try {
    assert.equal((await callContract(wb.url, 'GET', CONNECTION)).status, 200);
  } finally {
    await wb.dispose();
  }
});
