// oidc-provider configuration for SENT's local provider: its clients, the SENT
// API as the one resource server (JWT access tokens), and the policies.

import { errors } from 'oidc-provider';

import { errorPage, logoutPage, messagePage } from './pages.mjs';

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

export const USER_SCOPE = 'openid email profile offline_access';
export const DEFAULT_ACCESS_TOKEN_TTL = 10 * MINUTE;

// RFC 8252 §7.3: the port of a loopback redirect is chosen at run time.
// oidc-provider ignores the port when comparing loopback redirect URIs of
// `native` clients, so registering the port-less URI is enough.
const NATIVE_REDIRECT = 'http://127.0.0.1/callback';

/** `http://host:port/` for each redirect, so signing out returns to the web app that asked. */
function postLogoutRedirects(webRedirects) {
  const origins = new Set(['http://127.0.0.1:8080/']);
  for (const redirect of webRedirects) {
    origins.add(`${new URL(redirect).origin}/`);
  }
  return [...origins];
}

function clients({ webRedirects, clientSecrets }) {
  const user = { grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], scope: USER_SCOPE };
  const native = (clientId, clientName) => ({
    ...user,
    client_id: clientId,
    client_name: clientName,
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    redirect_uris: [NATIVE_REDIRECT],
  });
  const service = (clientId, clientName) => ({
    client_id: clientId,
    client_name: clientName,
    client_secret: clientSecrets[clientId],
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  });
  return [
    {
      ...user,
      client_id: 'sent-web',
      client_name: 'SENT',
      client_secret: clientSecrets['sent-web'],
      application_type: 'web',
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: webRedirects,
      post_logout_redirect_uris: postLogoutRedirects(webRedirects),
    },
    native('sent-cli', 'SENT command line'),
    native('sent-desktop', 'SENT desktop'),
    service('acme-service', 'Acme integration'),
    service('globex-service', 'Globex integration'),
  ];
}

/**
 * The configuration object for `new Provider(issuer, configuration)`.
 * `state` comes from `loadState`, `accounts` from `demoAccounts`.
 */
export function providerConfiguration({
  state,
  accounts,
  audience,
  webRedirects,
  accessTokenFormat = 'jwt',
  accessTokenTTL = DEFAULT_ACCESS_TOKEN_TTL,
}) {
  const apiResource = {
    scope: USER_SCOPE,
    audience,
    // JWT access tokens are not stored, so only opaque ones can be introspected.
    accessTokenFormat,
    accessTokenTTL,
  };

  return {
    clients: clients({ webRedirects, clientSecrets: state.clientSecrets }),
    jwks: state.jwks,
    cookies: {
      keys: state.cookieKeys,
      long: { signed: true },
      short: { signed: true },
    },
    findAccount: accounts.findAccount,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    // Put the scope's claims (email, name) in the ID token itself, not only at userinfo.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    pkce: { methods: ['S256'], required: () => true },
    interactions: {
      url: (ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        // Confidential clients may introspect any token; public clients only their own.
        allowedPolicy: async (ctx, client, token) => client.clientAuthMethod !== 'none' || token.clientId === client.clientId,
      },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(ctx.host, form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = 'html';
          ctx.body = messagePage('Signed out', 'You are signed out.');
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => audience,
        // Token requests need not repeat the resource: the code's or refresh
        // token's granted API is used, so every client gets a JWT for the API.
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx, indicator) => {
          if (indicator !== audience) {
            throw new errors.InvalidTarget(`unknown resource; this provider issues tokens for ${audience}`);
          }
          return apiResource;
        },
      },
    },
    extraTokenClaims: async (ctx, token) => {
      if (!token.accountId) {
        // A service's own token: name the service as the subject at introspection too
        // (JWTs already carry `sub: client_id`).
        return { sub: token.clientId };
      }
      const user = accounts.bySub(token.accountId);
      return user ? { email: user.email, name: user.name } : undefined;
    },
    clientBasedCORS: () => false,
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
    ttl: {
      AccessToken: accessTokenTTL,
      ClientCredentials: accessTokenTTL,
      IdToken: 10 * MINUTE,
      AuthorizationCode: MINUTE,
      Interaction: 60 * MINUTE,
      Session: 14 * DAY,
      Grant: 14 * DAY,
      RefreshToken: 14 * DAY,
    },
  };
}
