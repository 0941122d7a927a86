/** What a client and each call can be told. */

import type { OpenRpcDocument } from "./validate.js";

/** Options of one call, the last argument of every method. */
export interface CallOptions {
  /**
   * Abort the call: it rejects at once with a `SentError` of kind `aborted`.
   * A call already sent may still run on the server (a mutation may still
   * happen); only its answer is dropped.
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Give up on the call after this many milliseconds: it rejects with kind
   * `deadline`. Overrides the client's `timeoutMs`.
   */
  readonly timeoutMs?: number | undefined;
  /**
   * The organization (its id) the call acts in, sent as the
   * `Sent-Organization` header; overrides the client's. `null` sends none.
   */
  readonly organization?: string | null | undefined;
}

/** Where the client sends calls. */
export type TransportChoice =
  /** The desktop app's IPC when the page runs inside it, `fetch` otherwise. */
  | "auto"
  /** `POST {baseUrl}/api/rpc`. */
  | "fetch"
  /** The desktop app's `rpc` command; fails outside the app. */
  | "tauri";

/** Options of a client. */
export interface ClientOptions {
  /**
   * Where the server is, such as `"https://sent.example.com"`; calls go to
   * `{baseUrl}/api/rpc`. Defaults to the page's own origin, so it is needed
   * everywhere but in a browser page served by SENT.
   */
  readonly baseUrl?: string | undefined;
  /**
   * A bearer access token, asked for before every request (return a cached
   * token; refresh it when it is about to expire). Without it the client
   * relies on the browser's session cookie, which the server accepts with the
   * anti-forgery header the client then sends.
   */
  readonly token?: (() => string | Promise<string>) | undefined;
  /**
   * The organization (its id) calls act in, or a function asked before every
   * request (for an app that switches organizations). A call's own
   * `organization` option wins.
   */
  readonly organization?: string | (() => string | null | undefined) | undefined;
  /** A deadline for every call, in milliseconds; none by default. */
  readonly timeoutMs?: number | undefined;
  /**
   * Send the calls made in the same tick as one JSON-RPC batch (one request,
   * responses matched by id). Off by default. `maxSize` caps a batch (the
   * server's limit is 100 by default); more calls go in several batches.
   */
  readonly batch?: boolean | { readonly maxSize?: number } | undefined;
  /** Where calls go; `"auto"` by default. */
  readonly transport?: TransportChoice | undefined;
  /** The `fetch` to use; the global one by default. */
  readonly fetch?: typeof fetch | undefined;
  /**
   * Check every result against the method's result schema in this OpenRPC
   * document (`@sent/sdk/openrpc.json`). Meant for development builds: a
   * mismatch (the server and this SDK disagree on a type) rejects the call
   * with kind `invalidResponse` instead of handing on a value of the wrong
   * shape.
   */
  readonly validate?: OpenRpcDocument | undefined;
}
