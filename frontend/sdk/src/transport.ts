/**
 * The two ways a request travels. Both carry the same JSON-RPC 2.0 request
 * (or batch) and hand back the parsed response; they differ only in how
 * credentials and the organization go along.
 *
 * ## fetch
 *
 * `POST {baseUrl}/api/rpc`, body the request, `Content-Type:
 * application/json`. With a bearer token: `Authorization: Bearer <token>`.
 * Without one the browser's session cookie goes along (`credentials:
 * "include"`) with `X-Sent-Csrf: 1`, the header the server requires of a
 * cookie-authenticated call and no other site can set. The organization goes
 * in `Sent-Organization`. Works wherever `fetch` does: browsers, Node 20 and
 * later, Deno, Bun.
 *
 * ## Tauri (inside the desktop app)
 *
 * One command, `rpc`, invoked as
 * `window.__TAURI_INTERNALS__.invoke("rpc", args)` with `args` a
 * {@link TauriRpcArgs}: `{ request, organization? }`, where `request` is the
 * JSON-RPC request object (or an array of them, a batch) exactly as it would
 * be posted to `/api/rpc`, and `organization` what `Sent-Organization` would
 * carry (absent when none). The command resolves to the JSON-RPC response
 * object exactly as `/api/rpc` would answer (an array for a batch). The
 * desktop host holds the signed-in session, so no token crosses the IPC. The
 * command rejects only when the request could not be handled at all.
 */

import { SentError } from "./errors.js";
import type { JsonRpcRequest } from "./jsonrpc.js";

/** The argument of the desktop app's `rpc` command. */
export interface TauriRpcArgs {
  /** A JSON-RPC 2.0 request, or a batch of them. */
  readonly request: JsonRpcRequest | readonly JsonRpcRequest[];
  /** The organization the call acts in (an id); absent when none. */
  readonly organization?: string;
}

/** The page's bridge into the desktop app, as Tauri v2 injects it. */
export interface TauriInternals {
  invoke(command: string, args?: unknown, options?: unknown): Promise<unknown>;
}

/** What one request is sent with. */
export interface Envelope {
  readonly body: JsonRpcRequest | readonly JsonRpcRequest[];
  readonly organization: string | null;
  /** Fires when no call of the request is waiting for its answer any more. */
  readonly signal: AbortSignal;
  /** The id to put on a transport error. */
  readonly localId: string;
}

/** A way to send a request. */
export interface Transport {
  readonly name: "fetch" | "tauri";
  /** The parsed response: an object, an array (batch), or `null` (no content). */
  send(envelope: Envelope): Promise<unknown>;
}

/** The desktop app's bridge, when the page runs inside it. */
export function tauriInternals(): TauriInternals | undefined {
  // The property is not enumerable: look it up directly.
  const internals = (globalThis as { window?: { __TAURI_INTERNALS__?: Partial<TauriInternals> } }).window
    ?.__TAURI_INTERNALS__;
  return typeof internals?.invoke === "function" ? (internals as TauriInternals) : undefined;
}

export function tauriTransport(internals: TauriInternals): Transport {
  return {
    name: "tauri",
    async send(envelope) {
      const args: TauriRpcArgs =
        envelope.organization === null
          ? { request: envelope.body }
          : { request: envelope.body, organization: envelope.organization };
      try {
        return await internals.invoke("rpc", args);
      } catch (cause) {
        throw transportError(`The desktop app's rpc command failed: ${describe(cause)}`, envelope, cause);
      }
    },
  };
}

/** How the fetch transport authenticates and where it sends. */
export interface FetchSettings {
  readonly baseUrl: string | undefined;
  readonly token: (() => string | Promise<string>) | undefined;
  readonly fetch: typeof fetch | undefined;
}

export function fetchTransport(settings: FetchSettings): Transport {
  return {
    name: "fetch",
    async send(envelope) {
      const url = endpoint(settings.baseUrl, envelope);
      const headers: Record<string, string> = {
        "Content-Type": "application/json",
        Accept: "application/json",
      };
      if (settings.token !== undefined) {
        let token: string;
        try {
          token = await settings.token();
        } catch (cause) {
          throw transportError(`The token provider failed: ${describe(cause)}`, envelope, cause);
        }
        headers["Authorization"] = `Bearer ${token}`;
      } else {
        headers["X-Sent-Csrf"] = "1";
      }
      if (envelope.organization !== null) {
        headers["Sent-Organization"] = envelope.organization;
      }
      const doFetch = settings.fetch ?? globalThis.fetch;
      if (typeof doFetch !== "function") {
        throw transportError("No fetch here: pass one as the `fetch` option", envelope);
      }
      let response: Response;
      try {
        response = await doFetch(url, {
          method: "POST",
          headers,
          body: JSON.stringify(envelope.body),
          credentials: settings.token === undefined ? "include" : "same-origin",
          signal: envelope.signal,
        });
      } catch (cause) {
        throw transportError(`POST ${url} failed: ${describe(cause)}`, envelope, cause);
      }
      if (response.status === 204) {
        return null;
      }
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        throw transportError(`Reading the response of POST ${url} failed: ${describe(cause)}`, envelope, cause);
      }
      try {
        return JSON.parse(text) as unknown;
      } catch {
        // Not JSON-RPC at all: a proxy's error page, a wrong URL.
        const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
        throw new SentError({
          kind: "transport",
          message: `POST ${url} answered HTTP ${status} without a JSON-RPC response`,
          requestId: envelope.localId,
          data: { status: response.status, body: text.slice(0, 200) },
        });
      }
    },
  };
}

function endpoint(baseUrl: string | undefined, envelope: Envelope): string {
  const base = (baseUrl ?? "").replace(/\/+$/, "");
  const url = `${base}/api/rpc`;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url) && (globalThis as { location?: unknown }).location === undefined) {
    throw transportError("Outside a browser page the client needs a `baseUrl`, such as http://127.0.0.1:8080", envelope);
  }
  return url;
}

function transportError(message: string, envelope: Envelope, cause?: unknown): SentError<"transport"> {
  return new SentError({ kind: "transport", message, requestId: envelope.localId, cause });
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : "";
    return `${cause.message}${inner}`;
  }
  return String(cause);
}
