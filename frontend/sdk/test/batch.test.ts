/** Batching (opt-in): the calls of one tick go as one JSON-RPC batch. */

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { SentError, createClient } from "../src/index.js";
import { scriptedServer, type ScriptedServer } from "./server.js";

type Call = { method: string; params?: { message?: string }; id: number };

const ORG_A = "0190f5b2-6a4e-7c1d-9e2f-00000000000a";
const ORG_B = "0190f5b2-6a4e-7c1d-9e2f-00000000000b";

/** Echo each call; a message "fail" fails; answers come back in reverse order. */
function answer(call: Call): unknown {
  if (call.params?.message === "fail") {
    return {
      jsonrpc: "2.0",
      error: { code: -32022, message: "no", data: { kind: "validation", requestId: `req-${call.id}`, field: "message" } },
      id: call.id,
    };
  }
  return { jsonrpc: "2.0", result: call.params ?? { version: "1" }, id: call.id };
}

describe("batching", () => {
  let server: ScriptedServer;
  before(async () => {
    server = await scriptedServer((body) => ({
      body: Array.isArray(body) ? (body as Call[]).map(answer).reverse() : answer(body as Call),
    }));
  });
  after(() => server.close());

  test("calls of the same tick go as one batch; each gets its own answer, matched by id", async () => {
    const sent = createClient({ baseUrl: server.url, batch: true });
    const before = server.requests.length;
    const results = await Promise.allSettled([
      sent.system.echo({ message: "one" }),
      sent.system.echo({ message: "fail" }),
      sent.system.version(),
    ]);
    assert.equal(server.requests.length - before, 1, "one HTTP request");
    const body = server.requests[before]?.body as Call[];
    assert.deepEqual(
      body.map((c) => c.method),
      ["system.echo", "system.echo", "system.version"],
    );
    assert.equal(new Set(body.map((c) => c.id)).size, 3, "distinct ids");
    assert.deepEqual(results[0], { status: "fulfilled", value: { message: "one" } });
    assert.equal(results[1]?.status, "rejected");
    const failure = (results[1] as PromiseRejectedResult).reason as SentError;
    assert.ok(failure instanceof SentError);
    assert.equal(failure.kind, "validation");
    assert.equal(failure.data["field"], "message");
    assert.equal(failure.requestId, `req-${body[1]?.id}`);
    assert.deepEqual(results[2], { status: "fulfilled", value: { version: "1" } });
  });

  test("calls of different ticks go separately", async () => {
    const sent = createClient({ baseUrl: server.url, batch: true });
    const before = server.requests.length;
    await sent.system.echo({ message: "a" });
    await sent.system.echo({ message: "b" });
    assert.equal(server.requests.length - before, 2);
  });

  test("a lone call in a tick is sent as a single request, not a batch of one", async () => {
    const sent = createClient({ baseUrl: server.url, batch: true });
    const before = server.requests.length;
    await sent.system.echo({ message: "a" });
    assert.equal(Array.isArray(server.requests[before]?.body), false);
  });

  test("without batching every call is its own request", async () => {
    const sent = createClient({ baseUrl: server.url });
    const before = server.requests.length;
    await Promise.all([sent.system.echo({ message: "a" }), sent.system.echo({ message: "b" })]);
    assert.equal(server.requests.length - before, 2);
    assert.ok(server.requests.slice(before).every((r) => !Array.isArray(r.body)));
  });

  test("calls for different organizations go in different batches", async () => {
    const sent = createClient({ baseUrl: server.url, batch: true });
    const before = server.requests.length;
    await Promise.all([
      sent.system.echo({ message: "a1" }, { organization: ORG_A }),
      sent.system.echo({ message: "b1" }, { organization: ORG_B }),
      sent.system.echo({ message: "a2" }, { organization: ORG_A }),
    ]);
    const requests = server.requests.slice(before);
    assert.equal(requests.length, 2);
    const byOrg = new Map(requests.map((r) => [r.headers["sent-organization"], r.body as Call[]]));
    assert.deepEqual(
      byOrg.get(ORG_A)?.map((c) => c.params?.message),
      ["a1", "a2"],
    );
    assert.equal((byOrg.get(ORG_B) as unknown as Call).params?.message, "b1");
  });

  test("maxSize splits a tick's calls into several batches", async () => {
    const sent = createClient({ baseUrl: server.url, batch: { maxSize: 2 } });
    const before = server.requests.length;
    const messages = ["1", "2", "3", "4", "5"];
    const results = await Promise.all(messages.map((message) => sent.system.echo({ message })));
    assert.deepEqual(
      results.map((r) => r.message),
      messages,
    );
    assert.deepEqual(
      server.requests.slice(before).map((r) => (Array.isArray(r.body) ? r.body.length : 1)),
      [2, 2, 1],
    );
  });
});

describe("a batch refused as a whole", () => {
  test("every call in it fails with the server's error", async () => {
    const server = await scriptedServer(() => ({
      body: {
        jsonrpc: "2.0",
        error: { code: -32600, message: "Invalid Request: a batch may hold at most 1 calls", data: { kind: "invalidRequest", requestId: "req-batch" } },
        id: null,
      },
    }));
    try {
      const sent = createClient({ baseUrl: server.url, batch: true });
      const results = await Promise.allSettled([sent.system.echo({ message: "a" }), sent.system.version()]);
      for (const result of results) {
        assert.equal(result.status, "rejected");
        const error = (result as PromiseRejectedResult).reason as SentError;
        assert.equal(error.kind, "invalidRequest");
        assert.equal(error.requestId, "req-batch");
      }
      const methods = results.map((r) => ((r as PromiseRejectedResult).reason as SentError).method);
      assert.deepEqual(methods, ["system.echo", "system.version"]);
    } finally {
      await server.close();
    }
  });
});
