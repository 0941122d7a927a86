import type { Me_Serialize, Membership } from "@sent/sdk";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { fail, fakeServer, ok, type Answer } from "@/test/fake-server";
import { renderAt } from "@/test/render";

import { invitationLink, keptToken, tokenFromFragment } from "./invitation-link";

const ACME_ID = "0190a8e2-0000-7000-8000-00000000acme";
const TOKEN = "0190a8e200007000800000000000acme.Zm9vYmFyLWJhei1xdXV4LXNlY3JldC0wMTIzNDU2Nzg5";
const joined: Membership = { organizationId: ACME_ID, organizationName: "Acme", role: "member" };
const carol: Me_Serialize = { userId: "0190a8e2-0000-7000-8000-00000000ca01", email: "carol@acme.test", displayName: "Carol", memberships: [] };

const emptyLedger = {
  "ledger.listAccounts": () => ok({ items: [], nextCursor: null }),
  "ledger.trialBalance": (params: unknown) => ok({ asOf: (params as { asOf: string }).asOf, rows: [], totals: [] }),
  "ledger.listEntries": () => ok({ items: [], nextCursor: null }),
};

describe("the invitation link", () => {
  it("carries the secret in its fragment only, and reads it back", () => {
    const link = new URL(invitationLink(TOKEN, "https://sent.example"));
    expect(link.origin + link.pathname + link.search).toBe("https://sent.example/invitations/accept");
    expect(tokenFromFragment(link.hash)).toBe(TOKEN);
    expect(tokenFromFragment(`#token=${encodeURIComponent("a b/c")}`)).toBe("a b/c");
    expect(tokenFromFragment("#from=mail&token=xyz")).toBe("xyz");
    expect(tokenFromFragment("token=xyz")).toBe("xyz");
    for (const none of ["", "#", "#token=", "#token=%20", "#tokens=xyz", "#xyz"]) {
      expect(tokenFromFragment(none)).toBeNull();
    }
  });
});

describe("AcceptInvitationPage", () => {
  it("keeps the secret through sign-in, which comes back to this page, and takes it out of the address bar", async () => {
    const server = fakeServer({ "identity.me": () => fail("unauthenticated", -32001, "sign in first") });
    const router = renderAt(`/invitations/accept#token=${encodeURIComponent(TOKEN)}`, server.client);
    const link = await screen.findByRole("link", { name: "Sign in" });
    expect(link.getAttribute("href")).toBe(`/auth/login?returnTo=${encodeURIComponent("/invitations/accept")}`);
    expect(keptToken()).toBe(TOKEN);
    await waitFor(() => expect(router.state.location.hash).toBe(""));
    expect(router.state.location.pathname).toBe("/invitations/accept");
  });

  it("asks to confirm, joins with the kept secret, and opens the organization joined", async () => {
    window.sessionStorage.setItem("sent.invitation", TOKEN);
    let me = carol;
    const server = fakeServer({
      "identity.me": () => ok(me),
      "identity.acceptInvitation": () => {
        me = { ...carol, memberships: [joined] };
        return ok(joined);
      },
      ...emptyLedger,
    });
    const router = renderAt("/invitations/accept", server.client);
    const user = userEvent.setup({ delay: null });

    expect(await screen.findByText("Join an organization?")).toBeTruthy();
    expect(screen.getByText("carol@acme.test")).toBeTruthy();
    expect(server.callsOf("identity.acceptInvitation")).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Join the organization" }));

    await waitFor(() => expect(router.state.location.pathname).toBe(`/orgs/${ACME_ID}/ledger`));
    expect(server.callsOf("identity.acceptInvitation")).toEqual([expect.objectContaining({ params: { token: TOKEN }, organization: null })]);
    expect(await screen.findByRole("button", { name: /Organization: Acme/ })).toBeTruthy();
    expect(await screen.findByText("Welcome to Acme")).toBeTruthy();
    expect(window.localStorage.getItem("sent.organization")).toBe(ACME_ID);
    expect(keptToken()).toBeNull();
  });

  const refusals: [string, Answer, string][] = [
    ["forbidden", fail("forbidden", -32003, "This invitation is for another email address"), "This invitation is for another email address"],
    ["conflict", fail("conflict", -32009, "The invitation is revoked"), "This invitation can no longer be used"],
    ["notFound", fail("notFound", -32004, "Invitation not found"), "There is no such invitation"],
    ["validation", fail("validation", -32022, "token is not an invitation's secret", { field: "token" }), "This link is not a whole invitation"],
  ];

  it.each(refusals)("says what a %s refusal means, and forgets a secret that cannot work", async (kind, answer, title) => {
    const server = fakeServer({ "identity.me": () => ok(carol), "identity.acceptInvitation": () => answer });
    const router = renderAt(`/invitations/accept#token=${encodeURIComponent(TOKEN)}`, server.client);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole("button", { name: "Join the organization" }));

    const alert = await screen.findByRole("alert");
    expect(alert.getAttribute("data-error-kind")).toBe(kind);
    expect(alert.textContent).toContain(title);
    if (kind === "forbidden") expect(alert.textContent).toContain("You are signed in as carol@acme.test");
    if (kind === "conflict") expect(alert.textContent).toContain("The invitation is revoked");
    expect(screen.getByRole("button", { name: "Join the organization" }).hasAttribute("disabled")).toBe(true);
    expect(keptToken()).toBeNull();
    expect(router.state.location.pathname).toBe("/invitations/accept");
  });

  it("keeps the secret when the refusal may pass (the server was busy)", async () => {
    const server = fakeServer({ "identity.me": () => ok(carol), "identity.acceptInvitation": () => fail("unavailable", -32030, "the database is restarting") });
    renderAt(`/invitations/accept#token=${encodeURIComponent(TOKEN)}`, server.client);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole("button", { name: "Join the organization" }));
    expect((await screen.findByRole("alert")).getAttribute("data-error-kind")).toBe("unavailable");
    expect(keptToken()).toBe(TOKEN);
    expect(screen.getByRole("button", { name: "Join the organization" }).hasAttribute("disabled")).toBe(false);
  });

  it("says so when the link carries no invitation, and sends nothing", async () => {
    const server = fakeServer({ "identity.me": () => ok(carol) });
    renderAt("/invitations/accept#from=mail", server.client);
    expect(await screen.findByText("This link carries no invitation")).toBeTruthy();
    expect(server.callsOf("identity.acceptInvitation")).toEqual([]);
  });
});
