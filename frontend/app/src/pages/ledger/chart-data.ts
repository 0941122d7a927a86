/**
 * What the balance chart draws: each account with activity, by its natural
 * balance. Assets and expenses normally carry a debit balance, liabilities,
 * equity and income a credit one; drawn that way, every bar of healthy books
 * points right, and one pointing left (an overdrawn account) stands out.
 */

import type { AccountKind, TrialBalanceRow } from "@sent/sdk";

import { centsFromWire } from "@/lib/money";

export const KIND_ORDER: readonly AccountKind[] = ["asset", "liability", "equity", "income", "expense"];

export const KIND_LABELS: Readonly<Record<AccountKind, string>> = {
  asset: "Asset",
  liability: "Liability",
  equity: "Equity",
  income: "Income",
  expense: "Expense",
};

export function isDebitNormal(kind: AccountKind): boolean {
  return kind === "asset" || kind === "expense";
}

export interface Bar {
  readonly accountId: string;
  readonly label: string;
  readonly kind: AccountKind;
  /** The balance on the account's normal side, in cents: positive is usual. */
  readonly natural: bigint;
}

export interface CurrencyChart {
  readonly currency: string;
  readonly bars: readonly Bar[];
  /** The largest bar's size, in cents (at least 1, so scales never divide by 0). */
  readonly scale: bigint;
  /** Whether any bar points left, so room is kept left of the axis. */
  readonly hasNegative: boolean;
  /** Accounts without any debit or credit, not drawn. */
  readonly idle: number;
}

/** One chart per currency (amounts of two currencies are never drawn on one scale). */
export function chartData(rows: readonly TrialBalanceRow[]): CurrencyChart[] {
  const byCurrency = new Map<string, TrialBalanceRow[]>();
  for (const row of rows) {
    const list = byCurrency.get(row.currency) ?? [];
    list.push(row);
    byCurrency.set(row.currency, list);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, list]) => {
      const active = list.filter((row) => centsFromWire(row.debit) !== 0n || centsFromWire(row.credit) !== 0n);
      const bars = active
        .map((row): Bar => {
          const balance = centsFromWire(row.balance);
          return { accountId: row.accountId, label: `${row.code} ${row.name}`, kind: row.kind, natural: isDebitNormal(row.kind) ? balance : -balance };
        })
        .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.label.localeCompare(b.label));
      const scale = bars.reduce((max, bar) => {
        const size = bar.natural < 0n ? -bar.natural : bar.natural;
        return size > max ? size : max;
      }, 1n);
      return { currency, bars, scale, hasNegative: bars.some((bar) => bar.natural < 0n), idle: list.length - active.length };
    });
}

/** `part / whole` as a number in [-1, 1], exact enough for drawing. */
export function ratio(part: bigint, whole: bigint): number {
  return Number((part * 10_000n) / whole) / 10_000;
}
