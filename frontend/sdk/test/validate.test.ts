/**
 * Response validation (opt-in) against the OpenRPC document, and 64-bit
 * integers: decimal strings that survive the trip exactly.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";

import { SentError, createClient, createValidator, type AuditEntry, type OpenRpcDocument } from "../src/index.js";
import { scriptedServer, type ScriptedServer } from "./server.js";

/** The document `sent-gen openrpc` writes beside the SDK. */
const document = JSON.parse(readFileSync(new URL("../../openrpc.json", import.meta.url), "utf8")) as OpenRpcDocument;

const MAX_I64 = "9223372036854775807";

function entry(seq: unknown): Record<string, unknown> {
  return {
    seq,
    occurredAt: "2026-01-15T10:00:00.123456Z",
    actorId: "0190f5b2-6a4e-7c1d-9e2f-3a4b5c6d7e8f",
    method: "ledger.createAccount",
    requestId: "req-1",
    params: { code: "1000", nested: [1, 2.5, null] },
    affectedIds: ["0190f5b2-6a4e-7c1d-9e2f-3a4b5c6d7e80"],
    hash: "ab".repeat(32),
  };
}

describe("validator", () => {
  const validator = createValidator(document);

  test("a well-formed result has no issues", () => {
    assert.deepEqual(validator.check("audit.listEntries", { items: [entry(MAX_I64)], nextCursor: null }), []);
    assert.deepEqual(validator.check("system.version", { version: "0.1.0" }), []);
  });

  test("issues name where the value is wrong", () => {
    const issues = validator.check("audit.listEntries", {
      items: [{ ...entry(42), actorId: "not-a-uuid", extra: true }],
    });
    const byPath = new Map(issues.map((issue) => [issue.path, issue.message]));
    assert.match(byPath.get("/items/0/seq") ?? "", /expected string, got integer/);
    assert.match(byPath.get("/items/0/actorId") ?? "", /not a uuid/);
    assert.match(byPath.get("/items/0/extra") ?? "", /not a member/);
    assert.match(byPath.get("/nextCursor") ?? "", /missing/);
  });

  test("enums, decimals and nullable members are checked", () => {
    const account = {
      accountId: "0190f5b2-6a4e-7c1d-9e2f-3a4b5c6d7e80",
      code: "1000",
      name: "Cash",
      kind: "asset",
      currency: "EUR",
      version: 1,
      createdAt: "2026-01-15T10:00:00Z",
      updatedAt: "2026-01-15T10:00:00Z",
    };
    assert.deepEqual(validator.check("ledger.getAccount", account), []);
    const wrongKind = validator.check("ledger.getAccount", { ...account, kind: "savings" });
    assert.equal(wrongKind[0]?.path, "/kind");
    const fractional = validator.check("ledger.getAccount", { ...account, version: 1.5 });
    assert.equal(fractional[0]?.path, "/version");
  });

  test("a method the document does not describe is reported", () => {
    assert.match(validator.check("ledger.newThing", {})[0]?.message ?? "", /does not describe ledger\.newThing/);
  });

  test("a document that is not OpenRPC is refused up front", () => {
    assert.throws(() => createValidator({} as OpenRpcDocument), TypeError);
  });
});

describe("64-bit integers", () => {
  let server: ScriptedServer;
  let seq: unknown = MAX_I64;
  before(async () => {
    server = await scriptedServer((body) => {
      const call = body as { id: number };
      // The raw text: a JSON number here would be parsed by JSON.parse into a double.
      return { body: `{"jsonrpc":"2.0","result":{"items":[${JSON.stringify(entry(seq))}],"nextCursor":null},"id":${call.id}}` };
    });
  });
  after(() => server.close());

  test("a 64-bit value arrives as the exact decimal string", async () => {
    seq = MAX_I64;
    const sent = createClient({ baseUrl: server.url, validate: document });
    const page = await sent.audit.listEntries({});
    const [first] = page.items;
    assert.ok(first);
    const value: AuditEntry["seq"] = first.seq;
    assert.equal(value, MAX_I64);
    assert.equal(BigInt(value), 2n ** 63n - 1n);
    assert.notEqual(BigInt(value), BigInt(Number(value)), "a number could not have carried it");
  });

  test("with validation on, a server that sends a 64-bit value as a JSON number is caught", async () => {
    server.requests.length = 0;
    seq = 9223372036854775807;
    const validating = createClient({ baseUrl: server.url, validate: document });
    await assert.rejects(validating.audit.listEntries({}), (error: unknown) => {
      assert.ok(error instanceof SentError);
      assert.equal(error.kind, "invalidResponse");
      assert.equal(error.method, "audit.listEntries");
      assert.match(error.message, /\/items\/0\/seq: expected string, got integer/);
      assert.ok(Array.isArray(error.data["issues"]));
      return true;
    });
    // Without validation the client hands the value on as it came.
    const trusting = createClient({ baseUrl: server.url });
    const page = await trusting.audit.listEntries({});
    assert.equal(typeof page.items[0]?.seq, "number");
  });
});
