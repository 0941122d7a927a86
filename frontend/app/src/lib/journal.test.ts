import { describe, expect, it } from "vitest";

import { balances, checkEntry, isBalanced, rowField, type AccountFacts, type EntryDraft, type LineDraft } from "./journal";

const accounts = new Map<string, AccountFacts>([
  ["cash", { accountId: "cash", code: "1000", currency: "EUR" }],
  ["sales", { accountId: "sales", code: "4000", currency: "EUR" }],
  ["usd-cash", { accountId: "usd-cash", code: "1010", currency: "USD" }],
  ["usd-sales", { accountId: "usd-sales", code: "4010", currency: "USD" }],
]);

let n = 0;
function line(accountId: string, debit: string, credit: string, memo = ""): LineDraft {
  n += 1;
  return { key: `k${n}`, accountId, debit, credit, memo };
}

function draft(...lines: LineDraft[]): EntryDraft {
  return { entryDate: "2026-03-01", memo: " Sale ", lines };
}

describe("checkEntry", () => {
  it("passes a balanced entry and builds the params the server takes", () => {
    const check = checkEntry(draft(line("cash", "125.5", ""), line("sales", "", "125.50", "  invoice 7 ")), accounts);
    expect(check).toEqual({
      ok: true,
      rows: [0, 1],
      params: {
        entryDate: "2026-03-01",
        memo: "Sale",
        lines: [
          { accountId: "cash", debit: "125.50", credit: null, memo: null },
          { accountId: "sales", debit: null, credit: "125.50", memo: "invoice 7" },
        ],
      },
    });
  });

  it("refuses an unbalanced entry, saying by how much", () => {
    const check = checkEntry(draft(line("cash", "100", ""), line("sales", "", "90")), accounts);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors["lines"]).toBe("The entry does not balance in EUR: debits 100.00, credits 90.00 (debits exceed by 10.00).");
  });

  it("balances each currency on its own", () => {
    const crossed = draft(line("cash", "10", ""), line("usd-sales", "", "10"));
    const check = checkEntry(crossed, accounts);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors["lines"]).toContain("in EUR");
    expect(check.errors["lines"]).toContain("in USD");
    const both = draft(line("cash", "10", ""), line("sales", "", "10"), line("usd-cash", "3", ""), line("usd-sales", "", "3"));
    expect(checkEntry(both, accounts).ok).toBe(true);
  });

  it("puts each line's problem at its field", () => {
    const check = checkEntry(draft(line("", "5", ""), line("sales", "5", "5"), line("cash", "1.234", ""), line("cash", "", "")), accounts);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors).toMatchObject({
      "lines.0.accountId": "Choose an account.",
      "lines.1.credit": "A line has either a debit or a credit, not both.",
      "lines.2.debit": "At most 2 decimals.",
      "lines.3.debit": "Enter a debit or a credit.",
    });
    // Balance is judged only once every line reads.
    expect(check.errors["lines"]).toBeUndefined();
  });

  it("ignores blank rows but wants two lines", () => {
    const blank = line("", "", "");
    expect(checkEntry(draft(line("cash", "5", ""), blank), accounts)).toMatchObject({ ok: false, errors: { lines: expect.stringContaining("at least two lines") } });
    const check = checkEntry(draft(blank, line("cash", "5", ""), line("", "", ""), line("sales", "", "5")), accounts);
    expect(check).toMatchObject({ ok: true, rows: [1, 3] });
  });

  it("wants a real date", () => {
    const check = checkEntry({ ...draft(line("cash", "1", ""), line("sales", "", "1")), entryDate: "2026-02-30" }, accounts);
    expect(check).toMatchObject({ ok: false, errors: { entryDate: "Enter the entry's date." } });
  });
});

describe("balances", () => {
  it("sums what reads, per currency, as it is typed", () => {
    const sums = balances(draft(line("cash", "10", ""), line("sales", "", "4"), line("sales", "", "x"), line("usd-cash", "2", "")), accounts);
    expect(sums).toEqual([
      { currency: "EUR", debit: 1000n, credit: 400n },
      { currency: "USD", debit: 200n, credit: 0n },
    ]);
    expect(isBalanced(sums)).toBe(false);
    expect(isBalanced([{ currency: "EUR", debit: 5n, credit: 5n }])).toBe(true);
    expect(isBalanced([{ currency: "EUR", debit: 0n, credit: 0n }])).toBe(false);
  });
});

describe("rowField", () => {
  it("maps the server's line index to the form's row", () => {
    expect(rowField("lines[1].credit", [0, 3])).toBe("lines.3.credit");
    expect(rowField("lines[5].debit", [0, 3])).toBe("lines");
    expect(rowField("memo", [0, 3])).toBe("memo");
  });
});
