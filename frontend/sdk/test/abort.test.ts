/** A call's AbortSignal and deadline. */

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { SentError, createClient } from "../src/index.js";
import { scriptedServer, sleep, type ScriptedServer } from "./server.js";

type Call = { params?: { message?: string }; id: number };

function slowEcho(call: Call): unknown {
  return { jsonrpc: "2.0", result: call.params, id: call.id };
}

describe("abort and deadline", () => {
  let server: ScriptedServer;
  before(async () => {
    // Answers after the number of milliseconds in the message.
    server = await scriptedServer((body) => {
      const call = (Array.isArray(body) ? body[0] : body) as Call;
      return {
        delayMs: Number(call.params?.message ?? "0"),
        body: Array.isArray(body) ? (body as Call[]).map(slowEcho) : slowEcho(call),
      };
    });
  });
  after(() => server.close());

  test("aborting rejects at once with kind `aborted` and drops the request", async () => {
    const sent = createClient({ baseUrl: server.url });
    const controller = new AbortController();
    const before = server.requests.length;
    const started = Date.now();
    const call = sent.system.echo({ message: "2000" }, { signal: controller.signal });
    await sleep(50);
    controller.abort(new Error("user left"));
    await assert.rejects(call, (error: unknown) => {
      assert.ok(error instanceof SentError);
      assert.equal(error.kind, "aborted");
      assert.equal(error.method, "system.echo");
      assert.match(error.requestId, /^local-/);
      assert.equal((error.cause as Error).message, "user left");
      return true;
    });
    assert.ok(Date.now() - started < 1500, "did not wait for the server");
    await sleep(100);
    assert.equal(server.requests[before]?.closedEarly, true, "the HTTP request was cancelled");
  });

  test("an already aborted signal sends nothing", async () => {
    const sent = createClient({ baseUrl: server.url });
    const before = server.requests.length;
    await assert.rejects(sent.system.echo({ message: "0" }, { signal: AbortSignal.abort() }), (error: unknown) => {
      assert.ok(error instanceof SentError);
      assert.equal(error.kind, "aborted");
      return true;
    });
    await sleep(50);
    assert.equal(server.requests.length, before);
  });

  test("a call past its deadline rejects with kind `deadline`", async () => {
    const sent = createClient({ baseUrl: server.url });
    const started = Date.now();
    await assert.rejects(sent.system.echo({ message: "2000" }, { timeoutMs: 100 }), (error: unknown) => {
      assert.ok(error instanceof SentError);
      assert.equal(error.kind, "deadline");
      assert.match(error.message, /within 100 ms/);
      return true;
    });
    assert.ok(Date.now() - started < 1500);
  });

  test("the client's deadline applies to every call, and a call's own wins", async () => {
    const sent = createClient({ baseUrl: server.url, timeoutMs: 100 });
    await assert.rejects(sent.system.echo({ message: "2000" }), { kind: "deadline" });
    assert.deepEqual(await sent.system.echo({ message: "200" }, { timeoutMs: 5000 }), { message: "200" });
  });

  test("a call answered in time keeps its result and leaves no timer behind", async () => {
    const sent = createClient({ baseUrl: server.url, timeoutMs: 5000 });
    const controller = new AbortController();
    assert.deepEqual(await sent.system.echo({ message: "0" }, { signal: controller.signal }), { message: "0" });
    // Aborting after the answer changes nothing.
    controller.abort();
  });

  test("in a batch, one call's abort leaves the others to finish", async () => {
    const sent = createClient({ baseUrl: server.url, batch: true });
    const controller = new AbortController();
    const aborted = sent.system.echo({ message: "300" }, { signal: controller.signal });
    const kept = sent.system.echo({ message: "kept" });
    controller.abort();
    await assert.rejects(aborted, { kind: "aborted" });
    assert.deepEqual(await kept, { message: "kept" });
  });
});
