import type { Invitation, IssuedInvitation } from "@sent/sdk";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { fail, fakeServer, ok } from "@/test/fake-server";
import { ACME, renderInOrganization } from "@/test/render";

import { InviteMemberDialog } from "./invite-member-dialog";

const TOKEN = "0190a8e200007000800000000000acme.Zm9vYmFyLWJhei1xdXV4LXNlY3JldC0wMTIzNDU2Nzg5";

const invitation: Invitation = {
  invitationId: "0190a8e2-0000-7000-8000-0000000001a1",
  email: "carol@acme.test",
  role: "admin",
  invitedBy: "0190a8e2-0000-7000-8000-0000000a11ce",
  status: "pending",
  createdAt: "2026-03-01T09:00:00Z",
  expiresAt: "2026-03-15T09:00:00Z",
  version: 1,
};
const issued: IssuedInvitation = { invitation, token: TOKEN };

async function openDialog(user: ReturnType<typeof userEvent.setup>): Promise<HTMLElement> {
  await user.click(screen.getByRole("button", { name: "Invite member" }));
  return screen.findByRole("dialog", { name: "Invite a member" });
}

async function roleOptions(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement): Promise<string[]> {
  await user.click(within(dialog).getByRole("combobox", { name: "Role" }));
  const options = await screen.findAllByRole("option");
  const names = options.map((option) => option.textContent ?? "");
  await user.keyboard("{Escape}");
  return names;
}

describe("InviteMemberDialog", () => {
  it("offers ownership to owners only", async () => {
    const server = fakeServer({});
    const user = userEvent.setup({ delay: null });
    const owner = renderInOrganization(<InviteMemberDialog />, server.client, ACME);
    expect(await roleOptions(user, await openDialog(user))).toEqual(["Auditor", "Member", "Admin", "Owner"]);
    owner.unmount();

    renderInOrganization(<InviteMemberDialog />, server.client, { ...ACME, role: "admin" });
    expect(await roleOptions(user, await openDialog(user))).toEqual(["Auditor", "Member", "Admin"]);
  });

  it("checks the form before sending, and shows the server's refusal at its field or by kind", async () => {
    let answer = fail("validation", -32022, "validDays must be between 1 and 30", { field: "validDays" });
    const server = fakeServer({ "identity.inviteMember": () => answer });
    const user = userEvent.setup({ delay: null });
    renderInOrganization(<InviteMemberDialog />, server.client);
    const dialog = await openDialog(user);
    const days = within(dialog).getByLabelText("Valid for (days)");

    await user.clear(days);
    await user.type(days, "45");
    await user.click(within(dialog).getByRole("button", { name: "Create invitation" }));
    expect(within(dialog).getByLabelText("Email").getAttribute("aria-invalid")).toBe("true");
    expect(days.getAttribute("aria-invalid")).toBe("true");
    expect(server.callsOf("identity.inviteMember")).toEqual([]);

    await user.type(within(dialog).getByLabelText("Email"), "carol@acme.test");
    await user.clear(days);
    await user.type(days, "30");
    await user.click(within(dialog).getByRole("button", { name: "Create invitation" }));
    await waitFor(() => expect(days.getAttribute("aria-invalid")).toBe("true"));
    expect(within(dialog).getByText("validDays must be between 1 and 30")).toBeTruthy();

    answer = fail("conflict", -32009, "carol@acme.test already has an open invitation");
    await user.click(within(dialog).getByRole("button", { name: "Create invitation" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert.getAttribute("data-error-kind")).toBe("conflict");
    expect(alert.textContent).toContain("already has an open invitation");
    expect(server.callsOf("identity.inviteMember")).toHaveLength(2);
  });

  it("sends the invitation in the page's organization, then shows its link once", async () => {
    const server = fakeServer({ "identity.inviteMember": () => ok(issued) });
    const user = userEvent.setup({ delay: null });
    renderInOrganization(<InviteMemberDialog />, server.client);
    let dialog = await openDialog(user);

    await user.type(within(dialog).getByLabelText("Email"), "  carol@acme.test ");
    await user.click(within(dialog).getByRole("combobox", { name: "Role" }));
    await user.click(await screen.findByRole("option", { name: "Admin" }));
    const days = within(dialog).getByLabelText("Valid for (days)");
    await user.clear(days);
    await user.type(days, "14");
    await user.click(within(dialog).getByRole("button", { name: "Create invitation" }));

    dialog = await screen.findByRole("dialog", { name: "Invitation created" });
    expect(server.callsOf("identity.inviteMember")).toEqual([
      expect.objectContaining({ params: { email: "carol@acme.test", role: "admin", validDays: 14 }, organization: ACME.organizationId }),
    ]);
    const link = `${window.location.origin}/invitations/accept#token=${encodeURIComponent(TOKEN)}`;
    const shown = within(dialog).getByLabelText("Invitation link") as HTMLInputElement;
    expect(shown.value).toBe(link);
    // The secret is only in the fragment, which browsers never send to a server.
    expect(new URL(shown.value).pathname + new URL(shown.value).search).not.toContain(TOKEN.slice(-10));
    expect(within(dialog).getByRole("note").textContent).toContain("Shown once");
    expect(dialog.textContent).toContain("carol@acme.test");

    await user.click(within(dialog).getByRole("button", { name: "Copy link" }));
    expect(await navigator.clipboard.readText()).toBe(link);
    expect(within(dialog).getByRole("button", { name: "Copied" })).toBeTruthy();

    await user.click(within(dialog).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(document.body.innerHTML).not.toContain(TOKEN.slice(-10));

    // Opened again: a fresh form, and the secret is nowhere to be seen.
    dialog = await openDialog(user);
    expect((within(dialog).getByLabelText("Email") as HTMLInputElement).value).toBe("");
    expect(screen.queryByDisplayValue(new RegExp(TOKEN.slice(-10)))).toBeNull();
    expect(document.body.innerHTML).not.toContain(TOKEN.slice(-10));
  });
});
