// Test helpers: run the provider as a child process, a tiny cookie jar for
// walking the browser side of a flow with fetch, PKCE, and JWT checks with
// node:crypto only.

import { spawn } from 'node:child_process';
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROVIDER = join(dirname(fileURLToPath(import.meta.url)), '..', 'provider.mjs');
const READY_TIMEOUT_MS = 20_000;

export function temporaryStateDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'sent-dev-oidc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs `node provider.mjs ...args` to completion; resolves to `{ code, stdout, stderr }`. */
export function runProviderCommand(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PROVIDER, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Starts the provider on a free port and waits for its ready line.
 * Resolves to `{ ready, stdoutAfterReady(), stop() }`; the test stops it on exit.
 */
export function startProvider(t, { stateDir, env = {} }) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [PROVIDER, '--port', '0', '--state-dir', stateDir, '--exit-with-stdin'],
      { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    let ready;
    const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    };
    t.after(stop);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`provider not ready within ${READY_TIMEOUT_MS} ms; stderr:\n${stderr}`));
    }, READY_TIMEOUT_MS);
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (ready === undefined && newline !== -1) {
        clearTimeout(timer);
        ready = JSON.parse(stdout.slice(0, newline));
        resolve({ ready, stop, stdoutAfterReady: () => stdout.slice(newline + 1), stderr: () => stderr });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (ready === undefined) reject(new Error(`provider exited (${code}) before ready; stderr:\n${stderr}`));
    });
  });
}

export function basicAuth(clientId, secret) {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

export async function tokenRequest(issuer, form, { clientId, secret } = {}) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (secret !== undefined) headers.authorization = basicAuth(clientId, secret);
  const body = new URLSearchParams(form);
  if (secret === undefined && clientId !== undefined) body.set('client_id', clientId);
  const response = await fetch(`${issuer}/token`, { method: 'POST', headers, body });
  return { status: response.status, body: await response.json() };
}

export async function clientCredentialsToken(ready, clientId) {
  const { status, body } = await tokenRequest(
    ready.issuer,
    { grant_type: 'client_credentials' },
    { clientId, secret: ready.clients[clientId].secret },
  );
  if (status !== 200) throw new Error(`client_credentials for ${clientId}: HTTP ${status} ${JSON.stringify(body)}`);
  return body.access_token;
}

export async function fetchJwks(issuer) {
  const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  return (await fetch(discovery.jwks_uri)).json();
}

export function decodeJwt(token) {
  const [header, payload, signature] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url')),
    payload: JSON.parse(Buffer.from(payload, 'base64url')),
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

/** Checks the token's signature against the key its `kid` names; returns header and payload. */
export function verifyJwt(token, jwks) {
  const { header, payload, signingInput, signature } = decodeJwt(token);
  const jwk = jwks.keys.find((key) => key.kid === header.kid);
  if (!jwk) throw new Error(`no key ${header.kid} in the JWKS`);
  if (jwk.d !== undefined) throw new Error('the JWKS publishes a private key');
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const algorithms = {
    RS256: { key },
    ES256: { key, dsaEncoding: 'ieee-p1363' },
  };
  if (!(header.alg in algorithms) || jwk.alg !== header.alg) throw new Error(`unexpected alg ${header.alg}`);
  if (!verify('sha256', Buffer.from(signingInput), algorithms[header.alg], signature)) {
    throw new Error('signature does not verify');
  }
  return { header, payload };
}

export function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** What a browser keeps between requests: cookies by name and path. */
export class Browser {
  #cookies = new Map();

  #remember(response, url) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const equals = pair.indexOf('=');
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      let path = '/';
      let expired = false;
      for (const attribute of attributes) {
        const [key, attributeValue = ''] = attribute.split('=');
        if (key.toLowerCase() === 'path') path = attributeValue || '/';
        if (key.toLowerCase() === 'max-age' && Number(attributeValue) <= 0) expired = true;
        if (key.toLowerCase() === 'expires' && Date.parse(attributeValue) <= Date.now()) expired = true;
      }
      const key = `${name};${path}`;
      if (expired || value === '') this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
    return url;
  }

  #cookieHeader(url) {
    const { pathname } = new URL(url);
    return [...this.#cookies.values()]
      .filter(({ path }) => pathname === path || pathname.startsWith(path.endsWith('/') ? path : `${path}/`))
      .map(({ name, value }) => `${name}=${value}`)
      .join('; ');
  }

  async request(url, { method = 'GET', form } = {}) {
    const headers = { cookie: this.#cookieHeader(url) };
    let body;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form);
    }
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    this.#remember(response, url);
    const location = response.headers.get('location');
    return {
      status: response.status,
      location: location ? new URL(location, url).href : undefined,
      text: await response.text(),
    };
  }

  /** Follows redirects while they stay on `origin`; returns the last response. */
  async follow(url, origin, { maxHops = 10 } = {}) {
    let response = await this.request(url);
    for (let hop = 0; response.location && new URL(response.location).origin === origin; hop += 1) {
      if (hop === maxHops) throw new Error('too many redirects');
      response = await this.request(response.location);
    }
    return response;
  }
}

export function interactionUid(html) {
  const found = /action="\/interaction\/([^/"]+)\/login"/.exec(html);
  if (!found) throw new Error(`no login form in:\n${html}`);
  return found[1];
}

/**
 * Starts an authorization request and stops at the login form.
 * Resolves to `{ browser, uid, form }`.
 */
export async function openLogin(ready, { clientId, redirectUri, scope = 'openid email profile', extra = {}, challenge }) {
  const browser = new Browser();
  const url = new URL(`${ready.issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope,
    state: randomBytes(8).toString('hex'),
    nonce: randomBytes(8).toString('hex'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
  const form = await browser.follow(url.href, ready.issuer);
  if (form.status !== 200) throw new Error(`expected the login form, got HTTP ${form.status} ${form.location ?? ''}\n${form.text}`);
  return { browser, uid: interactionUid(form.text), form, state: url.searchParams.get('state'), nonce: url.searchParams.get('nonce') };
}

/** Signs in on an open login form and follows the flow back to the client; returns the callback URL. */
export async function signIn(ready, { browser, uid }, login, password) {
  let response = await browser.request(`${ready.issuer}/interaction/${uid}/login`, { method: 'POST', form: { login, password } });
  if (response.status !== 303) throw new Error(`sign-in failed: HTTP ${response.status}\n${response.text}`);
  while (response.location && new URL(response.location).origin === ready.issuer) {
    response = await browser.request(response.location);
  }
  if (!response.location) throw new Error(`flow did not return to the client: HTTP ${response.status}\n${response.text}`);
  return new URL(response.location);
}
