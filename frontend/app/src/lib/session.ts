/**
 * Signing in and out happen outside JSON-RPC: sign-in is a browser
 * navigation through the identity provider, sign-out a POST that ends the
 * server-side session and clears its HttpOnly cookie (which no script can
 * read or clear itself).
 */

/** Where a "Sign in" link goes; the server brings the browser back to `returnTo`. */
export function signInHref(returnTo: string): string {
  const path = returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : "/";
  return `/auth/login?returnTo=${encodeURIComponent(path)}`;
}

/**
 * End this session (or, with `everywhere`, every session of the user). The
 * header is the one the server requires of cookie-authenticated requests: a
 * form on another site cannot send it, so no other site can sign you out.
 */
export async function signOut(everywhere = false): Promise<void> {
  const response = await fetch(everywhere ? "/auth/logout?everywhere=true" : "/auth/logout", {
    method: "POST",
    credentials: "same-origin",
    headers: { "X-Sent-Csrf": "1" },
  });
  if (!response.ok) {
    throw new Error(`Sign-out failed (${response.status}); try again.`);
  }
}
