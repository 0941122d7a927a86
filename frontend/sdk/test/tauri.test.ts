/**
 * The transport is picked per request: the desktop app's `rpc` command when
 * `window.__TAURI_INTERNALS__` is there, `fetch` otherwise, with no change at
 * the call site.
 */

import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";

import { SentError, createClient, type TauriRpcArgs } from "../src/index.js";

const ORG = "0190f5b2-6a4e-7c1d-9e2f-3a4b5c6d7e8f";

type Invocation = { readonly command: string; readonly args: TauriRpcArgs };

/** Put a fake Tauri bridge on `window`, as Tauri does: not enumerable. */
function installTauri(invoke: (command: string, args: TauriRpcArgs) => Promise<unknown>): Invocation[] {
  const invocations: Invocation[] = [];
  const window = {};
  Object.defineProperty(window, "__TAURI_INTERNALS__", {
    enumerable: false,
    configurable: true,
    value: {
      invoke: (command: string, args: TauriRpcArgs) => {
        invocations.push({ command, args });
        return invoke(command, args);
      },
    },
  });
  (globalThis as { window?: unknown }).window = window;
  return invocations;
}

/** A fetch that records its calls and answers like the server would. */
function recordingFetch(): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const fetchStub: typeof fetch = async (input, init) => {
    calls.push(String(input));
    const request = JSON.parse(String(init?.body)) as { id: number };
    return new Response(JSON.stringify({ jsonrpc: "2.0", result: { version: "from-fetch" }, id: request.id }), {
      headers: { "content-type": "application/json" },
    });
  };
  return { fetch: fetchStub, calls };
}

describe("transport choice", () => {
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
  });

  test("inside the desktop app a call invokes the one `rpc` command with the JSON-RPC request", async () => {
    const invocations = installTauri(async (_command, args) => {
      const request = args.request as { id: number };
      return { jsonrpc: "2.0", result: { version: "from-tauri" }, id: request.id };
    });
    const network = recordingFetch();
    const sent = createClient({ baseUrl: "http://127.0.0.1:9", fetch: network.fetch, organization: ORG });
    assert.deepEqual(await sent.system.version(), { version: "from-tauri" });
    assert.equal(network.calls.length, 0, "fetch is not used inside the app");
    assert.equal(invocations.length, 1);
    const [invocation] = invocations;
    assert.equal(invocation?.command, "rpc");
    assert.deepEqual(invocation?.args, {
      request: { jsonrpc: "2.0", method: "system.version", id: (invocation?.args.request as { id: number }).id },
      organization: ORG,
    });
  });

  test("without an organization the IPC payload carries none", async () => {
    const invocations = installTauri(async (_command, args) => ({
      jsonrpc: "2.0",
      result: { message: "hi" },
      id: (args.request as { id: number }).id,
    }));
    const sent = createClient();
    assert.deepEqual(await sent.system.echo({ message: "hi" }), { message: "hi" });
    assert.equal("organization" in (invocations[0]?.args ?? {}), false);
  });

  test("outside the desktop app the same call goes through fetch", async () => {
    const network = recordingFetch();
    const sent = createClient({ baseUrl: "http://127.0.0.1:9", fetch: network.fetch });
    assert.deepEqual(await sent.system.version(), { version: "from-fetch" });
    assert.deepEqual(network.calls, ["http://127.0.0.1:9/api/rpc"]);
  });

  test("the choice is made per request: one client follows the page into and out of the app", async () => {
    const network = recordingFetch();
    const sent = createClient({ baseUrl: "http://127.0.0.1:9", fetch: network.fetch });
    assert.deepEqual(await sent.system.version(), { version: "from-fetch" });
    installTauri(async (_command, args) => ({ jsonrpc: "2.0", result: { version: "from-tauri" }, id: (args.request as { id: number }).id }));
    assert.deepEqual(await sent.system.version(), { version: "from-tauri" });
    assert.equal(network.calls.length, 1);
  });

  test("server errors come back through IPC as the same SentError", async () => {
    installTauri(async (_command, args) => ({
      jsonrpc: "2.0",
      error: { code: -32004, message: "account not found", data: { kind: "notFound", requestId: "req-ipc" } },
      id: (args.request as { id: number }).id,
    }));
    const sent = createClient();
    await assert.rejects(sent.ledger.getAccount({ accountId: ORG }), (error: unknown) => {
      assert.ok(error instanceof SentError);
      assert.equal(error.kind, "notFound");
      assert.equal(error.requestId, "req-ipc");
      return true;
    });
  });

  test("a failing invoke is a transport error", async () => {
    installTauri(async () => {
      throw "command rpc not found";
    });
    const sent = createClient();
    await assert.rejects(sent.system.version(), (error: unknown) => {
      assert.ok(error instanceof SentError);
      assert.equal(error.kind, "transport");
      assert.match(error.message, /command rpc not found/);
      return true;
    });
  });

  test("forcing fetch ignores the app's bridge; forcing tauri outside the app fails clearly", async () => {
    installTauri(async () => assert.fail("the bridge must not be used"));
    const network = recordingFetch();
    const viaFetch = createClient({ transport: "fetch", baseUrl: "http://127.0.0.1:9", fetch: network.fetch });
    assert.deepEqual(await viaFetch.system.version(), { version: "from-fetch" });

    delete (globalThis as { window?: unknown }).window;
    const viaTauri = createClient({ transport: "tauri" });
    await assert.rejects(viaTauri.system.version(), (error: unknown) => {
      assert.ok(error instanceof SentError);
      assert.equal(error.kind, "transport");
      assert.match(error.message, /not run inside the desktop app/);
      return true;
    });
  });

  test("a batch goes through IPC as an array of requests", async () => {
    const invocations = installTauri(async (_command, args) =>
      (args.request as readonly { id: number; params?: unknown }[]).map((r) => ({ jsonrpc: "2.0", result: r.params, id: r.id })),
    );
    const sent = createClient({ batch: true });
    const [a, b] = await Promise.all([sent.system.echo({ message: "a" }), sent.system.echo({ message: "b" })]);
    assert.deepEqual([a, b], [{ message: "a" }, { message: "b" }]);
    assert.equal(invocations.length, 1);
    assert.ok(Array.isArray(invocations[0]?.args.request));
  });
});
