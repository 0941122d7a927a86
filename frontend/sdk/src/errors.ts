/**
 * Errors. Every failed call rejects with a {@link SentError}: either the
 * server's error (its `kind` is the server's `error.data.kind`) or one the
 * client met on the way (`transport`, `aborted`, `deadline`,
 * `invalidResponse`). Each carries a request id: the server's when the call
 * reached it (quote it when asking about a failure: the server's log has it),
 * otherwise a client-made one starting with `local-`.
 */

import { errorCodes, methodTable, type MethodErrorKinds } from "./generated/methods.js";
import type { JsonRpcErrorObject } from "./jsonrpc.js";

/** The kinds of error the server sends, by name (`error.data.kind`). */
export type ServerErrorKind = keyof typeof errorCodes;

/**
 * The kinds of error met on the client's side:
 * - `transport`: the request or its response did not make it (network, HTTP
 *   status without a JSON-RPC answer, unreadable body, IPC failure);
 * - `aborted`: the caller's `AbortSignal` fired;
 * - `deadline`: the call's `timeoutMs` passed;
 * - `invalidResponse`: the response does not match the schema (only with
 *   response validation on): the server and this SDK disagree on a type.
 */
export type ClientErrorKind = "transport" | "aborted" | "deadline" | "invalidResponse";

/** Every kind a {@link SentError} can have. */
export type ErrorKind = ServerErrorKind | ClientErrorKind;

/**
 * The codes of client-side errors. They lie outside the range JSON-RPC
 * reserves (-32768 to -32000), so they never collide with a server's code.
 */
export const clientErrorCodes = {
  transport: -1,
  aborted: -2,
  deadline: -3,
  invalidResponse: -4,
} as const satisfies Record<ClientErrorKind, number>;

/** A method's wire name, such as `"ledger.createAccount"`. */
export type MethodName = keyof MethodErrorKinds;

/** What every error carries beside its kind. */
export interface SentErrorInit<K extends ErrorKind> {
  readonly kind: K;
  readonly message: string;
  readonly requestId: string;
  /** The JSON-RPC code; defaults to the kind's. */
  readonly code?: number | undefined;
  readonly data?: Readonly<Record<string, unknown>> | undefined;
  readonly method?: string | undefined;
  readonly cause?: unknown;
}

/**
 * A failed call. `kind` tells what went wrong; narrow on it (`switch
 * (error.kind)`), or use {@link isErrorOf} to get exactly the kinds one
 * method can end with.
 */
export class SentError<K extends ErrorKind = ErrorKind> extends Error {
  override readonly name = "SentError";
  /** What went wrong. */
  readonly kind: K;
  /** The JSON-RPC code (negative; client-side kinds have {@link clientErrorCodes}). */
  readonly code: number;
  /** The server's id for the request, or a `local-` id when it never answered. */
  readonly requestId: string;
  /**
   * The server's `error.data` without `kind` and `requestId`: for example
   * `field` on a `validation` error, `path` on `invalidParams`.
   */
  readonly data: Readonly<Record<string, unknown>>;
  /** The method called (absent only when no single method is to blame). */
  readonly method: string | undefined;

  constructor(init: SentErrorInit<K>) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.code = init.code ?? codeOf(init.kind);
    this.requestId = init.requestId;
    this.data = Object.freeze({ ...init.data });
    this.method = init.method;
  }
}

function codeOf(kind: ErrorKind): number {
  return isServerKind(kind) ? errorCodes[kind] : clientErrorCodes[kind];
}

function isServerKind(kind: string): kind is ServerErrorKind {
  return Object.prototype.hasOwnProperty.call(errorCodes, kind);
}

/**
 * The error of a JSON-RPC error object. Its kind is `data.kind`, or, from a
 * server that does not send one, the kind of its code; a kind this SDK does
 * not know (a newer server) becomes `internal`, with the server's name kept in
 * `data.kind`.
 */
export function fromErrorObject(error: JsonRpcErrorObject, method: string | undefined, localId: string): SentError {
  const data = typeof error.data === "object" && error.data !== null && !Array.isArray(error.data) ? { ...(error.data as Record<string, unknown>) } : {};
  const named = data["kind"];
  const requestId = typeof data["requestId"] === "string" && data["requestId"] !== "" ? data["requestId"] : localId;
  delete data["requestId"];
  let kind: ServerErrorKind;
  if (typeof named === "string" && isServerKind(named)) {
    kind = named;
    delete data["kind"];
  } else {
    const byCode = (Object.keys(errorCodes) as ServerErrorKind[]).find((k) => errorCodes[k] === error.code);
    kind = byCode ?? "internal";
  }
  return new SentError({ kind, code: error.code, message: error.message, requestId, data, method });
}

/** Whether `error` is a {@link SentError}. */
export function isSentError(error: unknown): error is SentError {
  return error instanceof SentError;
}

/**
 * The errors `M` can end with, as a union discriminated on `kind`: the kinds
 * the method declares, those any call can meet, and the client-side kinds.
 */
export type ErrorOf<M extends MethodName> = {
  [K in MethodErrorKinds[M] | ClientErrorKind]: SentError<K>;
}[MethodErrorKinds[M] | ClientErrorKind];

const declaredKinds: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.values(methodTable).flatMap((app) =>
    Object.values(app).map((entry): [string, ReadonlySet<string>] => [entry.method, new Set<string>(entry.errors)]),
  ),
);

const clientKinds: ReadonlySet<string> = new Set(Object.keys(clientErrorCodes));

/**
 * Whether `error` is a failure of `method` of a kind the method can end
 * with; if so, `error.kind` narrows to exactly those kinds. An error of a kind
 * the method does not declare (a newer server) answers `false`: handle it as
 * a plain {@link SentError}.
 */
export function isErrorOf<M extends MethodName>(error: unknown, method: M): error is ErrorOf<M> {
  if (!(error instanceof SentError) || error.method !== method) {
    return false;
  }
  return clientKinds.has(error.kind) || (declaredKinds.get(method)?.has(error.kind) ?? false);
}

/** A request id for an error the server never saw. */
export function localRequestId(): string {
  const crypto = (globalThis as { crypto?: Partial<Crypto> }).crypto;
  if (typeof crypto?.randomUUID === "function") {
    return `local-${crypto.randomUUID()}`;
  }
  // `randomUUID` exists only in secure contexts; any random id will do.
  const bytes = new Uint8Array(16);
  if (typeof crypto?.getRandomValues === "function") {
    crypto.getRandomValues(bytes);
  } else {
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = Math.floor(Math.random() * 256);
    }
  }
  return `local-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
