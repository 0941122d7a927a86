/**
 * The one SENT client of the page, handed down by context so that tests can
 * hand in their own. Calls go through the generated SDK only: the session
 * cookie goes along with the anti-forgery header the SDK adds, and each
 * call names its organization (`{ organization }`), so a page never acts in
 * an organization other than the one its URL names.
 */

import { createClient, type Sent } from "@sent/sdk";
import { createContext, useContext, type ReactNode } from "react";

const SentContext = createContext<Sent | null>(null);

/** The client a browser page uses: same origin, session cookie, 30 s per call. */
export function createBrowserClient(): Sent {
  return createClient({ transport: "auto", timeoutMs: 30_000 });
}

export function SentProvider({ client, children }: { client: Sent; children: ReactNode }): ReactNode {
  return <SentContext.Provider value={client}>{children}</SentContext.Provider>;
}

export function useSent(): Sent {
  const client = useContext(SentContext);
  if (client === null) {
    throw new Error("useSent needs a <SentProvider> above it");
  }
  return client;
}
