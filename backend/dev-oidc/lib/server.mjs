// One node:http server on loopback: the interaction routes, then oidc-provider.

import { createServer } from 'node:http';

import Provider from 'oidc-provider';

import { demoAccounts } from './accounts.mjs';
import { providerConfiguration } from './configuration.mjs';
import { interactionRoutes } from './interactions.mjs';
import { loadState } from './state.mjs';

const HOST = '127.0.0.1';

export function log(message) {
  process.stderr.write(`dev-oidc: ${message}\n`);
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const failed = (error) => reject(error);
    server.once('error', failed);
    server.listen({ host: HOST, port, exclusive: true }, () => {
      server.off('error', failed);
      resolve(server.address().port);
    });
  });
}

function pathnameOf(url) {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/**
 * Starts the provider. Resolves to `{ issuer, audience, users, clientSecrets, close() }`
 * once it accepts requests; rejects with `error.code === 'EADDRINUSE'` when the port is taken.
 */
export async function startProvider({ port, stateDir, audience, webRedirects, accessTokenFormat, accessTokenTTL }) {
  const state = loadState(stateDir);
  const accounts = demoAccounts(state.users);

  // The issuer names the port, and port 0 means "any free one": bind first,
  // then build the provider for the port actually bound.
  let handle = (req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => handle(req, res));
  const boundPort = await listen(server, port);
  const issuer = `http://${HOST}:${boundPort}`;

  const provider = new Provider(issuer, providerConfiguration({ state, accounts, audience, webRedirects, accessTokenFormat, accessTokenTTL }));
  provider.on('server_error', (ctx, error) => log(`server error on ${ctx.method} ${ctx.path}: ${error.stack ?? error}`));
  provider.on('grant.error', (ctx, error) => log(`token request refused: ${error.message} ${error.error_description ?? ''}`));
  provider.on('authorization.error', (ctx, error) => log(`authorization refused: ${error.message} ${error.error_description ?? ''}`));

  const interactions = interactionRoutes({ provider, accounts, log });
  const providerCallback = provider.callback();
  handle = (req, res) => {
    const route = interactions.match(pathnameOf(req.url ?? '/'));
    if (route) {
      interactions.serve(req, res, route);
    } else {
      providerCallback(req, res);
    }
  };

  return {
    issuer,
    audience,
    users: state.users,
    clientSecrets: state.clientSecrets,
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
