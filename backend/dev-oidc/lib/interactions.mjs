// The login and consent interactions under /interaction/{uid}.
//
// The interaction is bound to the browser by oidc-provider's own short-lived
// cookie (`interactionDetails` refuses a request without it), and its uid must
// also match the one in the path. Consent is granted without asking: every
// registered client is SENT's own.

import { errors } from 'oidc-provider';

import { CONTENT_SECURITY_POLICY, loginPage, messagePage } from './pages.mjs';

const ROUTE = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(login|abort))?$/;
const MAX_FORM_BYTES = 8 * 1024;
const WRONG_CREDENTIALS = 'The email or password is not correct.';

class HttpError extends Error {
  constructor(status, title, message) {
    super(message);
    this.status = status;
    this.title = title;
  }
}

function send(res, status, html) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.end(html);
}

async function readForm(req) {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new HttpError(415, 'Unsupported form', 'The form must be sent as application/x-www-form-urlencoded.');
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) {
      throw new HttpError(413, 'Form too large', 'The form is larger than this page accepts.');
    }
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function clientName(provider, clientId) {
  const client = await provider.Client.find(clientId);
  return client?.clientName ?? clientId;
}

async function grantConsent(provider, details) {
  const { prompt, params, session } = details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (!grant) {
    throw new HttpError(400, 'Sign-in expired', 'This sign-in request has expired. Start again from the application.');
  }
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  return details.grantId ? {} : { grantId };
}

/**
 * Returns a node:http handler for the interaction routes, or `null` from
 * `match(pathname)` when a request is not one of them.
 */
export function interactionRoutes({ provider, accounts, log }) {
  async function handle(req, res, uid, action) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) {
      throw new HttpError(400, 'Sign-in expired', 'This sign-in request does not belong to this browser. Start again from the application.');
    }
    const { prompt, params } = details;

    if (action === undefined) {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Not allowed', 'Use GET for this page.');
      if (prompt.name === 'login') {
        const login = typeof params.login_hint === 'string' ? params.login_hint : '';
        send(res, 200, loginPage({ uid, clientName: await clientName(provider, params.client_id), login }));
        return;
      }
      if (prompt.name === 'consent') {
        const consent = await grantConsent(provider, details);
        await provider.interactionFinished(req, res, { consent }, { mergeWithLastSubmission: true });
        return;
      }
      throw new HttpError(400, 'Unsupported step', 'This sign-in step is not supported.');
    }

    if (req.method !== 'POST') throw new HttpError(405, 'Not allowed', 'Use the form on the sign-in page.');

    if (action === 'abort') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'End-User aborted interaction' },
        { mergeWithLastSubmission: false },
      );
      return;
    }

    if (prompt.name !== 'login') throw new HttpError(400, 'Already signed in', 'This sign-in step is already done.');
    const form = await readForm(req);
    const login = (form.get('login') ?? '').trim();
    const account = accounts.authenticate(login, form.get('password') ?? '');
    if (!account) {
      log(`sign-in refused for interaction ${uid}`);
      send(res, 401, loginPage({ uid, clientName: await clientName(provider, params.client_id), login, error: WRONG_CREDENTIALS }));
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub, amr: ['pwd'] } },
      { mergeWithLastSubmission: false },
    );
  }

  return {
    match(pathname) {
      const found = ROUTE.exec(pathname);
      return found ? { uid: found[1], action: found[2] } : null;
    },
    async serve(req, res, { uid, action }) {
      try {
        await handle(req, res, uid, action);
      } catch (error) {
        if (res.headersSent) {
          log(`interaction ${uid} failed after responding: ${error.message}`);
          res.destroy();
        } else if (error instanceof HttpError) {
          send(res, error.status, messagePage(error.title, error.message));
        } else if (error instanceof errors.SessionNotFound) {
          send(res, 400, messagePage('Sign-in expired', 'This sign-in request has expired or was started in another browser. Start again from the application.'));
        } else {
          log(`interaction ${uid} failed: ${error.stack ?? error}`);
          send(res, 500, messagePage('Something went wrong', 'The sign-in page failed. Start again from the application.'));
        }
      }
    },
  };
}
