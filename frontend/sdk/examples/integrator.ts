/**
 * An integrator's program against `@sent/sdk`: it opens an account, posts a
 * balanced entry, and reads the audit trail, handling each failure by kind.
 * It is type-checked with `tsc --noEmit --strict` as part of the SDK's tests,
 * so the SDK's public types are held to what an integrator writes.
 */

import {
  createClient,
  dateToDay,
  isErrorOf,
  isSentError,
  toDate,
  type Account,
  type AccountKind,
  type JournalEntry,
  type Sent,
} from "@sent/sdk";
// The schema document, for checking responses while developing.
import openrpc from "@sent/sdk/openrpc.json" with { type: "json" };

/** Open (or find) an account; a taken code means it exists already. */
async function ensureAccount(sent: Sent, code: string, name: string, kind: AccountKind): Promise<Account> {
  try {
    return await sent.ledger.createAccount({ code, name, kind, currency: "EUR" });
  } catch (error) {
    if (!isErrorOf(error, "ledger.createAccount")) {
      throw error;
    }
    switch (error.kind) {
      case "conflict": {
        const page = await sent.ledger.listAccounts({ limit: 200 });
        const existing = page.items.find((account) => account.code === code);
        if (existing === undefined) {
          throw error;
        }
        return existing;
      }
      case "validation":
        throw new Error(`SENT refused ${String(error.data["field"])}: ${error.message} (request ${error.requestId})`);
      case "unauthenticated":
      case "forbidden":
        throw new Error(`Not allowed to open accounts: ${error.message}`);
      case "deadline":
      case "deadlineExceeded":
      case "unavailable":
      case "transport":
        throw new Error(`SENT is slow or unreachable; try again (request ${error.requestId})`);
      case "aborted":
      case "invalidRequest":
      case "methodNotFound":
      case "invalidParams":
      case "internal":
      case "invalidResponse":
        throw error;
      default: {
        const unhandled: never = error;
        throw unhandled;
      }
    }
  }
}

/** Record a sale: cash up, revenue up, by the same decimal amount. */
async function recordSale(sent: Sent, amount: string, memo: string): Promise<JournalEntry> {
  const cash = await ensureAccount(sent, "1000", "Cash", "asset");
  const revenue = await ensureAccount(sent, "4000", "Revenue", "income");
  return sent.ledger.postEntry(
    {
      entryDate: dateToDay(new Date()),
      memo,
      lines: [
        { accountId: cash.accountId, debit: amount },
        // `credit: null` and leaving it out mean the same on the way in.
        { accountId: revenue.accountId, credit: amount, debit: null },
      ],
    },
    { timeoutMs: 10_000 },
  );
}

/** The last audit sequence number: a 64-bit integer, so a decimal string. */
async function lastAuditSequence(sent: Sent, signal: AbortSignal): Promise<bigint | undefined> {
  const page = await sent.audit.listEntries({ limit: 1 }, { signal });
  const [latest] = page.items;
  return latest === undefined ? undefined : BigInt(latest.seq);
}

export async function main(baseUrl: string, accessToken: () => Promise<string>, development: boolean): Promise<void> {
  const sent = createClient({ baseUrl, token: accessToken, batch: true, validate: development ? openrpc : undefined });
  const me = await sent.identity.me();
  const [membership] = me.memberships;
  const organizationId =
    membership?.organizationId ?? (await sent.identity.createOrganization({ name: "Example Ltd" })).organizationId;
  const books = createClient({ baseUrl, token: accessToken, organization: organizationId });

  const entry = await recordSale(books, "125.50", "Invoice 42");
  const postedAt: Date = toDate(entry.postedAt);
  const total = entry.lines.reduce((sum, line) => sum + Math.round(Number(line.debit) * 100), 0) / 100;

  const controller = new AbortController();
  const [sequence, balance, version] = await Promise.all([
    lastAuditSequence(books, controller.signal),
    books.ledger.trialBalance({ asOf: dateToDay(postedAt) }),
    sent.system.version(),
  ]);
  const balanced = balance.totals.every((t) => t.debit === t.credit);
  console.log(
    `server ${version.version}: posted ${total.toFixed(2)} at ${postedAt.toISOString()}; audit entry ${sequence ?? "none"}; books balanced: ${balanced}`,
  );

  try {
    await books.ledger.getEntry({ entryId: me.userId });
  } catch (error) {
    if (isErrorOf(error, "ledger.getEntry") && error.kind === "notFound") {
      console.log(`no such entry (request ${error.requestId})`);
    } else if (isSentError(error)) {
      console.log(`${error.kind}: ${error.message}`);
    } else {
      throw error;
    }
  }
}
