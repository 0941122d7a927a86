import { describe, expect, it } from "vitest";

import { centsFromWire, centsToWire, formatCents, formatDecimal, parseAmountInput } from "./money";

describe("parseAmountInput", () => {
  it("reads amounts as exact cents", () => {
    expect(parseAmountInput("125.50")).toEqual({ kind: "amount", cents: 12550n });
    expect(parseAmountInput(" 7 ")).toEqual({ kind: "amount", cents: 700n });
    expect(parseAmountInput("0.1")).toEqual({ kind: "amount", cents: 10n });
    expect(parseAmountInput("3,5")).toEqual({ kind: "amount", cents: 350n });
    expect(parseAmountInput("1,234.56")).toEqual({ kind: "amount", cents: 123456n });
    expect(parseAmountInput("1 234")).toEqual({ kind: "amount", cents: 123400n });
  });

  it("tells empty from invalid, and why", () => {
    expect(parseAmountInput("")).toEqual({ kind: "empty" });
    expect(parseAmountInput("  ")).toEqual({ kind: "empty" });
    expect(parseAmountInput("1.234")).toMatchObject({ kind: "invalid", reason: "At most 2 decimals." });
    expect(parseAmountInput("-5")).toMatchObject({ kind: "invalid" });
    expect(parseAmountInput("0")).toMatchObject({ kind: "invalid", reason: "An amount is more than zero." });
    expect(parseAmountInput("abc")).toMatchObject({ kind: "invalid" });
    expect(parseAmountInput("1e5")).toMatchObject({ kind: "invalid" });
    expect(parseAmountInput("1000000000000000000")).toMatchObject({ kind: "invalid", reason: "An amount is below 10^18." });
  });

  it("keeps sums exact where floats would not", () => {
    const tenth = parseAmountInput("0.1");
    const fifth = parseAmountInput("0.2");
    const third = parseAmountInput("0.3");
    if (tenth.kind !== "amount" || fifth.kind !== "amount" || third.kind !== "amount") throw new Error("amounts");
    expect(tenth.cents + fifth.cents).toBe(third.cents);
  });
});

describe("wire decimals", () => {
  it("read what the server sends", () => {
    expect(centsFromWire("125.50")).toBe(12550n);
    expect(centsFromWire("-10")).toBe(-1000n);
    expect(centsFromWire("0.5")).toBe(50n);
    expect(centsFromWire("3.1000")).toBe(310n);
    expect(() => centsFromWire("1.234")).toThrow(RangeError);
    expect(() => centsFromWire("ten")).toThrow(RangeError);
  });

  it("write what the server expects", () => {
    expect(centsToWire(12550n)).toBe("125.50");
    expect(centsToWire(5n)).toBe("0.05");
    expect(centsToWire(-100n)).toBe("-1.00");
  });

  it("format for people", () => {
    expect(formatCents(123456789n)).toBe("1,234,567.89");
    expect(formatCents(-5n)).toBe("-0.05");
    expect(formatDecimal("2500.00")).toBe("2,500.00");
    expect(formatDecimal("not a number")).toBe("not a number");
  });
});
