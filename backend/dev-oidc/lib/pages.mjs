// The provider's few HTML pages. Self-contained (no external fonts or scripts),
// so they render offline and under a strict Content-Security-Policy.

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { width: min(22rem, 100% - 2rem); padding: 1.5rem; border: 1px solid GrayText; border-radius: .5rem; }
  h1 { font-size: 1.25rem; margin: 0 0 .25rem; }
  p { margin: 0 0 1rem; }
  label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
  input { box-sizing: border-box; width: 100%; padding: .5rem; font: inherit; }
  button { margin-top: 1rem; width: 100%; padding: .6rem; font: inherit; font-weight: 600; cursor: pointer; }
  button.secondary { font-weight: 400; }
  [role=alert] { padding: .5rem .75rem; border: 2px solid #b3261e; border-radius: .25rem; margin-bottom: .5rem; }
  :focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
`;

export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

const HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/** A whole page; `body` must already be escaped. */
export function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · SENT</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function loginPage({ uid, clientName, login, error }) {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const alert = error ? `<div role="alert" id="login-error">${escapeHtml(error)}</div>\n` : '';
  const describedBy = error ? ' aria-describedby="login-error" aria-invalid="true"' : '';
  return page('Sign in', `<h1>Sign in</h1>
<p>to continue to ${escapeHtml(clientName)}</p>
${alert}<form method="post" action="${action}/login" autocomplete="on">
<label for="login">Email</label>
<input id="login" name="login" type="email" autocomplete="username" required value="${escapeHtml(login)}"${describedBy}${login ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}${login ? ' autofocus' : ''}>
<button type="submit">Sign in</button>
</form>
<form method="post" action="${action}/abort">
<button type="submit" class="secondary">Cancel</button>
</form>`);
}

export function messagePage(title, message) {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

/** oidc-provider's `features.rpInitiatedLogout.logoutSource`; `form` is its own hidden form. */
export function logoutPage(host, form) {
  return page('Sign out', `<h1>Sign out</h1>
<p>Do you want to sign out from ${escapeHtml(host)}?</p>
${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm" class="secondary">No, stay signed in</button>`);
}

/** oidc-provider's `renderError`: only the error code and its description, both escaped. */
export function errorPage(out) {
  const details = Object.entries(out)
    .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(value)}</p>`)
    .join('\n');
  return page('Something went wrong', `<h1>Something went wrong</h1>\n${details}`);
}
