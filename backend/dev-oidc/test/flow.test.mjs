import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  Browser, fetchJwks, openLogin, pkce, signIn, startProvider, temporaryStateDir, tokenRequest, verifyJwt,
} from './support.mjs';

const WEB_CALLBACK = 'http://127.0.0.1:8080/auth/callback';

function user(ready, email) {
  return ready.users.find((candidate) => candidate.email === email);
}

test('authorization code + PKCE: alice signs in and sent-web gets her ID token and an API access token', async (t) => {
  const { ready } = await startProvider(t, { stateDir: temporaryStateDir(t) });
  const alice = user(ready, 'alice@acme.test');
  const { verifier, challenge } = pkce();

  const login = await openLogin(ready, { clientId: 'sent-web', redirectUri: WEB_CALLBACK, challenge });
  assert.match(login.form.text, /<label for="login">/);
  assert.match(login.form.text, /name="password" type="password"/);

  const callback = await signIn(ready, login, alice.email, alice.password);
  assert.equal(`${callback.origin}${callback.pathname}`, WEB_CALLBACK);
  assert.equal(callback.searchParams.get('state'), login.state);
  assert.equal(callback.searchParams.get('iss'), ready.issuer);
  const code = callback.searchParams.get('code');
  assert.ok(code);

  const exchange = await tokenRequest(
    ready.issuer,
    { grant_type: 'authorization_code', code, redirect_uri: WEB_CALLBACK, code_verifier: verifier },
    { clientId: 'sent-web', secret: ready.clients['sent-web'].secret },
  );
  assert.equal(exchange.status, 200, JSON.stringify(exchange.body));

  const jwks = await fetchJwks(ready.issuer);
  const idToken = verifyJwt(exchange.body.id_token, jwks).payload;
  assert.equal(idToken.iss, ready.issuer);
  assert.equal(idToken.aud, 'sent-web');
  assert.equal(idToken.sub, alice.sub);
  assert.equal(idToken.email, 'alice@acme.test');
  assert.equal(idToken.email_verified, true);
  assert.equal(idToken.name, 'Alice Acme');
  assert.equal(idToken.nonce, login.nonce);
  assert.ok(idToken.exp - idToken.iat <= 600);

  const access = verifyJwt(exchange.body.access_token, jwks);
  assert.equal(access.header.typ, 'at+jwt');
  assert.equal(access.payload.aud, 'urn:sent:api');
  assert.equal(access.payload.sub, alice.sub);
  assert.equal(access.payload.email, 'alice@acme.test');
  assert.equal(access.payload.name, 'Alice Acme');

  // A code is good once.
  const replay = await tokenRequest(
    ready.issuer,
    { grant_type: 'authorization_code', code, redirect_uri: WEB_CALLBACK, code_verifier: verifier },
    { clientId: 'sent-web', secret: ready.clients['sent-web'].secret },
  );
  assert.equal(replay.body.error, 'invalid_grant');
});

test('the code does not exchange without the right PKCE verifier', async (t) => {
  const { ready } = await startProvider(t, { stateDir: temporaryStateDir(t) });
  const bob = user(ready, 'bob@globex.test');
  const { challenge } = pkce();
  const login = await openLogin(ready, { clientId: 'sent-web', redirectUri: WEB_CALLBACK, challenge });
  const code = (await signIn(ready, login, bob.email, bob.password)).searchParams.get('code');

  const exchange = await tokenRequest(
    ready.issuer,
    { grant_type: 'authorization_code', code, redirect_uri: WEB_CALLBACK, code_verifier: pkce().verifier },
    { clientId: 'sent-web', secret: ready.clients['sent-web'].secret },
  );
  assert.equal(exchange.status, 400);
  assert.equal(exchange.body.error, 'invalid_grant');
});

