/** The fetch transport: what goes over HTTP, and what comes back. */

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { SentError, callMethod, createClient, type Account } from "../src/index.js";
import { answering, scriptedServer, type ScriptedServer } from "./server.js";

const ORG = "0190f5b2-6a4e-7c1d-9e2f-3a4b5c6d7e8f";
const OTHER_ORG = "0190f5b2-6a4e-7c1d-9e2f-000000000001";

const account: Account = {
  accountId: "0190f5b2-6a4e-7c1d-9e2f-3a4b5c6d7e80",
  code: "1000",
  name: "Cash",
  kind: "asset",
  currency: "EUR",
  version: 1,
  createdAt: "2026-01-15T10:00:00.123456Z",
  updatedAt: "2026-01-15T10:00:00.123456Z",
};

describe("fetch transport", () => {
  let server: ScriptedServer;
  before(async () => {
    server = await scriptedServer(
      answering((call) => (call.method === "ledger.createAccount" ? account : call.method === "system.version" ? { version: "1.2.3" } : call.params)),
    );
  });
  after(() => server.close());

  test("a call is one JSON-RPC 2.0 POST to {baseUrl}/api/rpc and resolves to its result", async () => {
    const sent = createClient({ baseUrl: server.url });
    const before = server.requests.length;
    const created = await sent.ledger.createAccount({ code: "1000", name: "Cash", kind: "asset", currency: "EUR" });
    assert.deepEqual(created, account);
    const request = server.requests[before];
    assert.ok(request);
    assert.equal(request.url, "/api/rpc");
    assert.equal(request.headers["content-type"], "application/json");
    assert.deepEqual(request.body, {
      jsonrpc: "2.0",
      method: "ledger.createAccount",
      params: { code: "1000", name: "Cash", kind: "asset", currency: "EUR" },
      id: (request.body as { id: number }).id,
    });
    assert.equal(typeof (request.body as { id: unknown }).id, "number");
  });

  test("a method without params sends none", async () => {
    const sent = createClient({ baseUrl: server.url });
    const before = server.requests.length;
    assert.deepEqual(await sent.system.version(), { version: "1.2.3" });
    assert.equal("params" in (server.requests[before]?.body as object), false);
  });

  test("a base URL with a path and a trailing slash keeps its path", async () => {
    const sent = createClient({ baseUrl: `${server.url}/sent/` });
    const before = server.requests.length;
    await sent.system.version();
    assert.equal(server.requests[before]?.url, "/sent/api/rpc");
  });

  test("with a token provider: a bearer token, asked for per request, and no anti-forgery header", async () => {
    let asked = 0;
    const sent = createClient({
      baseUrl: server.url,
      token: async () => {
        asked += 1;
        return `token-${asked}`;
      },
    });
    const before = server.requests.length;
    await sent.system.version();
    await sent.system.version();
    assert.equal(server.requests[before]?.headers["authorization"], "Bearer token-1");
    assert.equal(server.requests[before + 1]?.headers["authorization"], "Bearer token-2");
    assert.equal(server.requests[before]?.headers["x-sent-csrf"], undefined);
  });

  test("without a token: the session cookie's anti-forgery header and no Authorization", async () => {
    const sent = createClient({ baseUrl: server.url });
    const before = server.requests.length;
    await sent.system.version();
    assert.equal(server.requests[before]?.headers["x-sent-csrf"], "1");
    assert.equal(server.requests[before]?.headers["authorization"], undefined);
  });

  test("the organization goes in Sent-Organization: the client's, a call's own, or none", async () => {
    let current: string | null = ORG;
    const sent = createClient({ baseUrl: server.url, organization: () => current });
    const before = server.requests.length;
    await sent.system.version();
    await sent.system.version({ organization: OTHER_ORG });
    await sent.system.version({ organization: null });
    current = null;
    await sent.system.version();
    const sentHeaders = server.requests.slice(before).map((r) => r.headers["sent-organization"]);
    assert.deepEqual(sentHeaders, [ORG, OTHER_ORG, undefined, undefined]);
  });

  test("a failing token provider is a transport error that names it", async () => {
    const sent = createClient({
      baseUrl: server.url,
      token: () => {
        throw new Error("signed out");
      },
    });
    await assert.rejects(sent.system.version(), (error: unknown) => {
      assert.ok(error instanceof SentError);
      assert.equal(error.kind, "transport");
      assert.match(error.message, /token provider failed: signed out/);
      assert.match(error.requestId, /^local-/);
      assert.equal(error.method, "system.version");
      return true;
    });
  });

  test("callMethod reaches a method the SDK does not know, by wire name", async () => {
    const sent = createClient({ baseUrl: server.url });
    const before = server.requests.length;
    assert.deepEqual(await callMethod(sent, "future.thing", { a: 1 }), { a: 1 });
    assert.equal((server.requests[before]?.body as { method: string }).method, "future.thing");
  });
});

describe("fetch transport failures", () => {
  test("an HTTP error without a JSON-RPC body is a transport error with the status", async () => {
    const server = await scriptedServer(() => ({ status: 502, body: "<html>Bad Gateway</html>", contentType: "text/html" }));
    try {
      const sent = createClient({ baseUrl: server.url });
      await assert.rejects(sent.system.version(), (error: unknown) => {
        assert.ok(error instanceof SentError);
        assert.equal(error.kind, "transport");
        assert.equal(error.data["status"], 502);
        assert.match(error.message, /HTTP 502/);
        return true;
      });
    } finally {
      await server.close();
    }
  });

  test("an HTTP error with a JSON-RPC error body is that error", async () => {
    const server = await scriptedServer(() => ({
      status: 413,
      body: {
        jsonrpc: "2.0",
        error: { code: -32600, message: "Invalid Request: the body is larger than this server accepts", data: { kind: "invalidRequest", requestId: "req-413" } },
        id: null,
      },
    }));
    try {
      const sent = createClient({ baseUrl: server.url });
      await assert.rejects(sent.system.echo({ message: "x" }), (error: unknown) => {
        assert.ok(error instanceof SentError);
        assert.equal(error.kind, "invalidRequest");
        assert.equal(error.requestId, "req-413");
        return true;
      });
    } finally {
      await server.close();
    }
  });

  test("a server that is not there is a transport error", async () => {
    const server = await scriptedServer(() => ({}));
    const url = server.url;
    await server.close();
    const sent = createClient({ baseUrl: url });
    await assert.rejects(sent.system.version(), (error: unknown) => {
      assert.ok(error instanceof SentError);
      assert.equal(error.kind, "transport");
      assert.match(error.message, /POST http:\/\/127\.0\.0\.1:\d+\/api\/rpc failed/);
      return true;
    });
  });

  test("outside a browser, a missing base URL is explained", async () => {
    const sent = createClient({ transport: "fetch" });
    await assert.rejects(sent.system.version(), (error: unknown) => {
      assert.ok(error instanceof SentError);
      assert.equal(error.kind, "transport");
      assert.match(error.message, /needs a `baseUrl`/);
      return true;
    });
  });

  test("a response without an answer for the call is a transport error", async () => {
    const server = await scriptedServer(() => ({ body: { jsonrpc: "2.0", result: 1, id: 999_999 } }));
    try {
      const sent = createClient({ baseUrl: server.url });
      await assert.rejects(sent.system.version(), (error: unknown) => {
        assert.ok(error instanceof SentError);
        assert.equal(error.kind, "transport");
        assert.match(error.message, /no answer for system\.version/);
        return true;
      });
    } finally {
      await server.close();
    }
  });
});
