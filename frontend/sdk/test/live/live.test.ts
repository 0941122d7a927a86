/**
 * The SDK against a live `sent-server`: every app's happy path and every
 * error kind a call can end with, over real HTTP.
 *
 * Run by the server's `sdk` integration test, which starts the server and
 * passes: `SENT_URL`, and bearer tokens for four users, `SENT_TOKEN_ALICE`
 * (she creates the organization and owns it), `SENT_TOKEN_BOB` (made a
 * member), `SENT_TOKEN_CAROL` (never a member) and `SENT_TOKEN_DAVE` (added,
 * promoted, then removed).
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, test } from "node:test";

import {
  SentError,
  callMethod,
  createClient,
  isErrorOf,
  toDate,
  type Account,
  type ClientOptions,
  type CreateAccount,
  type ErrorKind,
  type JournalEntry_Serialize,
  type MethodName,
  type OpenRpcDocument,
  type Sent,
} from "../../src/index.js";

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is not set: these tests run against a live server started by backend/server/tests/sdk.rs`);
  }
  return value;
}

const url = env("SENT_URL");
const tokens = {
  alice: env("SENT_TOKEN_ALICE"),
  bob: env("SENT_TOKEN_BOB"),
  carol: env("SENT_TOKEN_CAROL"),
  dave: env("SENT_TOKEN_DAVE"),
};
const document = JSON.parse(readFileSync(new URL("../../../openrpc.json", import.meta.url), "utf8")) as OpenRpcDocument;

/** A client for `user`, checking every result against the OpenRPC document. */
function as(user: keyof typeof tokens | "anonymous", options: ClientOptions = {}): Sent {
  const token = user === "anonymous" ? undefined : tokens[user];
  return createClient({ baseUrl: url, validate: document, ...(token === undefined ? {} : { token: () => token }), ...options });
}

/** The error `call` rejects with, checked to be a server's SentError of `kind` with a request id. */
async function failsWith(call: Promise<unknown>, kind: ErrorKind, method?: MethodName): Promise<SentError> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof SentError, `not a SentError: ${String(error)}`);
    assert.equal(error.kind, kind, `${error.kind}: ${error.message}`);
    assert.ok(error.requestId.length > 0 && !error.requestId.startsWith("local-"), `the server's request id: ${error.requestId}`);
    if (method !== undefined) {
      assert.equal(error.method, method);
      assert.ok(isErrorOf(error, method), `${kind} is one of ${method}'s kinds`);
    }
    return error;
  }
  return assert.fail(`expected a ${kind} error`);
}

/** A decimal string in hundredths, exactly (money never goes through a float). */
function cents(decimal: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(decimal);
  assert.ok(match, `not a decimal with at most 2 places: ${decimal}`);
  const [, sign, whole, fraction] = match;
  const value = BigInt(whole ?? "0") * 100n + BigInt((fraction ?? "").padEnd(2, "0"));
  return sign === "-" ? -value : value;
}

/** A line with its amounts in hundredths: equal amounts may differ in trailing zeros. */
function inCents<L extends { debit: string; credit: string }>(line: L): Omit<L, "debit" | "credit"> & { debit: bigint; credit: bigint } {
  return { ...line, debit: cents(line.debit), credit: cents(line.credit) };
}

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

