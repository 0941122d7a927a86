/**
 * The organization a page acts in: the one its URL names
 * (`/orgs/<id>/...`), with the person's role in it. Every query key starts
 * with the app and this id, so switching organizations never shows another
 * organization's cached data.
 */

import type { Membership } from "@sent/sdk";
import { createContext, useContext, type ReactNode } from "react";

const OrganizationContext = createContext<Membership | null>(null);

export function OrganizationProvider({ membership, children }: { membership: Membership; children: ReactNode }): ReactNode {
  return <OrganizationContext.Provider value={membership}>{children}</OrganizationContext.Provider>;
}

export function useOrganization(): Membership {
  const membership = useContext(OrganizationContext);
  if (membership === null) {
    throw new Error("useOrganization is for pages under /orgs/:orgId");
  }
  return membership;
}

const LAST_KEY = "sent.organization";

/** The organization last worked in, to open next time. */
export function lastOrganization(): string | null {
  try {
    return window.localStorage.getItem(LAST_KEY);
  } catch {
    return null;
  }
}

export function rememberOrganization(organizationId: string): void {
  try {
    window.localStorage.setItem(LAST_KEY, organizationId);
  } catch {
    // Without storage the first organization opens next time.
  }
}

export function orgPath(organizationId: string, rest = ""): string {
  return `/orgs/${organizationId}${rest === "" ? "" : `/${rest.replace(/^\//, "")}`}`;
}
