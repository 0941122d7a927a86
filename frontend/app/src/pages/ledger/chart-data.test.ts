import type { TrialBalanceRow } from "@sent/sdk";
import { describe, expect, it } from "vitest";

import { chartData, ratio } from "./chart-data";

function row(code: string, kind: TrialBalanceRow["kind"], debit: string, credit: string, currency = "EUR"): TrialBalanceRow {
  const balance = (Number(debit) - Number(credit)).toFixed(2);
  return { accountId: `id-${code}`, code, name: `Account ${code}`, kind, currency, debit, credit, balance };
}

describe("chartData", () => {
  it("draws each account on its normal side and skips idle ones", () => {
    const [eur, ...rest] = chartData([
      row("4000", "income", "0.00", "300.00"),
      row("1000", "asset", "500.00", "200.00"),
      row("2000", "liability", "50.00", "0.00"),
      row("3000", "equity", "0.00", "0.00"),
    ]);
    expect(rest).toEqual([]);
    expect(eur?.bars.map((bar) => [bar.label, bar.natural])).toEqual([
      ["1000 Account 1000", 30000n],
      ["2000 Account 2000", -5000n],
      ["4000 Account 4000", 30000n],
    ]);
    expect(eur?.scale).toBe(30000n);
    expect(eur?.hasNegative).toBe(true);
    expect(eur?.idle).toBe(1);
  });

  it("never puts two currencies on one scale", () => {
    const charts = chartData([row("1000", "asset", "10.00", "0.00", "USD"), row("1001", "asset", "99999.00", "0.00", "EUR")]);
    expect(charts.map((chart) => [chart.currency, chart.scale])).toEqual([
      ["EUR", 9999900n],
      ["USD", 1000n],
    ]);
  });

  it("has a usable scale with no activity", () => {
    const [chart] = chartData([row("1000", "asset", "0.00", "0.00")]);
    expect(chart?.bars).toEqual([]);
    expect(chart?.scale).toBe(1n);
    expect(ratio(0n, chart?.scale ?? 1n)).toBe(0);
  });
});
