// The demo users: password check and the claims oidc-provider asks for.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

function digest(value) {
  return createHash('sha256').update(String(value), 'utf8').digest();
}

/** `users`: `[{ email, name, sub, password }]` from the state directory. */
export function demoAccounts(users) {
  const byEmail = new Map(users.map((user) => [user.email.toLowerCase(), user]));
  const bySub = new Map(users.map((user) => [user.sub, user]));
  // Compared against when the email is unknown, so a wrong email costs the same
  // as a wrong password and the answer does not tell which one was wrong.
  const unknownUserPassword = randomBytes(32);

  return {
    /** The user for this email and password, or `null`; never says which part was wrong. */
    authenticate(email, password) {
      const user = byEmail.get(String(email).trim().toLowerCase());
      const expected = user ? digest(user.password) : unknownUserPassword;
      const matches = timingSafeEqual(expected, digest(password));
      return user && matches ? user : null;
    },

    /** oidc-provider's `findAccount`. */
    async findAccount(ctx, sub) {
      const user = bySub.get(sub);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        async claims() {
          return { sub: user.sub, email: user.email, email_verified: true, name: user.name };
        },
      };
    },

    bySub(sub) {
      return bySub.get(sub);
    },
  };
}