test('an authorization request without PKCE is refused', async (t) => {
  const { ready } = await startProvider(t, { stateDir: temporaryStateDir(t) });
  const url = new URL(`${ready.issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: 'sent-web', response_type: 'code', redirect_uri: WEB_CALLBACK, scope: 'openid', state: 's',
  }).toString();
  const response = await new Browser().request(url.href);
  const back = new URL(response.location);
  assert.equal(back.origin, 'http://127.0.0.1:8080');
  assert.equal(back.searchParams.get('error'), 'invalid_request');
  assert.match(back.searchParams.get('error_description'), /PKCE/);
});

test('a wrong password or an unknown email does not sign in, and says the same thing', async (t) => {
  const { ready } = await startProvider(t, { stateDir: temporaryStateDir(t) });
  const alice = user(ready, 'alice@acme.test');
  const login = await openLogin(ready, { clientId: 'sent-web', redirectUri: WEB_CALLBACK, challenge: pkce().challenge });
  const post = (form) => login.browser.request(`${ready.issuer}/interaction/${login.uid}/login`, { method: 'POST', form });

  const wrongPassword = await post({ login: alice.email, password: `${alice.password}x` });
  assert.equal(wrongPassword.status, 401);
  assert.equal(wrongPassword.location, undefined);
  assert.match(wrongPassword.text, /role="alert"/);
  assert.match(wrongPassword.text, /value="alice@acme.test"/);

  const unknownEmail = await post({ login: 'mallory@acme.test', password: alice.password });
  assert.equal(unknownEmail.status, 401);
  const message = (html) => /role="alert"[^>]*>([^<]*)</.exec(html)[1];
  assert.equal(message(unknownEmail.text), message(wrongPassword.text));

  // Still at the login step: the form is shown again, no code was issued.
  const again = await login.browser.request(`${ready.issuer}/interaction/${login.uid}`);
  assert.equal(again.status, 200);
  assert.match(again.text, /name="password"/);

  // Someone else's browser (no interaction cookie) cannot use the form at all.
  const stranger = await new Browser().request(`${ready.issuer}/interaction/${login.uid}/login`, {
    method: 'POST', form: { login: alice.email, password: alice.password },
  });
  assert.equal(stranger.status, 400);
  assert.equal(stranger.location, undefined);

  // The right password still works afterwards.
  const callback = await signIn(ready, login, alice.email, alice.password);
  assert.ok(callback.searchParams.get('code'));
});

test('cancel returns access_denied to the client', async (t) => {
  const { ready } = await startProvider(t, { stateDir: temporaryStateDir(t) });
  const login = await openLogin(ready, { clientId: 'sent-web', redirectUri: WEB_CALLBACK, challenge: pkce().challenge });
  let response = await login.browser.request(`${ready.issuer}/interaction/${login.uid}/abort`, { method: 'POST', form: {} });
  while (new URL(response.location).origin === ready.issuer) response = await login.browser.request(response.location);
  assert.equal(new URL(response.location).searchParams.get('error'), 'access_denied');
});

test('native clients: any loopback port, no secret, refresh token with offline_access', async (t) => {
  const { ready } = await startProvider(t, { stateDir: temporaryStateDir(t) });
  const bob = user(ready, 'bob@globex.test');
  for (const clientId of ['sent-cli', 'sent-desktop']) {
    const redirectUri = `http://127.0.0.1:${40000 + Math.floor(Math.random() * 20000)}/callback`;
    const { verifier, challenge } = pkce();
    const login = await openLogin(ready, {
      clientId,
      redirectUri,
      challenge,
      scope: 'openid email profile offline_access',
      extra: { prompt: 'consent' },
    });
    const callback = await signIn(ready, login, bob.email, bob.password);
    assert.equal(`${callback.origin}${callback.pathname}`, redirectUri);

    const exchange = await tokenRequest(
      ready.issuer,
      { grant_type: 'authorization_code', code: callback.searchParams.get('code'), redirect_uri: redirectUri, code_verifier: verifier },
      { clientId },
    );
    assert.equal(exchange.status, 200, JSON.stringify(exchange.body));
    const jwks = await fetchJwks(ready.issuer);
    assert.equal(verifyJwt(exchange.body.id_token, jwks).payload.email, 'bob@globex.test');
    assert.equal(verifyJwt(exchange.body.access_token, jwks).payload.aud, 'urn:sent:api');
    assert.ok(exchange.body.refresh_token, 'offline_access gives a refresh token');

    const refreshed = await tokenRequest(ready.issuer, { grant_type: 'refresh_token', refresh_token: exchange.body.refresh_token }, { clientId });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    const access = verifyJwt(refreshed.body.access_token, jwks).payload;
    assert.equal(access.aud, 'urn:sent:api');
    assert.equal(access.sub, bob.sub);
  }
});

test('a redirect that is not registered is refused', async (t) => {
  const { ready } = await startProvider(t, { stateDir: temporaryStateDir(t) });
  for (const [clientId, redirectUri] of [
    ['sent-web', 'http://127.0.0.1:9999/auth/callback'],
    ['sent-cli', 'http://127.0.0.1:5555/elsewhere'],
    ['sent-cli', 'http://evil.test/callback'],
  ]) {
    const url = new URL(`${ready.issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: clientId, response_type: 'code', redirect_uri: redirectUri, scope: 'openid', code_challenge: pkce().challenge, code_challenge_method: 'S256',
    }).toString();
    const response = await new Browser().request(url.href);
    assert.equal(response.status, 400, `${clientId} ${redirectUri}`);
    assert.equal(response.location, undefined);
    assert.match(response.text, /redirect_uri/);
  }
});

test('SENT_OIDC_WEB_REDIRECTS sets sent-web redirects; sign-out returns to that origin', async (t) => {
  const redirect = 'http://127.0.0.1:18080/auth/callback';
  const { ready } = await startProvider(t, { stateDir: temporaryStateDir(t), env: { SENT_OIDC_WEB_REDIRECTS: `${redirect}, http://localhost:5173/auth/callback` } });
  const alice = user(ready, 'alice@acme.test');
  const { verifier, challenge } = pkce();
  const login = await openLogin(ready, { clientId: 'sent-web', redirectUri: redirect, challenge });
  const callback = await signIn(ready, login, alice.email, alice.password);
  const exchange = await tokenRequest(
    ready.issuer,
    { grant_type: 'authorization_code', code: callback.searchParams.get('code'), redirect_uri: redirect, code_verifier: verifier },
    { clientId: 'sent-web', secret: ready.clients['sent-web'].secret },
  );
  assert.equal(exchange.status, 200);

  const endSession = new URL(`${ready.issuer}/session/end`);
  endSession.search = new URLSearchParams({
    id_token_hint: exchange.body.id_token, post_logout_redirect_uri: 'http://127.0.0.1:18080/', state: 'bye',
  }).toString();
  const confirm = await login.browser.request(endSession.href);
  assert.equal(confirm.status, 200);
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.text)[1];
  const action = /action="([^"]+)"/.exec(confirm.text)[1];
  let response = await login.browser.request(new URL(action, ready.issuer).href, { method: 'POST', form: { xsrf, logout: 'yes' } });
  while (response.location && new URL(response.location).origin === ready.issuer) response = await login.browser.request(response.location);
  assert.equal(response.location, 'http://127.0.0.1:18080/?state=bye');

  // Signed out: the next authorization asks for the password again.
  const next = await login.browser.follow(`${ready.issuer}/auth?${new URLSearchParams({
    client_id: 'sent-web', response_type: 'code', redirect_uri: redirect, scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256',
  })}`, ready.issuer);
  assert.equal(next.status, 200);
  assert.match(next.text, /name="password"/);
});
