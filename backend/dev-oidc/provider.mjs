#!/usr/bin/env node
// SENT's local OpenID provider for development and tests.
//
//   node provider.mjs [--port N] [--state-dir DIR] [--exit-with-stdin]
//   node provider.mjs rotate-keys [--state-dir DIR]
//
// Environment: SENT_OIDC_PORT (default 8081; 0 picks a free port),
// SENT_OIDC_STATE_DIR (default .data/oidc), SENT_OIDC_AUDIENCE (default
// urn:sent:api), SENT_OIDC_WEB_REDIRECTS (comma separated, default
// http://127.0.0.1:8080/auth/callback), SENT_OIDC_ACCESS_TOKEN_FORMAT (jwt, the
// default, or opaque: opaque tokens are checked through introspection),
// SENT_OIDC_ACCESS_TOKEN_TTL (seconds, default 600). Flags win over the
// environment.
//
// When ready it prints exactly one JSON line on stdout (issuer, audience, the
// demo users with their passwords, the client secrets); everything else goes
// to stderr.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { rotateKeys } from './lib/state.mjs';

const DEFAULT_PORT = 8081;
const DEFAULT_STATE_DIR = '.data/oidc';
const DEFAULT_AUDIENCE = 'urn:sent:api';
const DEFAULT_WEB_REDIRECTS = 'http://127.0.0.1:8080/auth/callback';

function fail(message) {
  process.stderr.write(`dev-oidc: ${message}\n`);
  process.exit(1);
}

function parsePort(value) {
  const port = Number(value);
  if (!/^\d+$/.test(String(value)) || port > 65535) fail(`invalid port ${JSON.stringify(value)}`);
  return port;
}

function parseUrls(value, what) {
  const urls = value.split(',').map((item) => item.trim()).filter(Boolean);
  if (urls.length === 0) fail(`${what} is empty`);
  for (const url of urls) {
    if (!URL.canParse(url)) fail(`${what}: ${JSON.stringify(url)} is not an absolute URL`);
  }
  return urls;
}

function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        'state-dir': { type: 'string' },
        'exit-with-stdin': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return fail(error.message);
  }
}

async function serve(values) {
  // oidc-provider prints notices with console.info; stdout carries only the ready line.
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
  const { startProvider } = await import('./lib/server.mjs');

  const audience = process.env.SENT_OIDC_AUDIENCE || DEFAULT_AUDIENCE;
  if (!URL.canParse(audience)) fail(`SENT_OIDC_AUDIENCE ${JSON.stringify(audience)} is not an absolute URI`);
  const port = parsePort(values.port ?? process.env.SENT_OIDC_PORT ?? DEFAULT_PORT);
  const stateDir = resolve(values['state-dir'] ?? (process.env.SENT_OIDC_STATE_DIR || DEFAULT_STATE_DIR));
  const accessTokenFormat = process.env.SENT_OIDC_ACCESS_TOKEN_FORMAT || 'jwt';
  if (accessTokenFormat !== 'jwt' && accessTokenFormat !== 'opaque') {
    fail(`SENT_OIDC_ACCESS_TOKEN_FORMAT must be jwt or opaque, not ${JSON.stringify(accessTokenFormat)}`);
  }
  const webRedirects = parseUrls(process.env.SENT_OIDC_WEB_REDIRECTS || DEFAULT_WEB_REDIRECTS, 'SENT_OIDC_WEB_REDIRECTS');
  // Unset: the configuration's default.
  const ttl = process.env.SENT_OIDC_ACCESS_TOKEN_TTL || undefined;
  if (ttl !== undefined && !/^[1-9]\d{0,6}$/.test(ttl)) {
    fail(`SENT_OIDC_ACCESS_TOKEN_TTL must be a whole number of seconds, not ${JSON.stringify(ttl)}`);
  }
  const accessTokenTTL = ttl && Number(ttl);

  let running;
  try {
    running = await startProvider({ port, stateDir, audience, webRedirects, accessTokenFormat, accessTokenTTL });
  } catch (error) {
    if (error.code === 'EADDRINUSE') fail(`port ${port} on 127.0.0.1 is already in use`);
    if (error.code === 'EACCES') fail(`not allowed to listen on port ${port}`);
    fail(`failed to start: ${error.message}`);
  }

  let stopping = false;
  const stop = async (why) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`dev-oidc: stopping (${why})\n`);
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  if (values['exit-with-stdin']) {
    // The launcher holds our stdin open; when it goes away, so do we.
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.on('error', () => stop('stdin closed'));
    process.stdin.resume();
  }

  const ready = {
    ready: true,
    issuer: running.issuer,
    audience: running.audience,
    users: running.users.map(({ email, password, sub }) => ({ email, password, sub })),
    clients: {
      'sent-web': { secret: running.clientSecrets['sent-web'] },
      'acme-service': { secret: running.clientSecrets['acme-service'] },
      'globex-service': { secret: running.clientSecrets['globex-service'] },
      'sent-cli': {},
      'sent-desktop': {},
    },
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stderr.write(`dev-oidc: ready at ${running.issuer} (state in ${stateDir})\n`);
}

function rotate(values) {
  const stateDir = resolve(values['state-dir'] ?? (process.env.SENT_OIDC_STATE_DIR || DEFAULT_STATE_DIR));
  try {
    const generation = rotateKeys(stateDir);
    process.stderr.write(`dev-oidc: new signing keys ${generation.map(({ alg, kid }) => `${alg} ${kid}`).join(', ')} `
      + 'take over at the next start; earlier keys stay published\n');
  } catch (error) {
    fail(`rotate-keys failed: ${error.message}`);
  }
}

const { values, positionals } = parseCommandLine();
if (positionals.length > 1) fail(`unexpected arguments: ${positionals.slice(1).join(' ')}`);
switch (positionals[0]) {
  case undefined:
  case 'serve':
    await serve(values);
    break;
  case 'rotate-keys':
    rotate(values);
    break;
  default:
    fail(`unknown command ${JSON.stringify(positionals[0])} (expected serve or rotate-keys)`);
}
