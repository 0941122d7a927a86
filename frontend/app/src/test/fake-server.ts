/**
 * A stand-in for sent-server's `/api/rpc`, behind the real SDK client: the
 * SDK's own request building, response reading and error typing run as in
 * the browser, and a test sees each call (method, params, organization)
 * and decides its answer.
 */

import { createClient, type Sent } from "@sent/sdk";

export interface RecordedCall {
  readonly method: string;
  readonly params: unknown;
  readonly organization: string | null;
  readonly csrf: string | null;
}

export type Answer = { readonly result: unknown } | { readonly error: { code: number; message: string; data: Record<string, unknown> } };

export type Handler = (params: unknown, organization: string | null) => Answer | Promise<Answer>;

export interface FakeServer {
  readonly client: Sent;
  readonly calls: RecordedCall[];
  /** The calls of one method. */
  callsOf(method: string): RecordedCall[];
}

export function ok(result: unknown): Answer {
  return { result };
}

export function fail(kind: string, code: number, message: string, data: Record<string, unknown> = {}): Answer {
  return { error: { code, message, data: { kind, requestId: "req-test-1", ...data } } };
}

export function fakeServer(handlers: Readonly<Record<string, Handler>>): FakeServer {
  const calls: RecordedCall[] = [];
  const fakeFetch: typeof fetch = async (_input, init) => {
    const headers = new Headers(init?.headers);
    const request = JSON.parse(String(init?.body)) as { method: string; params?: unknown; id: number | string };
    const organization = headers.get("Sent-Organization");
    calls.push({ method: request.method, params: request.params, organization, csrf: headers.get("X-Sent-Csrf") });
    const handler = handlers[request.method];
    const answer: Answer =
      handler === undefined ? fail("methodNotFound", -32601, `no handler for ${request.method} in this test`) : await handler(request.params, organization);
    return new Response(JSON.stringify({ jsonrpc: "2.0", ...answer, id: request.id }), { status: 200, headers: { "content-type": "application/json" } });
  };
  return {
    client: createClient({ transport: "fetch", fetch: fakeFetch }),
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
  };
}
