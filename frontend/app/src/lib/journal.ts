/**
 * A journal entry as it is typed, and the checks it must pass before it is
 * sent: the same rules the server applies (at least two lines, each a
 * positive debit or credit with at most 2 decimals, debits equal to credits
 * in every currency), so an unbalanced entry is refused here, with the
 * difference shown, and never sent.
 */

import type { PostEntry_Deserialize } from "@sent/sdk";

import { isDay } from "./dates";
import { centsToWire, formatCents, parseAmountInput } from "./money";

export interface LineDraft {
  /** A stable React key for the row. */
  readonly key: string;
  readonly accountId: string;
  readonly debit: string;
  readonly credit: string;
  readonly memo: string;
}

export interface EntryDraft {
  readonly entryDate: string;
  readonly memo: string;
  readonly lines: readonly LineDraft[];
}

/** What the checks need to know of an account. */
export interface AccountFacts {
  readonly accountId: string;
  readonly code: string;
  readonly currency: string;
}

/** Field → message; fields are `entryDate`, `memo`, `lines`, `lines.<row>.<accountId|debit|credit|memo>`. */
export type FieldErrors = Readonly<Record<string, string>>;

export interface CurrencyBalance {
  readonly currency: string;
  readonly debit: bigint;
  readonly credit: bigint;
}

export type EntryCheck =
  | {
      readonly ok: true;
      readonly params: PostEntry_Deserialize;
      /** For each line sent, the form row it came from (blank rows are not sent). */
      readonly rows: readonly number[];
    }
  | { readonly ok: false; readonly errors: FieldErrors };

export const MAX_LINES = 500;
const MAX_MEMO = 500;

function isBlank(line: LineDraft): boolean {
  return line.accountId === "" && line.debit.trim() === "" && line.credit.trim() === "" && line.memo.trim() === "";
}

/**
 * Debits and credits of each currency, over the lines whose account and
 * amount are readable: what the form shows as it is typed.
 */
export function balances(draft: EntryDraft, accounts: ReadonlyMap<string, AccountFacts>): CurrencyBalance[] {
  const sums = new Map<string, { debit: bigint; credit: bigint }>();
  for (const line of draft.lines) {
    const account = accounts.get(line.accountId);
    if (account === undefined) {
      continue;
    }
    const sum = sums.get(account.currency) ?? { debit: 0n, credit: 0n };
    const debit = parseAmountInput(line.debit);
    const credit = parseAmountInput(line.credit);
    if (debit.kind === "amount") {
      sum.debit += debit.cents;
    }
    if (credit.kind === "amount") {
      sum.credit += credit.cents;
    }
    sums.set(account.currency, sum);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, { debit, credit }]) => ({ currency, debit, credit }));
}

/** Whether every currency's debits equal its credits (and something was entered). */
export function isBalanced(sums: readonly CurrencyBalance[]): boolean {
  return sums.length > 0 && sums.every((sum) => sum.debit === sum.credit) && sums.some((sum) => sum.debit > 0n);
}

/** Check an entry; the params to send when it passes, every problem otherwise. */
export function checkEntry(draft: EntryDraft, accounts: ReadonlyMap<string, AccountFacts>): EntryCheck {
  const errors: Record<string, string> = {};
  if (!isDay(draft.entryDate)) {
    errors["entryDate"] = "Enter the entry's date.";
  }
  if (draft.memo.length > MAX_MEMO) {
    errors["memo"] = `At most ${MAX_MEMO} characters.`;
  }
  const rows: number[] = [];
  const lines: PostEntry_Deserialize["lines"] = [];
  draft.lines.forEach((line, row) => {
    if (isBlank(line)) {
      return;
    }
    const field = (name: string): string => `lines.${row}.${name}`;
    let valid = true;
    if (!accounts.has(line.accountId)) {
      errors[field("accountId")] = "Choose an account.";
      valid = false;
    }
    const debit = parseAmountInput(line.debit);
    const credit = parseAmountInput(line.credit);
    if (debit.kind === "invalid") {
      errors[field("debit")] = debit.reason;
      valid = false;
    }
    if (credit.kind === "invalid") {
      errors[field("credit")] = credit.reason;
      valid = false;
    }
    if (debit.kind === "amount" && credit.kind === "amount") {
      errors[field("credit")] = "A line has either a debit or a credit, not both.";
      valid = false;
    } else if (debit.kind === "empty" && credit.kind === "empty") {
      errors[field("debit")] = "Enter a debit or a credit.";
      valid = false;
    }
    if (line.memo.length > MAX_MEMO) {
      errors[field("memo")] = `At most ${MAX_MEMO} characters.`;
      valid = false;
    }
    if (valid) {
      rows.push(row);
      lines.push({
        accountId: line.accountId,
        debit: debit.kind === "amount" ? centsToWire(debit.cents) : null,
        credit: credit.kind === "amount" ? centsToWire(credit.cents) : null,
        memo: line.memo.trim() === "" ? null : line.memo.trim(),
      });
    }
  });
  const filled = draft.lines.filter((line) => !isBlank(line)).length;
  if (filled < 2) {
    errors["lines"] = "An entry has at least two lines: a debit and a credit.";
  } else if (filled > MAX_LINES) {
    errors["lines"] = `An entry has at most ${MAX_LINES} lines.`;
  } else if (Object.keys(errors).every((key) => !key.startsWith("lines."))) {
    const unbalanced = balances(draft, accounts).filter((sum) => sum.debit !== sum.credit);
    if (unbalanced.length > 0) {
      errors["lines"] = unbalanced.map(describeImbalance).join(" ");
    }
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return { ok: true, params: { entryDate: draft.entryDate, memo: draft.memo.trim(), lines }, rows };
}

export function describeImbalance(sum: CurrencyBalance): string {
  const difference = sum.debit > sum.credit ? sum.debit - sum.credit : sum.credit - sum.debit;
  const heavier = sum.debit > sum.credit ? "debits" : "credits";
  return (
    `The entry does not balance in ${sum.currency}: debits ${formatCents(sum.debit)}, ` +
    `credits ${formatCents(sum.credit)} (${heavier} exceed by ${formatCents(difference)}).`
  );
}

/**
 * The form field a server error names, in the form's rows: the server counts
 * only the lines sent, the form counts every row.
 */
export function rowField(serverField: string, rows: readonly number[]): string {
  const match = /^lines\[(\d+)\]\.(\w+)$/.exec(serverField);
  if (match === null) {
    return serverField;
  }
  const row = rows[Number(match[1])];
  return row === undefined ? "lines" : `lines.${row}.${match[2] ?? ""}`;
}
