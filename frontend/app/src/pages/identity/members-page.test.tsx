import type { Invitation, Me_Serialize, Member } from "@sent/sdk";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";

import { SignedInProvider } from "@/lib/me";
import { fail, fakeServer, ok } from "@/test/fake-server";
import { ACME, renderInOrganization } from "@/test/render";

import { MembersPage } from "./members-page";

const alice: Member = {
  userId: "0190a8e2-0000-7000-8000-0000000a11ce",
  email: "alice@acme.test",
  displayName: "Alice Acme",
  role: "owner",
  version: 1,
  createdAt: "2026-01-02T10:00:00Z",
  updatedAt: "2026-01-02T10:00:00Z",
};
const carol: Member = { ...alice, userId: "0190a8e2-0000-7000-8000-00000000ca01", email: "carol@acme.test", displayName: "Carol", role: "member", version: 3 };
const me: Me_Serialize = { userId: alice.userId, email: alice.email, displayName: alice.displayName, memberships: [ACME] };

const organization = { organizationId: ACME.organizationId, name: "Acme", version: 1, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z" };

function page(): ReactNode {
  return (
    <SignedInProvider me={me}>
      <MembersPage />
    </SignedInProvider>
  );
}

describe("MembersPage", () => {
  it("lists the members, marks the person, and changes a role with the member's version", async () => {
    const server = fakeServer({
      "identity.listMembers": () => ok({ items: [alice, carol], nextCursor: null }),
      "identity.getOrganization": () => ok(organization),
      "identity.listInvitations": () => ok({ items: [], nextCursor: null }),
      "identity.updateMemberRole": (params) => ok({ ...carol, ...(params as object), version: 4 }),
      "identity.me": () => ok(me),
    });
    const user = userEvent.setup({ delay: null });
    renderInOrganization(page(), server.client);

    const aliceRow = await screen.findByRole("row", { name: /alice@acme\.test/ });
    expect(within(aliceRow).getByText("You")).toBeTruthy();
    await user.click(screen.getByRole("combobox", { name: "Role of Carol" }));
    await user.click(await screen.findByRole("option", { name: "Admin" }));

    await waitFor(() => expect(server.callsOf("identity.updateMemberRole")).toHaveLength(1));
    expect(server.callsOf("identity.updateMemberRole")[0]).toMatchObject({
      params: { userId: carol.userId, role: "admin", version: 3 },
      organization: ACME.organizationId,
    });
  });

  it("checks a new member before sending, and shows the server's refusal by kind", async () => {
    const server = fakeServer({
      "identity.listMembers": () => ok({ items: [alice], nextCursor: null }),
      "identity.getOrganization": () => ok(organization),
      "identity.listInvitations": () => ok({ items: [], nextCursor: null }),
      "identity.addMember": () => fail("conflict", -32009, "This user is already a member", {}),
    });
    const user = userEvent.setup({ delay: null });
    renderInOrganization(page(), server.client);
    await user.click(await screen.findByRole("button", { name: "Add by user id" }));
    const dialog = await screen.findByRole("dialog", { name: "Add a member" });

    await user.click(within(dialog).getByRole("button", { name: "Add member" }));
    expect(within(dialog).getByLabelText("User id").getAttribute("aria-invalid")).toBe("true");
    expect(server.callsOf("identity.addMember")).toEqual([]);

    await user.type(within(dialog).getByLabelText("User id"), carol.userId);
    await user.type(within(dialog).getByLabelText("Email"), carol.email);
    await user.type(within(dialog).getByLabelText("Name"), "Carol");
    await user.click(within(dialog).getByRole("button", { name: "Add member" }));

    const alert = await within(dialog).findByRole("alert");
    expect(alert.getAttribute("data-error-kind")).toBe("conflict");
    expect(alert.textContent).toContain("This user is already a member");
    expect(server.callsOf("identity.addMember")[0]?.params).toEqual({ userId: carol.userId, email: carol.email, displayName: "Carol", role: "member" });
  });

  it("lists the invitations to admins, and revokes one with its version, showing a conflict", async () => {
    const pending: Invitation = {
      invitationId: "0190a8e2-0000-7000-8000-0000000001a1",
      email: "dave@acme.test",
      role: "member",
      invitedBy: alice.userId,
      status: "pending",
      createdAt: "2026-03-01T09:00:00Z",
      expiresAt: "2026-03-08T09:00:00Z",
      version: 2,
    };
    const accepted: Invitation = { ...pending, invitationId: "0190a8e2-0000-7000-8000-0000000001a0", email: "carol@acme.test", status: "accepted", invitedBy: carol.userId };
    const server = fakeServer({
      "identity.listMembers": () => ok({ items: [alice], nextCursor: null }),
      "identity.getOrganization": () => ok(organization),
      "identity.listInvitations": () => ok({ items: [pending, accepted], nextCursor: null }),
      "identity.revokeInvitation": () => fail("conflict", -32009, "The invitation is already accepted"),
    });
    const user = userEvent.setup({ delay: null });
    renderInOrganization(page(), server.client, { ...ACME, role: "admin" });

    const invitations = await screen.findByRole("table", { name: "Invitations" });
    const daveRow = within(invitations).getByRole("row", { name: /dave@acme\.test/ });
    expect(within(daveRow).getByText("Pending")).toBeTruthy();
    expect(within(daveRow).getByText("Alice Acme")).toBeTruthy();
    const carolRow = within(invitations).getByRole("row", { name: /carol@acme\.test/ });
    expect(within(carolRow).getByText("Accepted")).toBeTruthy();
    expect(within(carolRow).queryByRole("button", { name: /Revoke/ })).toBeNull();
    // Invitations first; adding by user id stays for those who have one.
    expect(screen.getByRole("button", { name: "Invite member" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Add by user id" })).toBeTruthy();

    await user.click(within(daveRow).getByRole("button", { name: "Revoke the invitation for dave@acme.test" }));
    const confirm = await screen.findByRole("alertdialog", { name: "Revoke the invitation for dave@acme.test?" });
    expect(server.callsOf("identity.revokeInvitation")).toEqual([]);
    await user.click(within(confirm).getByRole("button", { name: "Revoke" }));

    const alert = await within(confirm).findByRole("alert");
    expect(alert.getAttribute("data-error-kind")).toBe("conflict");
    expect(alert.textContent).toContain("The invitation is already accepted");
    expect(server.callsOf("identity.revokeInvitation")[0]).toMatchObject({
      params: { invitationId: pending.invitationId, version: 2 },
      organization: ACME.organizationId,
    });
    // The refusal means the list is stale: it is read again.
    await waitFor(() => expect(server.callsOf("identity.listInvitations").length).toBeGreaterThan(1));
  });

  it("shows no invitations to those who may not manage members", async () => {
    const server = fakeServer({
      "identity.listMembers": () => ok({ items: [alice], nextCursor: null }),
      "identity.getOrganization": () => ok(organization),
    });
    renderInOrganization(page(), server.client, { ...ACME, role: "member" });
    await screen.findByRole("row", { name: /alice@acme\.test/ });
    expect(screen.queryByRole("table", { name: "Invitations" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Invite member" })).toBeNull();
    expect(server.callsOf("identity.listInvitations")).toEqual([]);
  });
});
