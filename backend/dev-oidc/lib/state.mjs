// What the provider keeps between starts: signing keys, demo user passwords and
// subjects, client secrets and cookie keys. Sessions and grants live in memory.
//
// Files are private (0600) and written atomically. First start creates them with
// "first writer wins" semantics, so two processes starting on one fresh state
// directory agree on the same secrets.

import { createHash, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const DEMO_USERS = Object.freeze([
  Object.freeze({ key: 'alice', email: 'alice@acme.test', name: 'Alice Acme' }),
  Object.freeze({ key: 'bob', email: 'bob@globex.test', name: 'Bob Globex' }),
]);

export const CONFIDENTIAL_CLIENTS = Object.freeze(['sent-web', 'acme-service', 'globex-service']);

const KEYS_FILE = 'jwks.json';
const SECRETS_FILE = 'secrets.json';
const PRIVATE_FILE_MODE = 0o600;

function randomSecret(bytes) {
  return randomBytes(bytes).toString('base64url');
}

// RFC 7638 thumbprint: a kid derived from the public key itself, so it is unique
// per key and stable across restarts.
function thumbprint(jwk) {
  const members = jwk.kty === 'RSA' ? { e: jwk.e, kty: jwk.kty, n: jwk.n } : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

function signingKey(alg) {
  const { privateKey } = alg === 'RS256'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: thumbprint(jwk), alg, use: 'sig' };
}

/** One generation of signing keys: an RS256 key (the default for tokens) and an ES256 key. */
export function newKeyGeneration() {
  return [signingKey('RS256'), signingKey('ES256')];
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

function temporaryPath(path) {
  return `${path}.${process.pid}.${randomSecret(6)}.tmp`;
}

function writePrivateTemporary(path, value) {
  const temporary = temporaryPath(path);
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  // The umask may have narrowed the mode further; never let it widen it.
  chmodSync(temporary, PRIVATE_FILE_MODE);
  return temporary;
}

/** Replaces `path` atomically with `value`. */
function replacePrivateJson(path, value) {
  renameSync(writePrivateTemporary(path, value), path);
}

/** Reads `path`, creating it from `make()` when absent; a concurrent creator's file wins. */
function readOrCreatePrivateJson(path, make) {
  try {
    return readJson(path);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  const temporary = writePrivateTemporary(path, make());
  try {
    linkSync(temporary, path);
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readJson(path);
}

function ensureDirectory(stateDir) {
  // Parents get the default mode (they may be shared, e.g. with the database
  // cluster's user); only the state directory itself is private.
  mkdirSync(dirname(stateDir), { recursive: true });
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  chmodSync(stateDir, 0o700);
}

function validateKeys(jwks, path) {
  if (!Array.isArray(jwks?.keys) || !jwks.keys.some((key) => key.alg === 'RS256' && key.d)) {
    throw new Error(`${path} holds no private RS256 signing key`);
  }
  return jwks;
}

function makeSecrets() {
  return {
    users: Object.fromEntries(DEMO_USERS.map(({ key }) => [key, { sub: randomUUID(), password: randomSecret(18) }])),
    clients: Object.fromEntries(CONFIDENTIAL_CLIENTS.map((id) => [id, randomSecret(32)])),
    cookieKeys: [randomSecret(32)],
  };
}

// A state file written by an older layout may lack entries added since; fill
// them in once and keep everything that is already there.
function completeSecrets(path, secrets) {
  const fresh = makeSecrets();
  let changed = false;
  const complete = {
    users: { ...secrets.users },
    clients: { ...secrets.clients },
    cookieKeys: Array.isArray(secrets.cookieKeys) && secrets.cookieKeys.length ? secrets.cookieKeys : fresh.cookieKeys,
  };
  changed ||= complete.cookieKeys !== secrets.cookieKeys;
  for (const { key } of DEMO_USERS) {
    if (!complete.users[key]?.sub || !complete.users[key]?.password) {
      complete.users[key] = fresh.users[key];
      changed = true;
    }
  }
  for (const id of CONFIDENTIAL_CLIENTS) {
    if (!complete.clients[id]) {
      complete.clients[id] = fresh.clients[id];
      changed = true;
    }
  }
  if (changed) replacePrivateJson(path, complete);
  return complete;
}

/**
 * Loads the provider's state from `stateDir`, creating what is missing.
 * Returns `{ jwks, users: [{ email, name, sub, password }], clientSecrets, cookieKeys }`.
 */
export function loadState(stateDir) {
  ensureDirectory(stateDir);
  const keysPath = join(stateDir, KEYS_FILE);
  const secretsPath = join(stateDir, SECRETS_FILE);
  const jwks = validateKeys(readOrCreatePrivateJson(keysPath, () => ({ keys: newKeyGeneration() })), keysPath);
  const secrets = completeSecrets(secretsPath, readOrCreatePrivateJson(secretsPath, makeSecrets));
  return {
    jwks,
    users: DEMO_USERS.map(({ key, email, name }) => ({ email, name, ...secrets.users[key] })),
    clientSecrets: secrets.clients,
    cookieKeys: secrets.cookieKeys,
  };
}

/**
 * Puts a new generation of signing keys first (new tokens are signed with it) and
 * keeps every earlier key published, so tokens signed before still verify.
 * Returns the kids of the new keys.
 */
export function rotateKeys(stateDir) {
  ensureDirectory(stateDir);
  const keysPath = join(stateDir, KEYS_FILE);
  const previous = validateKeys(readOrCreatePrivateJson(keysPath, () => ({ keys: newKeyGeneration() })), keysPath);
  const generation = newKeyGeneration();
  replacePrivateJson(keysPath, { keys: [...generation, ...previous.keys] });
  return generation.map(({ kid, alg }) => ({ kid, alg }));
}