describe("against a live server", () => {
  let organizationId: string;
  let books: Sent;
  let bobId: string;
  let cash: Account;
  let revenue: Account;
  let entry: JournalEntry_Serialize;

  before(async () => {
    const organization = await as("alice").identity.createOrganization({ name: "SDK Books" });
    organizationId = organization.organizationId;
    books = as("alice", { organization: organizationId });
    bobId = (await as("bob").identity.me()).userId;
  });

  test("system: echo and version, signed in or not", async () => {
    assert.deepEqual(await as("anonymous").system.echo({ message: "héllo ✓" }), { message: "héllo ✓" });
    const { version } = await as("anonymous").system.version();
    assert.match(version, /^\d+\.\d+\.\d+/);
  });

  test("identity: me, the organization, and members from adding to removing", async () => {
    const me = await as("alice").identity.me();
    assert.ok(me.memberships.some((m) => m.organizationId === organizationId && m.role === "owner"));

    const organization = await books.identity.getOrganization();
    assert.equal(organization.name, "SDK Books");
    assert.ok(toDate(organization.createdAt).getTime() <= Date.now());
    const renamed = await books.identity.updateOrganization({ name: "SDK Books Ltd", version: organization.version });
    assert.equal(renamed.name, "SDK Books Ltd");
    assert.equal(renamed.version, organization.version + 1);

    const bob = await books.identity.addMember({ userId: bobId, email: "bob@example.test", displayName: "Bob", role: "member" });
    assert.equal(bob.role, "member");
    const daveId = (await as("dave").identity.me()).userId;
    const dave = await books.identity.addMember({ userId: daveId, email: "dave@example.test", displayName: "Dave", role: "member" });
    const promoted = await books.identity.updateMemberRole({ userId: daveId, role: "admin", version: dave.version });
    assert.equal(promoted.role, "admin");
    assert.equal((await books.identity.getMember({ userId: daveId })).role, "admin");

    const members = await books.identity.listMembers({});
    assert.deepEqual(
      members.items.map((m) => m.email).sort(),
      ["alice@example.test", "bob@example.test", "dave@example.test"],
    );
    assert.equal(members.nextCursor, null);
    const firstPage = await books.identity.listMembers({ limit: 2 });
    assert.equal(firstPage.items.length, 2);
    assert.ok(firstPage.nextCursor !== null);
    const secondPage = await books.identity.listMembers({ cursor: firstPage.nextCursor, limit: 2 });
    assert.equal(secondPage.items.length, 1);

    const removed = await books.identity.removeMember({ userId: daveId, version: promoted.version });
    assert.deepEqual(removed, { userId: daveId });
    await failsWith(books.identity.getMember({ userId: daveId }), "notFound", "identity.getMember");
  });

  test("ledger: accounts, a balanced entry in exact decimals, its reversal, the trial balance", async () => {
    cash = await books.ledger.createAccount({ code: "1000", name: "Cash", kind: "asset", currency: "EUR" });
    revenue = await books.ledger.createAccount({ code: "4000", name: "Revenue", kind: "income", currency: "EUR" });
    assert.deepEqual(await books.ledger.getAccount({ accountId: cash.accountId }), cash);
    const renamed = await books.ledger.updateAccount({ accountId: cash.accountId, name: "Cash at bank", version: cash.version });
    assert.equal(renamed.name, "Cash at bank");
    cash = renamed;

    const accounts = await books.ledger.listAccounts({});
    assert.deepEqual(
      accounts.items.map((a) => a.code),
      ["1000", "4000"],
    );

    // 0.1 + 0.2 is not 0.3 in floating point; as decimal strings it is exact.
    entry = await as("bob", { organization: organizationId }).ledger.postEntry({
      entryDate: "2026-01-15",
      memo: "Sale",
      lines: [
        { accountId: cash.accountId, debit: "0.10" },
        { accountId: cash.accountId, debit: "0.20", memo: "tip" },
        { accountId: revenue.accountId, credit: "0.30" },
      ],
    });
    assert.deepEqual(
      entry.lines.map((l) => [cents(l.debit), cents(l.credit)]),
      [
        [10n, 0n],
        [20n, 0n],
        [0n, 30n],
      ],
    );
    assert.deepEqual(
      entry.lines.map((l) => (cents(l.debit) > 0n ? l.debit : l.credit)),
      ["0.10", "0.20", "0.30"],
    );
    assert.equal(entry.reversesEntryId, null);
    const fetched = await books.ledger.getEntry({ entryId: entry.entryId });
    assert.deepEqual({ ...fetched, lines: fetched.lines.map(inCents) }, { ...entry, lines: entry.lines.map(inCents) });

    const reversal = await books.ledger.reverseEntry({ entryId: entry.entryId });
    assert.equal(reversal.reversesEntryId, entry.entryId);
    assert.equal((await books.ledger.getEntry({ entryId: entry.entryId })).reversedByEntryId, reversal.entryId);
    const entries = await books.ledger.listEntries({});
    assert.deepEqual(
      entries.items.map((e) => e.entryId),
      [reversal.entryId, entry.entryId],
    );

    const balance = await books.ledger.trialBalance({ asOf: "2026-12-31" });
    assert.deepEqual(
      balance.totals.map((t) => [t.currency, cents(t.debit), cents(t.credit)]),
      [["EUR", 60n, 60n]],
    );
    assert.ok(balance.rows.every((row) => cents(row.balance) === 0n));
  });

  test("audit: the trail's sequence numbers are 64-bit integers, exact as decimal strings", async () => {
    const trail = await books.audit.listEntries({});
    assert.ok(trail.items.length >= 10, `one entry per mutation, got ${trail.items.length}`);
    for (const item of trail.items) {
      assert.equal(typeof item.seq, "string");
      assert.match(item.seq, /^[1-9][0-9]*$/);
    }
    // Newest first, one apart: computed in bigint, never through a number.
    const sequence = trail.items.map((item) => BigInt(item.seq));
    sequence.slice(1).forEach((seq, i) => assert.equal(sequence[i], seq + 1n));
    assert.equal(sequence.at(-1), 1n);
    assert.equal(trail.items.at(-1)?.method, "identity.createOrganization");
    assert.ok(trail.items.some((item) => item.method === "ledger.postEntry" && item.affectedIds.includes(entry.entryId)));

    const verification = await books.audit.verify();
    assert.equal(verification.intact, true);
    assert.equal(verification.firstBrokenSeq, null);
    assert.equal(typeof verification.entries, "string");
    assert.equal(BigInt(verification.entries), BigInt(trail.items.length));
  });

  test("batching: one tick's calls as one batch, each answered", async () => {
    const batched = as("alice", { organization: organizationId, batch: true });
    const [first, second, balance, failure] = await Promise.allSettled([
      batched.ledger.getAccount({ accountId: cash.accountId }),
      batched.ledger.getAccount({ accountId: revenue.accountId }),
      batched.ledger.trialBalance({ asOf: "2026-12-31" }),
      batched.ledger.getAccount({ accountId: UNKNOWN_ID }),
    ]);
    assert.deepEqual(first, { status: "fulfilled", value: cash });
    assert.deepEqual(second, { status: "fulfilled", value: revenue });
    assert.equal(balance.status, "fulfilled");
    assert.equal(failure.status, "rejected");
    assert.equal(((failure as PromiseRejectedResult).reason as SentError).kind, "notFound");
  });

  describe("every error kind", () => {
    test("unauthenticated: no credentials, or a token the server does not trust", async () => {
      await failsWith(as("anonymous").identity.me(), "unauthenticated", "identity.me");
      await failsWith(createClient({ baseUrl: url, token: () => "not-a-jwt" }).identity.me(), "unauthenticated", "identity.me");
    });

    test("forbidden: a member below the method's role, and a non-member", async () => {
      const bob = as("bob", { organization: organizationId });
      const error = await failsWith(
        bob.ledger.createAccount({ code: "2000", name: "Loans", kind: "liability", currency: "EUR" }),
        "forbidden",
        "ledger.createAccount",
      );
      assert.match(error.message, /admin/);
      await failsWith(as("carol", { organization: organizationId }).ledger.listAccounts({}), "forbidden", "ledger.listAccounts");
      await failsWith(as("alice").ledger.listAccounts({}), "forbidden", "ledger.listAccounts");
    });

    test("notFound", async () => {
      await failsWith(books.ledger.getAccount({ accountId: UNKNOWN_ID }), "notFound", "ledger.getAccount");
    });

    test("conflict: a taken account code, a stale version, a second reversal", async () => {
      await failsWith(
        books.ledger.createAccount({ code: "1000", name: "Cash again", kind: "asset", currency: "EUR" }),
        "conflict",
        "ledger.createAccount",
      );
      await failsWith(
        books.ledger.updateAccount({ accountId: cash.accountId, name: "Stale", version: cash.version - 1 }),
        "conflict",
        "ledger.updateAccount",
      );
      await failsWith(books.ledger.reverseEntry({ entryId: entry.entryId }), "conflict", "ledger.reverseEntry");
    });

    test("validation: an unbalanced entry, with the field to blame", async () => {
      const error = await failsWith(
        books.ledger.postEntry({
          entryDate: "2026-01-16",
          memo: "Unbalanced",
          lines: [
            { accountId: cash.accountId, debit: "10.00" },
            { accountId: revenue.accountId, credit: "5.00" },
          ],
        }),
        "validation",
        "ledger.postEntry",
      );
      assert.equal(typeof error.data["field"], "string");
    });

    test("invalidParams: params of the wrong shape, with the path to blame", async () => {
      const wrong = { code: "3000", name: "Odd", kind: "savings", currency: "EUR" } as unknown as CreateAccount;
      const error = await failsWith(books.ledger.createAccount(wrong), "invalidParams", "ledger.createAccount");
      assert.equal(error.data["path"], "kind");
    });

    test("methodNotFound: a method this server does not have", async () => {
      const error = await failsWith(callMethod(books, "ledger.noSuchMethod", {}), "methodNotFound");
      assert.equal(error.method, "ledger.noSuchMethod");
    });

    test("invalidRequest: an organization that is not an id", async () => {
      await failsWith(books.ledger.listAccounts({}, { organization: "not-a-uuid" }), "invalidRequest", "ledger.listAccounts");
    });
  });
});
