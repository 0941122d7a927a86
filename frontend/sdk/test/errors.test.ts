/** Errors: one class, kinds as a discriminated union, a request id on each. */

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { SentError, createClient, errorCodes, isErrorOf, isSentError, type ErrorOf } from "../src/index.js";
import { scriptedServer, type ScriptedServer } from "./server.js";

type Call = { method: string; params?: { message?: string }; id: number };

/** The error the test asks for, by the message it sends. */
const errors: Record<string, unknown> = {
  conflict: { code: -32009, message: "A row with the same key already exists", data: { kind: "conflict", requestId: "req-conflict" } },
  validation: {
    code: -32022,
    message: "currency must be an ISO 4217 code",
    data: { kind: "validation", requestId: "req-validation", field: "currency" },
  },
  "no-data": { code: -32601, message: "Method not found" },
  "future-kind": { code: -32050, message: "Too hot", data: { kind: "tooHot", requestId: "req-future" } },
};

describe("errors", () => {
  let server: ScriptedServer;
  before(async () => {
    server = await scriptedServer((body) => {
      const call = body as Call;
      const error = errors[call.params?.message ?? ""];
      return { body: error === undefined ? { jsonrpc: "2.0", result: call.params, id: call.id } : { jsonrpc: "2.0", error, id: call.id } };
    });
  });
  after(() => server.close());

  async function failure(message: string): Promise<SentError> {
    const sent = createClient({ baseUrl: server.url });
    try {
      await sent.system.echo({ message });
    } catch (error) {
      return error as SentError;
    }
    return assert.fail("the call should fail");
  }

  test("a server error is a SentError with its kind, code, message, data and request id", async () => {
    const error = await failure("validation");
    assert.ok(error instanceof SentError);
    assert.ok(error instanceof Error);
    assert.ok(isSentError(error));
    assert.equal(error.name, "SentError");
    assert.equal(error.kind, "validation");
    assert.equal(error.code, errorCodes.validation);
    assert.equal(error.message, "currency must be an ISO 4217 code");
    assert.equal(error.requestId, "req-validation");
    assert.deepEqual(error.data, { field: "currency" });
    assert.equal(error.method, "system.echo");
    assert.ok(error.stack?.includes("SentError"));
  });

  test("an error without data gets its kind from its code and a local request id", async () => {
    const error = await failure("no-data");
    assert.equal(error.kind, "methodNotFound");
    assert.match(error.requestId, /^local-[0-9a-f-]+$/);
  });

  test("a kind this SDK does not know is `internal`, with the server's name kept", async () => {
    const error = await failure("future-kind");
    assert.equal(error.kind, "internal");
    assert.equal(error.code, -32050);
    assert.equal(error.data["kind"], "tooHot");
    assert.equal(error.requestId, "req-future");
  });

  test("isErrorOf narrows to the kinds a method can end with", async () => {
    const error: unknown = await failure("conflict");
    // system.echo is public and declares nothing: a conflict is not one of its kinds.
    assert.equal(isErrorOf(error, "system.echo"), false);
    const asCreate = new SentError({ kind: "conflict", message: "taken", requestId: "r", method: "ledger.createAccount" });
    assert.equal(isErrorOf(asCreate, "ledger.createAccount"), true);
    assert.equal(isErrorOf(asCreate, "ledger.getAccount"), false, "another method's error");
    assert.equal(isErrorOf(new Error("plain"), "ledger.createAccount"), false);
    const aborted = new SentError({ kind: "aborted", message: "gone", requestId: "r", method: "ledger.getAccount" });
    assert.equal(isErrorOf(aborted, "ledger.getAccount"), true, "client-side kinds belong to every method");
    if (isErrorOf(asCreate, "ledger.createAccount")) {
      assert.equal(describeCreateFailure(asCreate), "the code is taken");
    }
  });

  test("client-side kinds have codes outside JSON-RPC's reserved range", () => {
    for (const kind of ["transport", "aborted", "deadline", "invalidResponse"] as const) {
      const error = new SentError({ kind, message: kind, requestId: "local-x" });
      assert.ok(error.code > -32000 && error.code < 0, `${kind}: ${error.code}`);
    }
  });
});

/**
 * The union is exhaustive: this switch compiles only if it names every kind
 * `ledger.createAccount` can end with (declared, any call's, client-side).
 */
function describeCreateFailure(error: ErrorOf<"ledger.createAccount">): string {
  switch (error.kind) {
    case "conflict":
      return "the code is taken";
    case "validation":
      return `bad ${String(error.data["field"])}`;
    case "unauthenticated":
    case "forbidden":
      return "not allowed";
    case "unavailable":
      return "try again";
    case "invalidRequest":
    case "methodNotFound":
    case "invalidParams":
    case "internal":
    case "deadlineExceeded":
      return "server trouble";
    case "transport":
    case "aborted":
    case "deadline":
    case "invalidResponse":
      return "client trouble";
    default: {
      const unreachable: never = error;
      return unreachable;
    }
  }
}
