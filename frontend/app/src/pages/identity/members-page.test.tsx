import type { Me_Serialize, Member } from "@sent/sdk";
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
      "identity.addMember": () => fail("conflict", -32009, "This user is already a member", {}),
    });
    const user = userEvent.setup({ delay: null });
    renderInOrganization(page(), server.client);
    await user.click(await screen.findByRole("button", { name: "Add member" }));
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
});
