import type { Me_Serialize, Sent } from "@sent/sdk";
import { QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it } from "vitest";

import { createQueryClient } from "./app";
import { Toaster } from "./components/ui/toast";
import { SentProvider } from "./lib/sdk";
import { ThemeProvider } from "./lib/theme";
import { routes } from "./routes";
import { fail, fakeServer, ok } from "./test/fake-server";

const ACME = "0190a8e2-0000-7000-8000-00000000acme";
const GLOBEX = "0190a8e2-0000-7000-8000-0000000g1bex";

const bob: Me_Serialize = {
  userId: "0190a8e2-0000-7000-8000-000000000b0b",
  email: "bob@globex.test",
  displayName: "Bob Globex",
  memberships: [{ organizationId: GLOBEX, organizationName: "Globex", role: "member" }],
};

function renderAt(path: string, client: Sent): ReturnType<typeof createMemoryRouter> {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <ThemeProvider>
      <SentProvider client={client}>
        <QueryClientProvider client={createQueryClient()}>
          <Toaster>
            <RouterProvider router={router} />
          </Toaster>
        </QueryClientProvider>
      </SentProvider>
    </ThemeProvider>,
  );
  return router;
}

const emptyLedger = {
  "ledger.listAccounts": () => ok({ items: [], nextCursor: null }),
  "ledger.trialBalance": (params: unknown) => ok({ asOf: (params as { asOf: string }).asOf, rows: [], totals: [] }),
  "ledger.listEntries": () => ok({ items: [], nextCursor: null }),
};

describe("the page tree", () => {
  it("asks to sign in, coming back to the page asked for", async () => {
    const server = fakeServer({ "identity.me": () => fail("unauthenticated", -32001, "sign in first") });
    renderAt(`/orgs/${ACME}/ledger/journal?x=1`, server.client);
    const link = await screen.findByRole("link", { name: "Sign in" });
    expect(link.getAttribute("href")).toBe(`/auth/login?returnTo=${encodeURIComponent(`/orgs/${ACME}/ledger/journal?x=1`)}`);
  });

  it("shows a loading state, then opens the first organization's ledger with its empty states", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const server = fakeServer({ "identity.me": async () => (await gate, ok(bob)), ...emptyLedger });
    const router = renderAt("/", server.client);
    expect(screen.getByRole("status").textContent).toContain("Loading SENT");
    release();
    await waitFor(() => expect(router.state.location.pathname).toBe(`/orgs/${GLOBEX}/ledger`));
    expect(await screen.findByText("No accounts yet")).toBeTruthy();
    expect(server.callsOf("ledger.listAccounts").every((call) => call.organization === GLOBEX)).toBe(true);
  });

  it("never asks the server for an organization the person is not a member of", async () => {
    const server = fakeServer({ "identity.me": () => ok(bob), ...emptyLedger });
    renderAt(`/orgs/${ACME}/ledger`, server.client);
    expect(await screen.findByText("You are not a member of this organization")).toBeTruthy();
    expect(server.calls.filter((call) => call.organization === ACME)).toEqual([]);
  });

  it("switches organizations from the switcher, which lists only the person's", async () => {
    const two: Me_Serialize = { ...bob, memberships: [...bob.memberships, { organizationId: ACME, organizationName: "Acme", role: "auditor" }] };
    const server = fakeServer({ "identity.me": () => ok(two), ...emptyLedger });
    const router = renderAt(`/orgs/${GLOBEX}/ledger`, server.client);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole("button", { name: /Organization: Globex/ }));
    const items = await screen.findAllByRole("menuitemradio");
    expect(items.map((item) => item.textContent)).toEqual(["AcmeAuditor", "GlobexMember"]);
    await user.click(items[0] as HTMLElement);
    await waitFor(() => expect(router.state.location.pathname).toBe(`/orgs/${ACME}/ledger`));
  });

  it("shows an error by its kind when the server cannot be reached", async () => {
    const server = fakeServer({ "identity.me": () => fail("unavailable", -32030, "the database is restarting") });
    renderAt("/", server.client);
    const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
    expect(alert.getAttribute("data-error-kind")).toBe("unavailable");
    expect(alert.textContent).toContain("SENT is unavailable");
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
  });
});
