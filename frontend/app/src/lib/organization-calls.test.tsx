import type { Organization } from "@sent/sdk";
import { QueryClientProvider } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";

import { createQueryClient } from "@/app";
import { OrganizationProvider } from "@/lib/organization";
import { SentProvider } from "@/lib/sdk";
import { fail, fakeServer, ok, type FakeServer } from "@/test/fake-server";
import { ACME } from "@/test/render";

import { useOrganizationMutation, useOrganizationQuery, type Refresh } from "./organization-calls";

const acme: Organization = { organizationId: ACME.organizationId, name: "Acme", createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z", version: 1 };
const key = (org: string) => ["test", org, "organization"] as const;

function wrapper(server: FakeServer) {
  const queryClient = createQueryClient();
  return function Providers({ children }: { children: ReactNode }): ReactNode {
    return (
      <SentProvider client={server.client}>
        <QueryClientProvider client={queryClient}>
          <OrganizationProvider membership={ACME}>{children}</OrganizationProvider>
        </QueryClientProvider>
      </SentProvider>
    );
  };
}

/** The organization read through a query, and renamed through a mutation refreshing it `when`. */
function renderBoth(server: FakeServer, when: Refresh["when"]) {
  return renderHook(
    () => ({
      read: useOrganizationQuery(key, (sent, _, options) => sent.identity.getOrganization(options)),
      rename: useOrganizationMutation((sent, name: string, options) => sent.identity.updateOrganization({ name, version: 1 }, options), {
        keys: (org) => [key(org)],
        ...(when === undefined ? {} : { when }),
      }),
    }),
    { wrapper: wrapper(server) },
  );
}

describe("organization calls", () => {
  it("are made in the page's organization, and a change is done once its queries were read again", async () => {
    const server = fakeServer({
      "identity.getOrganization": () => ok(acme),
      "identity.updateOrganization": () => ok({ ...acme, name: "Acme Ltd", version: 2 }),
    });
    const { result } = renderBoth(server, undefined);
    await waitFor(() => expect(result.current.read.data?.name).toBe("Acme"));
    await result.current.rename.mutateAsync("Acme Ltd");
    expect(server.callsOf("identity.getOrganization")).toHaveLength(2);
    expect(server.calls.every((call) => call.organization === ACME.organizationId)).toBe(true);
  });

  it.each([
    ["settled", 2],
    ["success", 1],
  ] as const)("after a refusal, with refresh on %s, the query is read %i time(s) in all", async (when, reads) => {
    const server = fakeServer({
      "identity.getOrganization": () => ok(acme),
      "identity.updateOrganization": () => fail("conflict", -32009, "changed meanwhile"),
    });
    const { result } = renderBoth(server, when);
    await waitFor(() => expect(result.current.read.isSuccess).toBe(true));
    // The mutation settles only once what it refreshes was read again.
    await expect(result.current.rename.mutateAsync("Acme Ltd")).rejects.toThrow("changed meanwhile");
    expect(server.callsOf("identity.getOrganization")).toHaveLength(reads);
  });
});
