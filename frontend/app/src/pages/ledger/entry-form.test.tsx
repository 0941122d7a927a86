import type { Account } from "@sent/sdk";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { fail, fakeServer, ok } from "@/test/fake-server";
import { ACME, renderInOrganization } from "@/test/render";

import { EntryForm } from "./entry-form";

function account(code: string, name: string, kind: Account["kind"]): Account {
  return { accountId: `00000000-0000-7000-8000-00000000${code}`, code, name, kind, currency: "EUR", version: 1, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z" };
}

const cash = account("1000", "Cash", "asset");
const sales = account("4000", "Sales", "income");

async function chooseAccount(user: UserEvent, line: number, label: string): Promise<void> {
  await user.click(screen.getByLabelText(`Line ${line} account`));
  await user.click(await screen.findByRole("option", { name: label }));
}

async function fillEntry(user: UserEvent, debit: string, credit: string): Promise<void> {
  await user.type(screen.getByLabelText("Description"), "Cash sale");
  await chooseAccount(user, 1, "1000 Cash (EUR)");
  await user.type(screen.getByLabelText("Line 1 debit (EUR)"), debit);
  await chooseAccount(user, 2, "4000 Sales (EUR)");
  await user.type(screen.getByLabelText("Line 2 credit (EUR)"), credit);
}

describe("EntryForm", () => {
  it("refuses an unbalanced entry without sending it", async () => {
    const server = fakeServer({});
    const user = userEvent.setup({ delay: null });
    renderInOrganization(<EntryForm accounts={[cash, sales]} />, server.client);
    await fillEntry(user, "100", "90");
    expect(screen.getByText("Not balanced")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Post entry" }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The entry does not balance in EUR: debits 100.00, credits 90.00 (debits exceed by 10.00).");
    expect(server.callsOf("ledger.postEntry")).toEqual([]);
  });

  it("posts a balanced entry in the page's organization and clears the form", async () => {
    const server = fakeServer({
      "ledger.postEntry": (params) => {
        const p = params as { entryDate: string; memo: string };
        return ok({ entryId: "e-1", entryDate: p.entryDate, memo: p.memo, reversesEntryId: null, reversedByEntryId: null, postedBy: "u", postedAt: "2026-01-01T00:00:00Z", lines: [] });
      },
    });
    const user = userEvent.setup({ delay: null });
    renderInOrganization(<EntryForm accounts={[cash, sales]} />, server.client);
    await fillEntry(user, "125.5", "125.50");
    expect(screen.getByText("Balanced")).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Post entry" }));

    await waitFor(() => expect(server.callsOf("ledger.postEntry")).toHaveLength(1));
    const [call] = server.callsOf("ledger.postEntry");
    expect(call?.organization).toBe(ACME.organizationId);
    expect(call?.csrf).toBe("1");
    expect(call?.params).toMatchObject({
      memo: "Cash sale",
      lines: [
        { accountId: cash.accountId, debit: "125.50", credit: null, memo: null },
        { accountId: sales.accountId, debit: null, credit: "125.50", memo: null },
      ],
    });
    await waitFor(() => expect((screen.getByLabelText("Description") as HTMLInputElement).value).toBe(""));
  });

  it("shows the server's typed error, at the field it names", async () => {
    const server = fakeServer({
      "ledger.postEntry": () => fail("validation", -32022, "an amount has at most 2 decimals", { field: "lines[1].credit" }),
    });
    const user = userEvent.setup({ delay: null });
    renderInOrganization(<EntryForm accounts={[cash, sales]} />, server.client);
    await fillEntry(user, "10", "10");

    await user.click(screen.getByRole("button", { name: "Post entry" }));

    const alert = await screen.findByRole("alert");
    expect(alert.getAttribute("data-error-kind")).toBe("validation");
    expect(within(alert).getByText("Check the form")).toBeTruthy();
    expect(within(alert).getByText("req-test-1")).toBeTruthy();
    const credit = screen.getByLabelText("Line 2 credit (EUR)");
    expect(credit.getAttribute("aria-invalid")).toBe("true");
    const describedBy = credit.getAttribute("aria-describedby") ?? "";
    expect(describedBy).not.toBe("");
    expect(document.getElementById(describedBy.split(" ").at(-1) ?? "")?.textContent).toBe("an amount has at most 2 decimals");
  });
});
