import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';

import {
  basicAuth, clientCredentialsToken, decodeJwt, fetchJwks, runProviderCommand, startProvider, temporaryStateDir, verifyJwt,
} from './support.mjs';

test('ready line names the issuer, audience, users and clients; discovery agrees', async (t) => {
  const stateDir = temporaryStateDir(t);
  const { ready, stdoutAfterReady } = await startProvider(t, { stateDir });

  assert.match(ready.issuer, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(ready.audience, 'urn:sent:api');
  assert.deepEqual(ready.users.map((user) => user.email), ['alice@acme.test', 'bob@globex.test']);
  for (const user of ready.users) {
    assert.ok(user.password.length >= 16);
    assert.ok(user.sub);
  }
  assert.deepEqual(Object.keys(ready.clients).sort(), ['acme-service', 'globex-service', 'sent-cli', 'sent-desktop', 'sent-web']);
  assert.ok(ready.clients['sent-web'].secret);
  assert.deepEqual(ready.clients['sent-cli'], {});

  const discovery = await (await fetch(`${ready.issuer}/.well-known/openid-configuration`)).json();
  assert.equal(discovery.issuer, ready.issuer);
  assert.ok(discovery.grant_types_supported.includes('client_credentials'));
  assert.ok(discovery.introspection_endpoint);
  assert.ok(discovery.end_session_endpoint);
  assert.deepEqual(discovery.code_challenge_methods_supported, ['S256']);

  const jwks = await fetchJwks(ready.issuer);
  assert.deepEqual(jwks.keys.map((key) => key.alg).sort(), ['ES256', 'RS256']);
  assert.ok(jwks.keys.every((key) => key.kid && key.d === undefined && key.p === undefined));

  for (const file of ['jwks.json', 'secrets.json']) {
    assert.equal(statSync(join(stateDir, file)).mode & 0o777, 0o600, `${file} is private`);
  }
  assert.equal(stdoutAfterReady(), '', 'nothing but the ready line on stdout');
});

test('client_credentials gives a service a JWT access token for the API', async (t) => {
  const { ready } = await startProvider(t, { stateDir: temporaryStateDir(t) });
  const token = await clientCredentialsToken(ready, 'acme-service');
  const { header, payload } = verifyJwt(token, await fetchJwks(ready.issuer));

  assert.equal(header.typ, 'at+jwt');
  assert.equal(header.alg, 'RS256');
  assert.equal(payload.iss, ready.issuer);
  assert.equal(payload.aud, 'urn:sent:api');
  assert.equal(payload.sub, 'acme-service');
  assert.equal(payload.client_id, 'acme-service');
  const lifetime = payload.exp - payload.iat;
  assert.ok(lifetime > 0 && lifetime <= 600, `lifetime ${lifetime}s`);

  const globex = decodeJwt(await clientCredentialsToken(ready, 'globex-service')).payload;
  assert.equal(globex.sub, 'globex-service');
});

test('client_credentials refuses a wrong secret, another resource and a user client', async (t) => {
  const { ready } = await startProvider(t, { stateDir: temporaryStateDir(t) });
  const post = (authorization, form) => fetch(`${ready.issuer}/token`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });

  const wrongSecret = await post(basicAuth('acme-service', 'not-the-secret'), { grant_type: 'client_credentials' });
  assert.equal(wrongSecret.status, 401);
  assert.equal((await wrongSecret.json()).error, 'invalid_client');

  const otherResource = await post(
    basicAuth('acme-service', ready.clients['acme-service'].secret),
    { grant_type: 'client_credentials', resource: 'https://elsewhere.test/api' },
  );
  assert.equal(otherResource.status, 400);
  assert.equal((await otherResource.json()).error, 'invalid_target');

  const webClient = await post(basicAuth('sent-web', ready.clients['sent-web'].secret), { grant_type: 'client_credentials' });
  assert.equal(webClient.status, 400);
  assert.match((await webClient.json()).error_description, /grant type is not allowed/);
});

test('opaque access tokens (SENT_OIDC_ACCESS_TOKEN_FORMAT=opaque) are answered by introspection', async (t) => {
  const { ready } = await startProvider(t, { stateDir: temporaryStateDir(t), env: { SENT_OIDC_ACCESS_TOKEN_FORMAT: 'opaque' } });
  const token = await clientCredentialsToken(ready, 'acme-service');
  assert.equal(token.split('.').length, 1, 'not a JWT');

  const introspect = async (value) => (await fetch(`${ready.issuer}/token/introspection`, {
    method: 'POST',
    headers: { authorization: basicAuth('sent-web', ready.clients['sent-web'].secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: value, token_type_hint: 'access_token' }),
  })).json();

  const active = await introspect(token);
  assert.equal(active.active, true);
  assert.equal(active.sub, 'acme-service');
  assert.equal(active.aud, 'urn:sent:api');
  assert.equal(active.iss, ready.issuer);
  assert.equal(active.token_type, 'Bearer');

  assert.deepEqual(await introspect('no-such-token'), { active: false });
});

test('SENT_OIDC_ACCESS_TOKEN_TTL sets the access tokens\' lifetime, and a wrong one stops the start', async (t) => {
  const { ready } = await startProvider(t, { stateDir: temporaryStateDir(t), env: { SENT_OIDC_ACCESS_TOKEN_TTL: '30' } });
  const { payload } = decodeJwt(await clientCredentialsToken(ready, 'acme-service'));
  assert.equal(payload.exp - payload.iat, 30);

  const { code, stdout, stderr } = await runProviderCommand(
    ['--port', '0', '--state-dir', temporaryStateDir(t)],
    { SENT_OIDC_ACCESS_TOKEN_TTL: '10m' },
  );
  assert.notEqual(code, 0);
  assert.equal(stdout, '');
  assert.match(stderr, /SENT_OIDC_ACCESS_TOKEN_TTL must be a whole number of seconds, not "10m"/);
});

test('state persists: the same passwords, subjects and secrets on the next start', async (t) => {
  const stateDir = temporaryStateDir(t);
  const first = await startProvider(t, { stateDir });
  await first.stop();
  const second = await startProvider(t, { stateDir });
  assert.deepEqual(second.ready.users, first.ready.users);
  assert.deepEqual(second.ready.clients, first.ready.clients);
});

test('a port in use is one clear line on stderr and a non-zero exit', async (t) => {
  const blocker = createServer();
  await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.after(() => blocker.close());
  const { port } = blocker.address();

  const { code, stdout, stderr } = await runProviderCommand(['--port', String(port), '--state-dir', temporaryStateDir(t)]);
  assert.notEqual(code, 0);
  assert.equal(stdout, '');
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0], new RegExp(`port ${port} .*already in use`));
});

test('SIGTERM stops the provider cleanly', async (t) => {
  const { stop } = await startProvider(t, { stateDir: temporaryStateDir(t) });
  const { code, signal } = await stop();
  assert.equal(signal, null);
  assert.equal(code, 0);
});
