/**
 * The link an invitee opens: `<origin>/invitations/accept#token=<secret>`.
 *
 * The secret travels in the fragment, which browsers never send to a server,
 * so it stays out of every access log and `Referer`. For the same reason it
 * cannot ride through the sign-in round trip (`returnTo` reaches the server):
 * a signed-out visitor's secret is kept in this tab's session storage until
 * the invitation is accepted or refused for good.
 */

export const ACCEPT_PATH = "/invitations/accept";

const STORAGE_KEY = "sent.invitation";

/** The link to send to the invitee. */
export function invitationLink(token: string, origin: string = window.location.origin): string {
  return `${origin}${ACCEPT_PATH}#token=${encodeURIComponent(token)}`;
}

/** The secret in a location's fragment (`#token=...`), if it carries one. */
export function tokenFromFragment(hash: string): string | null {
  const fragment = hash.startsWith("#") ? hash.slice(1) : hash;
  if (fragment === "") return null;
  const token = new URLSearchParams(fragment).get("token")?.trim() ?? "";
  return token === "" ? null : token;
}

/** Keep the secret for this tab, across the sign-in round trip; false when there is no storage. */
export function keepToken(token: string): boolean {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, token);
    return true;
  } catch {
    return false;
  }
}

export function keptToken(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Forget the secret once it is used, or can never be. */
export function forgetToken(): void {
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was kept.
  }
}
