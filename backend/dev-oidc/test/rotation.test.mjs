import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  clientCredentialsToken, decodeJwt, fetchJwks, runProviderCommand, startProvider, temporaryStateDir, verifyJwt,
} from './support.mjs';

test('rotate-keys: new tokens carry a new kid, earlier keys stay published and verify', async (t) => {
  const stateDir = temporaryStateDir(t);

  const before = await startProvider(t, { stateDir });
  const oldToken = await clientCredentialsToken(before.ready, 'acme-service');
  const oldKid = decodeJwt(oldToken).header.kid;
  const oldKids = (await fetchJwks(before.ready.issuer)).keys.map((key) => key.kid);
  await before.stop();

  const rotation = await runProviderCommand(['rotate-keys', '--state-dir', stateDir]);
  assert.equal(rotation.code, 0, rotation.stderr);
  assert.equal(rotation.stdout, '');

  const after = await startProvider(t, { stateDir });
  const newToken = await clientCredentialsToken(after.ready, 'acme-service');
  const newKid = decodeJwt(newToken).header.kid;
  assert.notEqual(newKid, oldKid);

  const jwks = await fetchJwks(after.ready.issuer);
  const kids = jwks.keys.map((key) => key.kid);
  assert.equal(kids.length, 4);
  for (const kid of oldKids) assert.ok(kids.includes(kid), `old key ${kid} still published`);
  assert.ok(!oldKids.includes(newKid));

  // Both verify against what the provider publishes now (the issuer's port changed, the keys did not).
  assert.equal(verifyJwt(newToken, jwks).payload.sub, 'acme-service');
  assert.equal(verifyJwt(oldToken, jwks).payload.sub, 'acme-service');

  // Users and secrets survive a rotation.
  assert.deepEqual(after.ready.users, before.ready.users);
  assert.deepEqual(after.ready.clients, before.ready.clients);
});

test('rotate-keys on an empty state directory creates keys', async (t) => {
  const stateDir = temporaryStateDir(t);
  const rotation = await runProviderCommand(['rotate-keys', '--state-dir', stateDir]);
  assert.equal(rotation.code, 0, rotation.stderr);
  const { ready } = await startProvider(t, { stateDir });
  assert.equal((await fetchJwks(ready.issuer)).keys.length, 4);
});

test('an unknown command fails with a message', async () => {
  const { code, stderr } = await runProviderCommand(['spin']);
  assert.notEqual(code, 0);
  assert.match(stderr, /unknown command "spin"/);
});
