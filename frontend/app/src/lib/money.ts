/**
 * Money on the wire is a decimal string ("125.50"). In the browser it is
 * held as whole cents in a `bigint`, so sums are exact: a float would make
 * 0.1 + 0.2 of a balanced entry look unbalanced.
 */

/** The ledger keeps two decimals and amounts below 10^18. */
const MAX_CENTS = 10n ** 20n;

const INPUT = /^(\d+)(?:[.,](\d{0,2}))?$/;
const WIRE = /^(-)?(\d+)(?:\.(\d+))?$/;

export type AmountInput =
  | { readonly kind: "empty" }
  | { readonly kind: "amount"; readonly cents: bigint }
  | { readonly kind: "invalid"; readonly reason: string };

/**
 * What a person typed into an amount field: empty, an amount, or why it is
 * not one. Thousands separators are allowed ("1 234.50", "1,234.50" is read
 * as such only with a point for the decimals).
 */
export function parseAmountInput(text: string): AmountInput {
  let trimmed = text.trim();
  if (trimmed === "") {
    return { kind: "empty" };
  }
  if (/^\d{1,3}(?:[ ,]\d{3})+(?:\.\d*)?$/.test(trimmed)) {
    trimmed = trimmed.replace(/[ ,]/g, "");
  }
  if (trimmed.startsWith("-")) {
    return { kind: "invalid", reason: "Enter a positive amount; use the other column for the opposite side." };
  }
  const match = INPUT.exec(trimmed);
  if (match === null) {
    if (/^\d+[.,]\d{3,}$/.test(trimmed)) {
      return { kind: "invalid", reason: "At most 2 decimals." };
    }
    return { kind: "invalid", reason: "Not an amount, such as 125.50." };
  }
  const cents = BigInt(match[1] ?? "0") * 100n + BigInt((match[2] ?? "").padEnd(2, "0"));
  if (cents === 0n) {
    return { kind: "invalid", reason: "An amount is more than zero." };
  }
  if (cents >= MAX_CENTS) {
    return { kind: "invalid", reason: "An amount is below 10^18." };
  }
  return { kind: "amount", cents };
}

/** Cents from a decimal string the server sent ("-125.5", "0", "10.00"). */
export function centsFromWire(decimal: string): bigint {
  const match = WIRE.exec(decimal.trim());
  if (match === null) {
    throw new RangeError(`Not a decimal: ${JSON.stringify(decimal)}`);
  }
  const fraction = match[3] ?? "";
  if (fraction.replace(/0+$/, "").length > 2) {
    throw new RangeError(`More than 2 decimals: ${JSON.stringify(decimal)}`);
  }
  const cents = BigInt(match[2] ?? "0") * 100n + BigInt(fraction.slice(0, 2).padEnd(2, "0"));
  return match[1] === "-" ? -cents : cents;
}

/** The decimal string the server expects ("125.50"). */
export function centsToWire(cents: bigint): string {
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

const grouping = new Intl.NumberFormat("en-US", { useGrouping: true });

/** For people: "1,234.50", "-10.00". */
export function formatCents(cents: bigint): string {
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${grouping.format(abs / 100n)}.${(abs % 100n).toString().padStart(2, "0")}`;
}

/** For people, from the wire: "1,234.50"; the text as it came when it is not a decimal. */
export function formatDecimal(decimal: string): string {
  try {
    return formatCents(centsFromWire(decimal));
  } catch {
    return decimal;
  }
}
